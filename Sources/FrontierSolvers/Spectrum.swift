/// A symmetric operator on R^n with a known orthonormal eigenbasis, applied to the rows of
/// a matrix (`U^T X` moves an `n x k` matrix into eigen-coordinates, `U Y` back).
///
/// Laplacians built here put the constant vector `1 / sqrt(n)` first (eigenvalue 0), so
/// every Laplacian of the same size is diagonal together with the complete graph's, whose
/// eigenvalues in such a basis are `0, n, n, ...` (`completeGraphEigenvalues`).
public protocol Spectrum: Sendable {
    /// The operator's size n.
    var size: Int { get }
    /// One eigenvalue per eigen-coordinate.
    var eigenvalues: [Double] { get }
    /// `U^T x` for an `n x k` matrix.
    func toEigenbasis(_ x: DenseMatrix) -> DenseMatrix
    /// `U y` for an `n x k` matrix of eigen-coordinates.
    func fromEigenbasis(_ y: DenseMatrix) -> DenseMatrix
}

extension Spectrum {
    /// The eigenvalues, in this basis, of the complete graph's Laplacian `n I - 1 1^T`,
    /// valid when the first basis vector is the constant one (all Laplacians built here).
    public var completeGraphEigenvalues: [Double] {
        (0..<size).map { $0 == 0 ? 0 : Double(size) }
    }

    /// The largest eigenvalue (0 for an empty operator).
    public var largestEigenvalue: Double { eigenvalues.max() ?? 0 }

    /// `g(L) x` for an `n x k` matrix.
    public func apply(_ g: (Double) -> Double, to x: DenseMatrix) -> DenseMatrix {
        var y = toEigenbasis(x)
        for i in 0..<y.rows {
            let s = g(eigenvalues[i])
            for j in 0..<y.cols { y.values[i * y.cols + j] *= s }
        }
        return fromEigenbasis(y)
    }
}

/// The spectrum of a dense symmetric matrix, from its eigendecomposition.
public struct DenseSpectrum: Spectrum {
    public let eigen: SymmetricEigen

    public init(_ eigen: SymmetricEigen) {
        self.eigen = eigen
    }

    public var size: Int { eigen.size }
    public var eigenvalues: [Double] { eigen.values }

    public func toEigenbasis(_ x: DenseMatrix) -> DenseMatrix {
        eigen.vectors.multiplied(by: x, transposeSelf: true)
    }

    public func fromEigenbasis(_ y: DenseMatrix) -> DenseMatrix {
        eigen.vectors.multiplied(by: y)
    }

    /// The spectrum of the graph Laplacian `L = diag(S 1) - S` of a symmetric similarity
    /// matrix S (its diagonal does not matter), with the constant vector first.
    ///
    /// The constant vector is an exact null vector of L; adding `-c 1 1^T / n` moves its
    /// eigenvalue to `-c` below every other, so LAPACK returns it first and exactly, and the
    /// other eigenvectors are orthogonal to it even when the graph has several components
    /// (several zero eigenvalues). Throws if L has a clearly negative eigenvalue: the
    /// similarity then does not define a convex robustness loss.
    public static func laplacian(of similarity: DenseMatrix) throws(SolverError) -> DenseSpectrum {
        let laplacian = try Laplacian.of(similarity)
        let n = laplacian.rows
        guard n > 0 else { return DenseSpectrum(try SymmetricEigen(laplacian)) }
        var scale = 0.0
        for i in 0..<n { scale = max(scale, 2 * laplacian[i, i]) }
        let shift = max(1, scale)
        var shifted = laplacian
        for k in shifted.values.indices { shifted.values[k] -= shift / Double(n) }
        let eigen = try SymmetricEigen(shifted)
        var values = eigen.values
        let tolerance = 1e-9 * shift
        if abs(values[0] + shift) > tolerance * Double(n) {
            throw SolverError("laplacian: eigenvalue \(values[0] + shift) < 0; the similarity must have a positive semi-definite Laplacian")
        }
        values[0] = 0
        if let negative = values.dropFirst().first(where: { $0 < -tolerance }) {
            throw SolverError("laplacian: eigenvalue \(negative) < 0; the similarity must have a positive semi-definite Laplacian "
                              + "(non-negative weights, or a kernel precision with the constant mean marginalised)")
        }
        for k in 1..<n { values[k] = max(0, values[k]) }
        return DenseSpectrum(SymmetricEigen(values: values, vectors: eigen.vectors))
    }
}

/// The complete graph's Laplacian `weight (n I - 1 1^T)` (every pair equally similar), in
/// closed form: the Householder reflection that swaps `1 / sqrt(n)` and `e_0` is its
/// eigenbasis, so a change of basis costs O(n k) instead of a dense product.
public struct CompleteGraphSpectrum: Spectrum {
    public let size: Int
    public let weight: Double
    /// The Householder vector v (unit length) with `H = I - 2 v v^T`.
    private let reflector: [Double]

    public init(size: Int, weight: Double = 1) {
        self.size = size
        self.weight = weight
        guard size > 1 else {
            reflector = [Double](repeating: 0, count: size)
            return
        }
        // v = (e_0 - 1/sqrt(n)) / |e_0 - 1/sqrt(n)|, so H (1/sqrt(n)) = e_0.
        let c = 1 / Double(size).squareRoot()
        var v = [Double](repeating: -c, count: size)
        v[0] += 1
        let length = Vector.norm(v)
        reflector = v.map { $0 / length }
    }

    public var eigenvalues: [Double] {
        (0..<size).map { $0 == 0 ? 0 : weight * Double(size) }
    }

    public func toEigenbasis(_ x: DenseMatrix) -> DenseMatrix { reflect(x) }
    public func fromEigenbasis(_ y: DenseMatrix) -> DenseMatrix { reflect(y) }

    /// `H x = x - 2 v (v^T x)`; H is its own inverse.
    private func reflect(_ x: DenseMatrix) -> DenseMatrix {
        precondition(x.rows == size, "complete-graph spectrum: \(x.rows) rows for size \(size)")
        guard size > 1 else { return x }
        let k = x.cols
        var projection = [Double](repeating: 0, count: k)
        for i in 0..<size {
            let vi = reflector[i]
            if vi == 0 { continue }
            for j in 0..<k { projection[j] += vi * x.values[i * k + j] }
        }
        var out = x
        for i in 0..<size {
            let vi = 2 * reflector[i]
            if vi == 0 { continue }
            for j in 0..<k { out.values[i * k + j] -= vi * projection[j] }
        }
        return out
    }
}

/// Graph Laplacians of similarity matrices.
public enum Laplacian {
    /// `L = diag(S 1) - S` for a symmetric `n x n` similarity S; the diagonal of S cancels.
    /// An asymmetric S is symmetrised (`(S + S^T) / 2` gives the same quadratic form).
    public static func of(_ similarity: DenseMatrix) throws(SolverError) -> DenseMatrix {
        guard similarity.rows == similarity.cols else {
            throw SolverError("laplacian: the similarity is \(similarity.rows) x \(similarity.cols), not square")
        }
        let n = similarity.rows
        var l = DenseMatrix(rows: n, cols: n)
        for i in 0..<n {
            var rowSum = 0.0
            for j in 0..<n where j != i {
                let s = 0.5 * (similarity.values[i * n + j] + similarity.values[j * n + i])
                guard s.isFinite else { throw SolverError("laplacian: similarity (\(i), \(j)) is \(s)") }
                l.values[i * n + j] = -s
                rowSum += s
            }
            l.values[i * n + i] = rowSum
        }
        return l
    }
}
