import FrontierSolvers

/// The dual side of R-max at a solution: for each row n a distribution `p_n.` over the
/// other rows, supported on those at the maximum. For fixed P, R-max's maximum becomes the
/// quadratic `sum_n sum_n' p_nn' S_nn' |w_n - w_n'|^2`, which gives a Lagrangian bound.
struct DualCertificate {
    /// `N x N`, row n sums to 1, zero diagonal.
    var p: DenseMatrix
}

/// Minimises a POE mix with R-max (`l_Rm sum_n max_n' S_nn' |w_n - w_n'|^2`) by ADMM over
/// the pairwise differences `D_nn' = w_n - w_n'` (all ordered pairs) and, with complexity,
/// a copy `Z = W`:
///
/// - W-step: `(H + 2 rho L_complete + rho I) W = B + rho A^T (v)`, exact in the joint
///   eigenbasis (every Laplacian commutes with the complete graph's);
/// - D-step: per row n, the exact proximal map of `max_n' S_nn' |d_nn'|^2`
///   (`ProximalOperators.maxSquaredNorm`); Z-step: soft thresholding.
///
/// The epigraph form of the paper (Eq. 12) has N^2 quadratic constraints; this splitting
/// handles the same maxima with one sort per row per iteration.
struct MaxRobustnessSolver {
    let quadratic: QuadraticPart
    let options: TransductiveSolverOptions

    var n: Int { quadratic.n }
    var d: Int { quadratic.d }
    var weights: PropertyWeights { quadratic.weights }
    var withComplexity: Bool { weights.complexity > 0 }
    /// Entries of the pairwise block: N (N - 1) differences of D values.
    var pairEntries: Int { n * (n - 1) * d }

    /// S_nn' for the maximum (1 when uniform).
    func similarity(_ a: Int, _ b: Int) -> Double {
        quadratic.problem.similarity.map { $0[a, b] } ?? 1
    }

    func solve(warm: TransductiveSolver.WarmStart?) throws(ExplainError) -> (w: DenseMatrix, iterations: Int, state: ADMM.State, dual: DualCertificate) {
        let size = n * d
        let zCount = pairEntries + (withComplexity ? size : 0)
        let b = quadratic.linearTerm
        var failure: ExplainError?
        let rowWeights = (0..<n).map { a in (0..<n).filter { $0 != a }.map { similarity(a, $0) } }
        let problem = ADMM.Problem(
            applyA: { applyA($0) }, applyAT: { applyAT($0) },
            xUpdate: { v, rho, previous in
                var shifted = quadratic
                shifted.completeShift = 2 * rho
                shifted.identityShift = withComplexity ? rho : 0
                var rhs = b
                Vector.axpy(rho, applyAT(v), into: &rhs.values)
                do { return try shifted.solve(rhs, warm: DenseMatrix(rows: n, cols: d, values: previous)).values } catch {
                    failure = (error as? ExplainError) ?? ExplainError("poe: \(error)")
                    return previous
                }
            },
            zUpdate: { v, rho in
                var z = v
                let block = (n - 1) * d
                for a in 0..<n {
                    let slice = Array(v[(a * block)..<((a + 1) * block)])
                    let prox = ProximalOperators.maxSquaredNorm(slice, width: d, weights: rowWeights[a], tau: weights.rMax / rho)
                    z.replaceSubrange((a * block)..<((a + 1) * block), with: prox.d)
                }
                if withComplexity {
                    let tail = Array(v[pairEntries...])
                    z.replaceSubrange(pairEntries..., with: ProximalOperators.softThreshold(tail, weights.complexity / rho))
                }
                return z
            })
        var state: ADMM.State
        if let previous = warm?.admm, previous.z.count == zCount {
            state = previous
        } else {
            let w = warm?.explanations.values ?? [Double](repeating: 0, count: size)
            state = ADMM.State(x: w, z: applyA(w), u: [Double](repeating: 0, count: zCount),
                               rho: max(2 * weights.fGrad, weights.rMax, 1e-6))
        }
        let optimality = Optimality(quadratic: quadratic)
        var total = 0
        var relative = options.tolerance
        while true {
            let scale = max(b.norm, 1e-300) / Double(size).squareRoot()
            state = ADMM.solve(problem, from: state, options: ADMM.Options(
                absoluteTolerance: relative * 1e-2 * scale, relativeTolerance: relative, maxIterations: options.maxIterations - total))
            if let failure { throw failure }
            total += state.iterations
            let w = solution(state)
            let dual = certificate(state, w)
            if optimality.kktResidual(w, maxDual: dual) <= options.tolerance || total >= options.maxIterations || relative < 1e-15 {
                state.iterations = total
                return (w, total, state, dual)
            }
            relative /= 10
        }
    }

    /// The explanations: ADMM's W (with complexity, its sparse copy Z).
    private func solution(_ state: ADMM.State) -> DenseMatrix {
        withComplexity ? DenseMatrix(rows: n, cols: d, values: Array(state.z[pairEntries...]))
                       : DenseMatrix(rows: n, cols: d, values: state.x)
    }

    /// P from the multipliers of `D = differences(W)`: at a solution `y_nn' = 2 l_Rm p_nn' S_nn' d_nn'`.
    func certificate(_ state: ADMM.State, _ w: DenseMatrix) -> DualCertificate {
        var p = DenseMatrix(rows: n, cols: n)
        let y = state.multiplier
        let diffs = applyA(w.values)
        for a in 0..<n {
            var mass = 0.0, best = -1.0, bestIndex = a == 0 ? 1 : 0
            for (k, c) in (0..<n).filter({ $0 != a }).enumerated() {
                let offset = (a * (n - 1) + k) * d
                var dy = 0.0, dd = 0.0
                for j in 0..<d { dy += y[offset + j] * diffs[offset + j]; dd += diffs[offset + j] * diffs[offset + j] }
                let s = similarity(a, c)
                if s * dd > best { best = s * dd; bestIndex = c }
                let value = s * dd > 0 ? max(0, dy / (2 * weights.rMax * s * dd)) : 0
                p[a, c] = value
                mass += value
            }
            if mass > 0 {
                for c in 0..<n { p[a, c] /= mass }
            } else if n > 1 {
                p[a, bestIndex] = 1
            }
        }
        return DualCertificate(p: p)
    }

    /// All ordered pairwise differences `w_n - w_n'` (n' != n, in order), then W itself with complexity.
    func applyA(_ x: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: pairEntries + (withComplexity ? n * d : 0))
        var offset = 0
        for a in 0..<n {
            for c in 0..<n where c != a {
                for j in 0..<d { out[offset + j] = x[a * d + j] - x[c * d + j] }
                offset += d
            }
        }
        if withComplexity { out.replaceSubrange(pairEntries..., with: x) }
        return out
    }

    func applyAT(_ y: [Double]) -> [Double] {
        var out = withComplexity ? Array(y[pairEntries...]) : [Double](repeating: 0, count: n * d)
        var offset = 0
        for a in 0..<n {
            for c in 0..<n where c != a {
                for j in 0..<d {
                    out[a * d + j] += y[offset + j]
                    out[c * d + j] -= y[offset + j]
                }
                offset += d
            }
        }
        return out
    }
}
