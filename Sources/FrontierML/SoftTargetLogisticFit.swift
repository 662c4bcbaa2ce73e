import Foundation

extension LinearFit {
    /// L2-regularised logistic regression on soft targets `t_i` in [0, 1] (another model's
    /// probabilities): minimises `sum_i -(t_i log p_i + (1 - t_i) log(1 - p_i)) + (l2 / 2) |c|^2`
    /// with `p_i = sigmoid(c . x_i + b)`, the intercept unpenalised, by Newton's method from
    /// `start` (zero by default) with a backtracking line search, until no coefficient moves
    /// by more than `tolerance`.
    ///
    /// The Hessian `X^T diag(p (1 - p)) X` is one `dgemm` per step, so a refit on tens of
    /// thousands of rows costs a fraction of a second, and a warm start from the previous
    /// fit (the bi-level method refits as f drifts) converges in two or three steps.
    public static func logistic(_ x: Matrix, probabilities t: [Double], l2: Double, start: Coefficients? = nil,
                                maxIterations: Int = 50, tolerance: Double = 1e-9) -> Coefficients {
        let n = x.rows, d = x.cols, p = d + 1
        precondition(t.count == n, "logistic: \(t.count) targets for \(n) rows")
        precondition(l2 > 0, "logistic: soft targets need a positive l2 to keep the optimum finite")
        var design = [Double](repeating: 1, count: n * p)  // a trailing column of ones for the intercept
        for i in 0..<n { for j in 0..<d { design[i * p + j] = Double(x.scalars[i * d + j]) } }
        var beta = start.map { $0.weights + [$0.intercept] } ?? [Double](repeating: 0, count: p)
        precondition(beta.count == p, "logistic: the start has \(beta.count - 1) weights for \(d) features")

        func scores(_ b: [Double]) -> [Double] {
            var z = [Double](repeating: 0, count: n)
            BLAS.gemm(transposeA: false, transposeB: false, m: n, n: 1, k: p, a: design, lda: p, b: b, ldb: 1, c: &z, ldc: 1)
            return z
        }
        func objective(_ b: [Double], _ z: [Double]) -> Double {
            var total = 0.0
            // -[t log p + (1 - t) log(1 - p)] = log(1 + e^z) - t z, computed without overflow.
            for i in 0..<n { total += max(z[i], 0) + Foundation.log1p(Foundation.exp(-abs(z[i]))) - t[i] * z[i] }
            for j in 0..<d { total += 0.5 * l2 * b[j] * b[j] }
            return total
        }
        var z = scores(beta)
        var value = objective(beta, z)
        var weighted = [Double](repeating: 0, count: n * p)
        for _ in 0..<maxIterations {
            var residual = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let mu = 1 / (1 + Foundation.exp(-z[i]))
                residual[i] = mu - t[i]
                let s = max(mu * (1 - mu), 1e-12).squareRoot()
                for j in 0..<p { weighted[i * p + j] = s * design[i * p + j] }
            }
            var gradient = [Double](repeating: 0, count: p), hessian = [Double](repeating: 0, count: p * p)
            BLAS.gemm(transposeA: true, transposeB: false, m: p, n: 1, k: n, a: design, lda: p, b: residual, ldb: 1,
                      c: &gradient, ldc: 1)
            BLAS.gemm(transposeA: true, transposeB: false, m: p, n: p, k: n, a: weighted, lda: p, b: weighted, ldb: p,
                      c: &hessian, ldc: p)
            for j in 0..<d { gradient[j] += l2 * beta[j]; hessian[j * p + j] += l2 }
            hessian[d * p + d] += 1e-10
            guard let delta = BLAS.solvePositiveDefinite(hessian, gradient, n: p) else { break }
            var step = 1.0, accepted = false
            for _ in 0..<30 {
                let candidate = zip(beta, delta).map { $0 - step * $1 }
                let candidateScores = scores(candidate)
                let candidateValue = objective(candidate, candidateScores)
                if candidateValue <= value + 1e-12 * abs(value) {
                    beta = candidate
                    z = candidateScores
                    value = candidateValue
                    accepted = true
                    break
                }
                step /= 2
            }
            if !accepted || delta.map(abs).max()! * step < tolerance { break }
        }
        return Coefficients(weights: Array(beta[0..<d]), intercept: beta[d])
    }
}
