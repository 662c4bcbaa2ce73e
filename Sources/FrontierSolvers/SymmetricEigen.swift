import CBLAS

/// The eigendecomposition `A = U diag(values) U^T` of a real symmetric matrix, by LAPACK's
/// divide-and-conquer `dsyevd`: eigenvalues ascending, eigenvectors orthonormal, one per
/// column of `vectors`.
public struct SymmetricEigen: Sendable {
    /// Ascending.
    public let values: [Double]
    /// `n x n`, column k the eigenvector of `values[k]`.
    public let vectors: DenseMatrix

    public var size: Int { values.count }

    /// Decomposes `matrix`, reading its upper triangle (it is taken to be symmetric).
    public init(_ matrix: DenseMatrix) throws(SolverError) {
        guard matrix.rows == matrix.cols else {
            throw SolverError("eigendecomposition: the matrix is \(matrix.rows) x \(matrix.cols), not square")
        }
        let n = matrix.rows
        if let bad = matrix.values.firstIndex(where: { !$0.isFinite }) {
            throw SolverError("eigendecomposition: entry (\(bad / max(n, 1)), \(bad % max(n, 1))) is \(matrix.values[bad])")
        }
        var a = matrix.values
        var w = [Double](repeating: 0, count: n)
        if n > 0 {
            let info = a.withUnsafeMutableBufferPointer { ap in
                w.withUnsafeMutableBufferPointer { wp in
                    LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(n),
                                   ap.baseAddress, Int32(n), wp.baseAddress)
                }
            }
            guard info == 0 else { throw SolverError("eigendecomposition: LAPACK dsyevd failed to converge (info \(info)) on a \(n) x \(n) matrix") }
        }
        self.values = w
        self.vectors = DenseMatrix(rows: n, cols: n, values: a)
    }

    /// A decomposition from known parts (eigenvalues ascending or not).
    public init(values: [Double], vectors: DenseMatrix) {
        precondition(vectors.rows == values.count && vectors.cols == values.count, "eigendecomposition: shapes differ")
        self.values = values
        self.vectors = vectors
    }

    /// `U diag(g(values)) U^T`.
    public func function(_ g: (Double) -> Double) -> DenseMatrix {
        let n = size
        var scaled = vectors
        for k in 0..<n {
            let s = g(values[k])
            for i in 0..<n { scaled.values[i * n + k] *= s }
        }
        return scaled.multiplied(by: vectors, transposeOther: true)
    }
}
