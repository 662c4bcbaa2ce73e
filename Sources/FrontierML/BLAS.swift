import CBLAS

/// Matrix products and small dense solves, delegated to the system's OpenBLAS
/// (Debian `libopenblas-dev`) and LAPACKE (`liblapacke-dev`).
public enum BLAS {
    /// Threads OpenBLAS uses for one product. Small products (mini-batches of 32)
    /// run faster on one thread; large ones (full-dataset inference) gain from more.
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }

    /// OpenBLAS's description of its build and the CPU kernel it selected.
    public static var configuration: String {
        let config = openblas_get_config().map { String(cString: $0) } ?? "unknown"
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        return "\(config) core=\(core)"
    }

    /// `C = alpha * op(A) * op(B) + beta * C` on raw row-major buffers, where
    /// `op(A)` is `m x k` and `op(B)` is `k x n`.
    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                    beta, c, Int32(ldc))
    }

    /// The double-precision `C = alpha * op(A) * op(B) + beta * C` (`cblas_dgemm`), for the
    /// small dense systems that must not lose precision (least-squares normal equations).
    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        cblas_dgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                    beta, c, Int32(ldc))
    }

    /// The dot product of two equally long float vectors, accumulated in double precision
    /// (`cblas_dsdot`): the inner products of gradients that multi-objective steps compare.
    public static func dot(_ a: [Float], _ b: [Float]) -> Double {
        precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
        return cblas_dsdot(Int32(a.count), a, 1, b, 1)
    }

    /// Solves `A X = B` for a symmetric positive-definite `n x n` matrix `A` and the `n x k`
    /// right-hand sides `B` (both row-major), in double precision. Returns `X` (`n x k`,
    /// row-major), or `nil` if `A` is not positive definite.
    public static func solvePositiveDefinite(_ a: [Double], _ b: [Double], n: Int, rightHandSides k: Int) -> [Double]? {
        precondition(a.count == n * n && b.count == n * k && k >= 1, "solvePositiveDefinite: shape mismatch")
        var a = a
        var x = b
        let info = a.withUnsafeMutableBufferPointer { ap in
            x.withUnsafeMutableBufferPointer { xp in
                LAPACKE_dposv(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), Int32(k),
                              ap.baseAddress, Int32(n), xp.baseAddress, Int32(k))
            }
        }
        return info == 0 ? x : nil
    }

    /// The upper triangle of `C = alpha * A^T A + beta * C` for a row-major `k x n` matrix `A`
    /// (`cblas_ssyrk`): a Gram matrix in half the work of a general product.
    @inlinable
    public static func gram(n: Int, k: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                            beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        if n == 0 { return }
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(n), Int32(k), alpha, a, Int32(lda), beta, c, Int32(ldc))
    }

    /// Solves `A x = b` for a symmetric positive-definite `n x n` matrix `A`
    /// (row-major), in double precision. Returns `nil` if `A` is not positive definite.
    public static func solvePositiveDefinite(_ a: [Double], _ b: [Double], n: Int) -> [Double]? {
        solvePositiveDefinite(a, b, n: n, rightHandSides: 1)
    }
}

extension Matrix {
    /// The product `op(self) * op(other)`.
    public func matmul(_ other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> Matrix {
        let m = transposeSelf ? cols : rows
        let k = transposeSelf ? rows : cols
        let k2 = transposeOther ? other.cols : other.rows
        let n = transposeOther ? other.rows : other.cols
        precondition(k == k2, "matmul: inner dimensions \(k) and \(k2) differ")
        var out = Matrix(rows: m, cols: n)
        if k == 0 { return out }
        scalars.withUnsafeBufferPointer { a in
            other.scalars.withUnsafeBufferPointer { b in
                out.scalars.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(transposeA: transposeSelf, transposeB: transposeOther, m: m, n: n, k: k,
                              a: a.baseAddress!, lda: cols, b: b.baseAddress!, ldb: other.cols,
                              c: c.baseAddress!, ldc: n)
                }
            }
        }
        return out
    }
}
