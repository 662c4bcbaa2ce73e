extension LinearFit {
    /// Least squares with several outputs on one design: for each column `k` of `targets`,
    /// minimises `sum_i (t_ik - b_k - c_k . x_i)^2`.
    ///
    /// The centred Gram matrix is formed once with `dgemm` and factorised once for all
    /// outputs (LAPACK `dposv` with several right-hand sides), so ten class logits of
    /// 784-pixel images cost one 784 x 784 solve, not ten. A tiny jitter (1e-10 of the mean
    /// diagonal) keeps rank-deficient designs solvable: constant pixels and full one-hot
    /// groups then get the minimum-norm-like solution.
    public static func leastSquares(_ x: Matrix, targets: Matrix) -> [Coefficients] {
        let n = x.rows, d = x.cols, k = targets.cols
        precondition(targets.rows == n && k >= 1, "leastSquares: \(targets.rows) target rows for \(n) rows")
        let zero = Coefficients(weights: [Double](repeating: 0, count: d), intercept: 0)
        guard n > 0 else { return Array(repeating: zero, count: k) }
        // Centre on the means so the intercepts drop out of the normal equations.
        var mean = [Double](repeating: 0, count: d), targetMean = [Double](repeating: 0, count: k)
        for i in 0..<n {
            for j in 0..<d { mean[j] += Double(x.scalars[i * d + j]) }
            for c in 0..<k { targetMean[c] += Double(targets.scalars[i * k + c]) }
        }
        for j in 0..<d { mean[j] /= Double(n) }
        for c in 0..<k { targetMean[c] /= Double(n) }
        var design = [Double](repeating: 0, count: n * d), response = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for j in 0..<d { design[i * d + j] = Double(x.scalars[i * d + j]) - mean[j] }
            for c in 0..<k { response[i * k + c] = Double(targets.scalars[i * k + c]) - targetMean[c] }
        }
        var gram = [Double](repeating: 0, count: d * d), rhs = [Double](repeating: 0, count: d * k)
        design.withUnsafeBufferPointer { a in
            gram.withUnsafeMutableBufferPointer { g in
                BLAS.gemm(transposeA: true, transposeB: false, m: d, n: d, k: n, a: a.baseAddress!, lda: d,
                          b: a.baseAddress!, ldb: d, c: g.baseAddress!, ldc: d)
            }
            response.withUnsafeBufferPointer { y in
                rhs.withUnsafeMutableBufferPointer { r in
                    BLAS.gemm(transposeA: true, transposeB: false, m: d, n: k, k: n, a: a.baseAddress!, lda: d,
                              b: y.baseAddress!, ldb: k, c: r.baseAddress!, ldc: k)
                }
            }
        }
        var trace = 0.0
        for j in 0..<d { trace += gram[j * d + j] }
        let jitter = 1e-10 * max(trace / Double(max(d, 1)), 1)
        for j in 0..<d { gram[j * d + j] += jitter }
        guard let solution = BLAS.solvePositiveDefinite(gram, rhs, n: d, rightHandSides: k) else {
            return Array(repeating: zero, count: k)
        }
        return (0..<k).map { c in
            let weights = (0..<d).map { solution[$0 * k + c] }
            var intercept = targetMean[c]
            for j in 0..<d { intercept -= weights[j] * mean[j] }
            return Coefficients(weights: weights, intercept: intercept)
        }
    }

    /// A linear network with one output per set of coefficients (output `k` computes
    /// `outputs[k]`), in `architecture`'s parameter layout.
    public static func model(_ outputs: [Coefficients], _ architecture: MLPArchitecture) -> MLP {
        MultinomialCoefficients(weights: outputs.map(\.weights), intercepts: outputs.map(\.intercept)).model(architecture)
    }
}
