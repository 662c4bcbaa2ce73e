import Foundation

/// A dense matrix of `Float` values stored row-major.
///
/// `Matrix` is a value type (copy-on-write through its `scalars` array). It is
/// the currency of every numerical API in Frontier: a batch of samples is a
/// matrix with one row per sample, a layer's weights are an `inputs x outputs`
/// matrix, and a column vector is an `n x 1` matrix.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns.
    public private(set) var cols: Int
    /// The entries, row after row (`rows * cols` values).
    public var scalars: [Float]

    /// A `rows x cols` matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && cols >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.scalars = Array(repeating: value, count: rows * cols)
    }

    /// A `rows x cols` matrix over the given row-major entries.
    public init(rows: Int, cols: Int, scalars: [Float]) {
        precondition(scalars.count == rows * cols,
                     "Matrix \(rows)x\(cols) needs \(rows * cols) scalars, got \(scalars.count)")
        self.rows = rows
        self.cols = cols
        self.scalars = scalars
    }

    /// A matrix from nested rows; every row must have the same length.
    public init(_ nested: [[Float]]) {
        let cols = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == cols }, "Matrix rows must have equal length")
        self.init(rows: nested.count, cols: cols, scalars: nested.flatMap { $0 })
    }

    /// An `n x 1` column vector.
    public init(column values: [Float]) {
        self.init(rows: values.count, cols: 1, scalars: values)
    }

    /// Number of entries.
    @inlinable public var count: Int { scalars.count }

    /// `(rows, cols)`.
    @inlinable public var shape: (rows: Int, cols: Int) { (rows, cols) }

    public subscript(row: Int, col: Int) -> Float {
        get { scalars[row * cols + col] }
        set { scalars[row * cols + col] = newValue }
    }

    /// The entries of one row.
    public func row(_ index: Int) -> ArraySlice<Float> {
        scalars[(index * cols)..<((index + 1) * cols)]
    }

    /// The entries of one column.
    public func column(_ index: Int) -> [Float] {
        (0..<rows).map { scalars[$0 * cols + index] }
    }

    /// A new matrix made of the given rows, in the given order (a mini-batch gather).
    public func gatherRows<C: Collection>(_ indices: C) -> Matrix where C.Element == Int {
        var out = [Float]()
        out.reserveCapacity(indices.count * cols)
        scalars.withUnsafeBufferPointer { src in
            for i in indices {
                precondition(i >= 0 && i < rows, "Row \(i) out of range 0..<\(rows)")
                out.append(contentsOf: src[(i * cols)..<((i + 1) * cols)])
            }
        }
        return Matrix(rows: indices.count, cols: cols, scalars: out)
    }

    /// Rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, cols: cols, scalars: Array(scalars[(range.lowerBound * cols)..<(range.upperBound * cols)]))
    }

    /// The transpose.
    public var transposed: Matrix {
        var out = Matrix(rows: cols, cols: rows)
        for r in 0..<rows {
            for c in 0..<cols { out.scalars[c * rows + r] = scalars[r * cols + c] }
        }
        return out
    }

    /// The matrix with the same entries read as `rows x cols`.
    public func reshaped(rows: Int, cols: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, scalars: scalars)
    }

    /// Applies `transform` to every entry.
    public func map(_ transform: (Float) -> Float) -> Matrix {
        Matrix(rows: rows, cols: cols, scalars: scalars.map(transform))
    }

    /// Concatenates matrices with the same number of rows side by side.
    public static func hstack(_ parts: [Matrix]) -> Matrix {
        guard let first = parts.first else { return Matrix(rows: 0, cols: 0) }
        precondition(parts.allSatisfy { $0.rows == first.rows }, "hstack needs equal row counts")
        let cols = parts.reduce(0) { $0 + $1.cols }
        var out = [Float]()
        out.reserveCapacity(first.rows * cols)
        for r in 0..<first.rows {
            for p in parts { out.append(contentsOf: p.row(r)) }
        }
        return Matrix(rows: first.rows, cols: cols, scalars: out)
    }

    /// Stacks matrices with the same number of columns on top of each other.
    public static func vstack(_ parts: [Matrix]) -> Matrix {
        guard let first = parts.first else { return Matrix(rows: 0, cols: 0) }
        precondition(parts.allSatisfy { $0.cols == first.cols }, "vstack needs equal column counts")
        return Matrix(rows: parts.reduce(0) { $0 + $1.rows }, cols: first.cols,
                      scalars: parts.flatMap { $0.scalars })
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        let shown = (0..<min(rows, 6)).map { r in
            "[" + row(r).prefix(8).map { String(format: "%.4g", $0) }.joined(separator: ", ")
                + (cols > 8 ? ", ..." : "") + "]"
        }
        return "Matrix(\(rows)x\(cols)) " + shown.joined(separator: " ") + (rows > 6 ? " ..." : "")
    }
}
