/// Linear systems and quadratic forms of operators of the form
///
///     A(W) = sum_t c_t(L_row, L_col) applied to W,   W an n x d matrix,
///
/// where every term is a function of a row operator (acting on W's rows, `L_row W`) and a
/// column operator (`W L_col`), both symmetric with known eigenbases. In the joint
/// eigenbasis `W~ = U^T W V` every such operator is diagonal, with entry
/// `g(mu_i, nu_j)` for row eigenvalue mu_i and column eigenvalue nu_j: a solve is an
/// element-wise division, and a whole sweep of weights costs one decomposition of each
/// operator (done by whoever builds the spectra) and two changes of basis per solve.
public struct KroneckerSolver: Sendable {
    public let rows: any Spectrum
    public let columns: any Spectrum

    public init(rows: any Spectrum, columns: any Spectrum) {
        self.rows = rows
        self.columns = columns
    }

    /// `U^T x V` for an `n x d` matrix.
    public func toEigenbasis(_ x: DenseMatrix) -> DenseMatrix {
        precondition(x.rows == rows.size && x.cols == columns.size, "kronecker: \(x.rows) x \(x.cols) for \(rows.size) x \(columns.size)")
        let left = rows.toEigenbasis(x)
        return columns.toEigenbasis(left.transposed).transposed
    }

    /// `U y V^T`.
    public func fromEigenbasis(_ y: DenseMatrix) -> DenseMatrix {
        precondition(y.rows == rows.size && y.cols == columns.size, "kronecker: \(y.rows) x \(y.cols) for \(rows.size) x \(columns.size)")
        let left = rows.fromEigenbasis(y)
        return columns.fromEigenbasis(left.transposed).transposed
    }

    /// Multiplies eigen-coordinates `y` entry-wise by `g(i, j)` (i a row, j a column eigen-index).
    public func scale(_ y: DenseMatrix, by g: (Int, Int) -> Double) -> DenseMatrix {
        var out = y
        let d = y.cols
        for i in 0..<y.rows {
            for j in 0..<d { out.values[i * d + j] *= g(i, j) }
        }
        return out
    }

    /// `g(L_row, L_col)` applied to `x`.
    public func apply(_ x: DenseMatrix, _ g: (Int, Int) -> Double) -> DenseMatrix {
        fromEigenbasis(scale(toEigenbasis(x), by: g))
    }

    /// Solves `denominator(L_row, L_col) W = rhs` given rhs in eigen-coordinates. A zero
    /// denominator (a direction the operator does not see) gives 0 there: the minimum-norm
    /// solution of a consistent singular system. Throws on a negative denominator, which
    /// means the operator is not positive semi-definite.
    public func solve(eigenRHS: DenseMatrix, denominator: (Int, Int) -> Double) throws(SolverError) -> DenseMatrix {
        var out = eigenRHS
        let d = out.cols
        var scale = 0.0
        for i in 0..<out.rows { for j in 0..<d { scale = max(scale, abs(denominator(i, j))) } }
        let tolerance = 1e-13 * max(scale, 1e-300)
        for i in 0..<out.rows {
            for j in 0..<d {
                let q = denominator(i, j)
                if q < -tolerance {
                    throw SolverError("kronecker solve: the operator has a negative eigenvalue \(q) at (\(i), \(j)); the problem is not convex")
                }
                out.values[i * d + j] = q > tolerance ? out.values[i * d + j] / q : 0
            }
        }
        return fromEigenbasis(out)
    }
}
