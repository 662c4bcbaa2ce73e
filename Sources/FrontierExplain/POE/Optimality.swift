import FrontierSolvers

/// Certificates that a POE solution is optimal for its mix: the KKT residual (how far
/// zero is from the objective's subdifferential, relative to the gradient's scale) and,
/// where a dual point is at hand, the relative duality gap.
///
/// - Quadratic mixes: `|H W - B| / max(|B|, |H W|)`; the gap is `Q(W) - min Q = 1/2 r^T H^-1 r`
///   (`r = H W - B`) over the objective.
/// - With complexity: per entry `g + l_C sign(w)` where w != 0, `max(0, |g| - l_C)` where w = 0.
///   Gap (when `l_Fg > 0`, so H is invertible): the dual point `v = clip(B - H W, +-l_C)` gives the
///   lower bound `c - 1/2 (B - v)^T H^-1 (B - v)`.
/// - With R-max: the certificate P turns each maximum into a P-weighted sum; stationarity is
///   checked for that quadratic, and complementary slackness `sum_n' p_nn' (max_n - S |w_n - w_n'|^2)`
///   relative to R-max. Gap (no complexity, `l_Fg > 0`, up to 600 unknowns): the P-weighted
///   quadratic's minimum is a lower bound of the objective.
struct Optimality {
    let quadratic: QuadraticPart

    init(quadratic: QuadraticPart) {
        var q = quadratic
        q.identityShift = 0
        q.completeShift = 0
        self.quadratic = q
    }

    var weights: PropertyWeights { quadratic.weights }

    /// `M_nn' = p_nn' S_nn'`, symmetrised: the weights R-max becomes for fixed P.
    private func maxWeights(_ dual: DualCertificate) -> DenseMatrix {
        let n = quadratic.n
        var m = DenseMatrix(rows: n, cols: n)
        for a in 0..<n {
            for c in 0..<n where c != a {
                let s = quadratic.problem.similarity.map { $0[a, c] } ?? 1
                m[a, c] += 0.5 * dual.p[a, c] * s
                m[c, a] += 0.5 * dual.p[a, c] * s
            }
        }
        return m
    }

    /// `l_Rm grad sum_{n, n'} M_nn' |w_n - w_n'|^2 = 4 l_Rm Lap(M) W`.
    private func maxGradient(_ w: DenseMatrix, _ m: DenseMatrix) -> DenseMatrix {
        let (n, d) = (quadratic.n, quadratic.d)
        var g = DenseMatrix(rows: n, cols: d)
        for a in 0..<n {
            for c in 0..<n where m[a, c] != 0 {
                for j in 0..<d { g[a, j] += 4 * weights.rMax * m[a, c] * (w[a, j] - w[c, j]) }
            }
        }
        return g
    }

    func kktResidual(_ w: DenseMatrix, maxDual: DualCertificate?) -> Double {
        kktResidual(w, hw: quadratic.apply(w), maxDual: maxDual)
    }

    /// Both certificates, sharing one product `H W`.
    func certify(_ w: DenseMatrix, objective: Double, maxDual: DualCertificate?) throws(ExplainError) -> (kkt: Double, gap: Double?) {
        let hw = quadratic.apply(w)
        return (kktResidual(w, hw: hw, maxDual: maxDual), try dualityGap(w, hw: hw, objective: objective, maxDual: maxDual))
    }

    private func kktResidual(_ w: DenseMatrix, hw: DenseMatrix, maxDual: DualCertificate?) -> Double {
        let b = quadratic.linearTerm
        var g = hw - b
        var scale = max(b.norm, hw.norm)
        var slackness = 0.0
        if weights.rMax > 0, let dual = maxDual {
            let extra = maxGradient(w, maxWeights(dual))
            g.add(extra)
            scale = max(scale, extra.norm)
            slackness = self.slackness(w, dual)
        }
        let lambda = weights.complexity
        if lambda > 0 {
            scale = max(scale, lambda * Double(w.count).squareRoot())
            for i in g.values.indices {
                let x = w.values[i]
                g.values[i] = x > 0 ? g.values[i] + lambda : (x < 0 ? g.values[i] - lambda : max(0, abs(g.values[i]) - lambda))
            }
        }
        return max(g.norm / max(scale, 1e-300), slackness)
    }

    /// `sum_n sum_n' p_nn' (max_n - S_nn' |w_n - w_n'|^2)` relative to R-max.
    private func slackness(_ w: DenseMatrix, _ dual: DualCertificate) -> Double {
        let n = quadratic.n
        var total = 0.0, rMax = 0.0
        for a in 0..<n {
            let values = (0..<n).map { c -> Double in
                c == a ? 0 : (quadratic.problem.similarity.map { $0[a, c] } ?? 1) * PropertyLosses.squaredDistance(w, a, c)
            }
            let largest = values.max() ?? 0
            rMax += largest
            for c in 0..<n where c != a { total += dual.p[a, c] * (largest - values[c]) }
        }
        return total / max(rMax, 1e-300)
    }

    private func dualityGap(_ w: DenseMatrix, hw: DenseMatrix, objective: Double, maxDual: DualCertificate?) throws(ExplainError) -> Double? {
        let scale = max(abs(objective), 1e-300)
        let b = quadratic.linearTerm
        if weights.rMax > 0 {
            guard weights.complexity == 0, weights.fGrad > 0, let dual = maxDual,
                  quadratic.n * quadratic.d <= 600 else { return nil }
            // min_W Q(W) + l_Rm sum M |w_n - w_n'|^2 = c - 1/2 B^T H_P^-1 B, by a dense solve.
            var h = quadratic.assembled()
            let m = maxWeights(dual)
            let laplacian: DenseMatrix
            do { laplacian = try Laplacian.of(m) } catch { return nil }
            let (n, d) = (quadratic.n, quadratic.d)
            for a in 0..<n {
                for c in 0..<n where laplacian[a, c] != 0 {
                    for j in 0..<d { h[a * d + j, c * d + j] += 4 * weights.rMax * laplacian[a, c] }
                }
            }
            guard let factor = try? Cholesky(h) else { return nil }
            let x = factor.solve(b.values)
            let lower = quadratic.constant - 0.5 * Vector.dot(b.values, x)
            return max(0, objective - lower) / scale
        }
        if weights.complexity > 0 {
            guard weights.fGrad > 0 else { return nil }
            let lambda = weights.complexity
            var v = b - hw
            v.values = v.values.map { min(max($0, -lambda), lambda) }
            let lower = quadratic.constant - 0.5 * (try quadratic.inverseQuadraticForm(b - v))
            return max(0, objective - lower) / scale
        }
        // Q(W) - min Q = 1/2 r^T H^-1 r with r = H W - B.
        return max(0, 0.5 * (try quadratic.inverseQuadraticForm(hw - b))) / scale
    }
}
