import CBLAS
import FrontierML

/// A dense row-major matrix of `Double`s: the currency of the solvers, which must not
/// lose the precision `Float` matrices would (Laplacian spectra span many decades).
///
/// Products go through OpenBLAS's `cblas_dgemm`; nothing here hand-writes a matrix product.
public struct DenseMatrix: Equatable, Sendable {
    public private(set) var rows: Int
    public private(set) var cols: Int
    /// The entries, row after row.
    public var values: [Double]

    /// A `rows x cols` matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && cols >= 0, "DenseMatrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.values = [Double](repeating: value, count: rows * cols)
    }

    /// A `rows x cols` matrix over row-major `values`.
    public init(rows: Int, cols: Int, values: [Double]) {
        precondition(values.count == rows * cols, "DenseMatrix \(rows)x\(cols) needs \(rows * cols) values, got \(values.count)")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// A matrix from nested rows of equal length.
    public init(_ nested: [[Double]]) {
        let cols = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == cols }, "DenseMatrix rows must have equal length")
        self.init(rows: nested.count, cols: cols, values: nested.flatMap { $0 })
    }

    /// The `n x n` identity.
    public static func identity(_ n: Int) -> DenseMatrix {
        var m = DenseMatrix(rows: n, cols: n)
        for i in 0..<n { m.values[i * n + i] = 1 }
        return m
    }

    /// A square matrix with `diagonal` on its diagonal.
    public static func diagonal(_ diagonal: [Double]) -> DenseMatrix {
        let n = diagonal.count
        var m = DenseMatrix(rows: n, cols: n)
        for i in 0..<n { m.values[i * n + i] = diagonal[i] }
        return m
    }

    @inlinable public var count: Int { values.count }

    public subscript(row: Int, col: Int) -> Double {
        get { values[row * cols + col] }
        set { values[row * cols + col] = newValue }
    }

    public func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * cols)..<((index + 1) * cols)]
    }

    public var transposed: DenseMatrix {
        var t = DenseMatrix(rows: cols, cols: rows)
        for r in 0..<rows {
            for c in 0..<cols { t.values[c * rows + r] = values[r * cols + c] }
        }
        return t
    }

    /// `op(self) * op(other)` through `cblas_dgemm`.
    public func multiplied(by other: DenseMatrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> DenseMatrix {
        let m = transposeSelf ? cols : rows
        let k = transposeSelf ? rows : cols
        let k2 = transposeOther ? other.cols : other.rows
        let n = transposeOther ? other.rows : other.cols
        precondition(k == k2, "DenseMatrix product: inner dimensions \(k) and \(k2) differ")
        var out = DenseMatrix(rows: m, cols: n)
        if m == 0 || n == 0 || k == 0 { return out }
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                out.values.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(CblasRowMajor, transposeSelf ? CblasTrans : CblasNoTrans,
                                transposeOther ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                                a.baseAddress, Int32(cols), b.baseAddress, Int32(other.cols), 0, c.baseAddress, Int32(n))
                }
            }
        }
        return out
    }

    /// `self * vector`.
    public func multiplied(by vector: [Double]) -> [Double] {
        precondition(vector.count == cols, "DenseMatrix-vector product: \(cols) columns, \(vector.count) entries")
        var out = [Double](repeating: 0, count: rows)
        if rows == 0 || cols == 0 { return out }
        values.withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                out.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(cols), 1, a.baseAddress, Int32(cols),
                                x.baseAddress, 1, 0, y.baseAddress, 1)
                }
            }
        }
        return out
    }

    /// The Frobenius inner product `sum_ij self_ij other_ij`.
    public func dot(_ other: DenseMatrix) -> Double {
        precondition(rows == other.rows && cols == other.cols, "DenseMatrix dot: shapes differ")
        return Vector.dot(values, other.values)
    }

    /// The Frobenius norm.
    public var norm: Double { Vector.norm(values) }

    public static func + (a: DenseMatrix, b: DenseMatrix) -> DenseMatrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "DenseMatrix sum: shapes differ")
        return DenseMatrix(rows: a.rows, cols: a.cols, values: Vector.add(a.values, b.values))
    }

    public static func - (a: DenseMatrix, b: DenseMatrix) -> DenseMatrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "DenseMatrix difference: shapes differ")
        return DenseMatrix(rows: a.rows, cols: a.cols, values: Vector.subtract(a.values, b.values))
    }

    public static func * (s: Double, a: DenseMatrix) -> DenseMatrix {
        DenseMatrix(rows: a.rows, cols: a.cols, values: a.values.map { s * $0 })
    }

    /// `self += s * other`.
    public mutating func add(_ other: DenseMatrix, scaled s: Double = 1) {
        precondition(rows == other.rows && cols == other.cols, "DenseMatrix add: shapes differ")
        Vector.axpy(s, other.values, into: &values)
    }
}

/// Small vector helpers on `[Double]` (BLAS level 1 where it pays).
public enum Vector {
    public static func dot(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "dot: lengths \(a.count) and \(b.count) differ")
        if a.isEmpty { return 0 }
        return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in
            cblas_ddot(Int32(a.count), x.baseAddress, 1, y.baseAddress, 1)
        } }
    }

    public static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    public static func add(_ a: [Double], _ b: [Double]) -> [Double] {
        precondition(a.count == b.count, "add: lengths differ")
        var out = a
        for i in out.indices { out[i] += b[i] }
        return out
    }

    public static func subtract(_ a: [Double], _ b: [Double]) -> [Double] {
        precondition(a.count == b.count, "subtract: lengths differ")
        var out = a
        for i in out.indices { out[i] -= b[i] }
        return out
    }

    /// `y += a * x`.
    public static func axpy(_ a: Double, _ x: [Double], into y: inout [Double]) {
        precondition(x.count == y.count, "axpy: lengths differ")
        if x.isEmpty { return }
        x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { yp in
            cblas_daxpy(Int32(x.count), a, xp.baseAddress, 1, yp.baseAddress, 1)
        } }
    }

    public static func scaled(_ a: [Double], by s: Double) -> [Double] { a.map { s * $0 } }
}

extension DenseMatrix {
    /// A `Float` matrix in double precision.
    public init(_ m: Matrix) {
        self.init(rows: m.rows, cols: m.cols, values: m.scalars.map(Double.init))
    }

    /// This matrix rounded to single precision.
    public var floatMatrix: Matrix {
        Matrix(rows: rows, cols: cols, scalars: values.map(Float.init))
    }
}
