extension LinearFit {
    /// Weighted ridge regressions of several targets on the same rows and weights (LIME's
    /// local models of every output at one row), each minimising
    /// `sum_i w_i (y_i - b - c.x_i)^2 + ridge |c|^2` with the intercept unpenalised, as `ridge` does.
    ///
    /// The centred, weighted design's Gram matrix is formed once by one BLAS `syrk` in single
    /// precision (and each right-hand side by one product) instead of `ridge`'s row-by-row
    /// double-precision sums, which makes it several times faster on thousands of rows; the
    /// solve is in double precision. The coefficients agree with `ridge`'s to single precision,
    /// not to the bit.
    public static func ridge(_ x: Matrix, targets: [[Double]], sampleWeights w: [Double], ridge: Double) -> [Coefficients] {
        let n = x.rows, d = x.cols
        precondition(w.count == n && targets.allSatisfy { $0.count == n }, "ridge: one weight and target per row")
        let wSum = w.reduce(0, +)
        guard n > 0, d > 0, wSum > 0 else {
            return targets.map { _ in Coefficients(weights: [Double](repeating: 0, count: d), intercept: 0) }
        }
        var mean = [Double](repeating: 0, count: d)
        x.scalars.withUnsafeBufferPointer { xs in
            for i in 0..<n where w[i] != 0 {
                let wi = w[i]
                for j in 0..<d { mean[j] += wi * Double(xs[i * d + j]) }
            }
        }
        for j in 0..<d { mean[j] /= wSum }
        // The design sqrt(w_i) (x_i - mean): its Gram matrix is sum_i w_i r_i r_i^T.
        let roots = w.map { Float($0.squareRoot()) }
        let centre = mean.map(Float.init)
        var design = [Float](repeating: 0, count: n * d)
        var gram = [Float](repeating: 0, count: d * d)
        x.scalars.withUnsafeBufferPointer { xs in
            design.withUnsafeMutableBufferPointer { a in
                for i in 0..<n {
                    let s = roots[i]
                    for j in 0..<d { a[i * d + j] = s * (xs[i * d + j] - centre[j]) }
                }
                gram.withUnsafeMutableBufferPointer { g in
                    BLAS.gram(n: d, k: n, a: a.baseAddress!, lda: d, c: g.baseAddress!, ldc: d)
                }
            }
        }
        var normal = [Double](repeating: 0, count: d * d)
        var trace = 0.0
        for j in 0..<d { trace += Double(gram[j * d + j]) }
        let jitter = max(ridge, 1e-10 * max(trace / Double(d), 1))
        for j in 0..<d {
            for k in j..<d { normal[j * d + k] = Double(gram[j * d + k]); normal[k * d + j] = normal[j * d + k] }
            normal[j * d + j] += jitter
        }
        return targets.map { y in
            var yMean = 0.0
            for i in 0..<n { yMean += w[i] * y[i] }
            yMean /= wSum
            // Right-hand side A^T (sqrt(w) (y - yMean)), one product.
            let scaled = (0..<n).map { Float(Double(roots[$0]) * (y[$0] - yMean)) }
            var rhs = [Float](repeating: 0, count: d)
            design.withUnsafeBufferPointer { a in
                scaled.withUnsafeBufferPointer { v in
                    rhs.withUnsafeMutableBufferPointer { out in
                        BLAS.gemm(transposeA: true, transposeB: false, m: d, n: 1, k: n, a: a.baseAddress!, lda: d,
                                  b: v.baseAddress!, ldb: 1, c: out.baseAddress!, ldc: 1)
                    }
                }
            }
            let coef = BLAS.solvePositiveDefinite(normal, rhs.map(Double.init), n: d) ?? [Double](repeating: 0, count: d)
            var intercept = yMean
            for j in 0..<d { intercept -= coef[j] * mean[j] }
            return Coefficients(weights: coef, intercept: intercept)
        }
    }
}
