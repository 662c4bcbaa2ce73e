import CBLAS
import Foundation

/// The Cholesky factorisation `A = L L^T` of a symmetric positive-definite matrix, by
/// LAPACK's `dpotrf`; solves go through `dpotrs`.
public struct Cholesky: Sendable {
    /// The factor in LAPACK's row-major lower-triangular storage (upper triangle is garbage).
    private let factor: [Double]
    public let size: Int

    /// Factorises `matrix` (its lower triangle is read), or throws if it is not positive definite.
    public init(_ matrix: DenseMatrix) throws(SolverError) {
        guard matrix.rows == matrix.cols else {
            throw SolverError("cholesky: the matrix is \(matrix.rows) x \(matrix.cols), not square")
        }
        let n = matrix.rows
        var a = matrix.values
        if n > 0 {
            let info = a.withUnsafeMutableBufferPointer { ap in
                LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), ap.baseAddress, Int32(n))
            }
            guard info == 0 else {
                throw SolverError(info > 0 ? "cholesky: the \(n) x \(n) matrix is not positive definite (leading minor \(info))"
                                           : "cholesky: LAPACK dpotrf rejected argument \(-info)")
            }
        }
        self.factor = a
        self.size = n
    }

    /// `A^{-1} B` for every column of `rhs` (`n x k`).
    public func solve(_ rhs: DenseMatrix) -> DenseMatrix {
        precondition(rhs.rows == size, "cholesky solve: \(rhs.rows) rows for a \(size) x \(size) factor")
        var b = rhs.values
        if size > 0 && rhs.cols > 0 {
            var a = factor
            let info = a.withUnsafeMutableBufferPointer { ap in
                b.withUnsafeMutableBufferPointer { bp in
                    LAPACKE_dpotrs(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(size), Int32(rhs.cols),
                                   ap.baseAddress, Int32(size), bp.baseAddress, Int32(rhs.cols))
                }
            }
            precondition(info == 0, "cholesky solve: LAPACK dpotrs rejected argument \(-info)")
        }
        return DenseMatrix(rows: rhs.rows, cols: rhs.cols, values: b)
    }

    /// `A^{-1} b`.
    public func solve(_ rhs: [Double]) -> [Double] {
        solve(DenseMatrix(rows: rhs.count, cols: 1, values: rhs)).values
    }

    /// `log det A = 2 sum log L_ii`.
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<size { s += 2 * log(factor[i * size + i]) }
        return s
    }
}
