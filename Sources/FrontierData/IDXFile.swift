import FrontierML

/// A file in the IDX format, as MNIST ships (`t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`),
/// read as it is: plain or gzip-compressed.
///
/// Layout: a 4-byte magic number (two zero bytes, the element type, the number of dimensions),
/// each dimension as a big-endian 32-bit count, then the elements big-endian, row-major. The
/// header, the dimensions and the file length are all checked, and every problem is a
/// `DataError` naming the file.
public struct IDXFile: Sendable {
    /// The element type, the third byte of the magic number.
    public enum ElementType: UInt8, Sendable, CustomStringConvertible {
        case unsignedByte = 0x08, signedByte = 0x09, short = 0x0B, int = 0x0C, float = 0x0D, double = 0x0E

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .unsignedByte, .signedByte: 1
            case .short: 2
            case .int, .float: 4
            case .double: 8
            }
        }

        public var description: String {
            switch self {
            case .unsignedByte: "unsigned byte"
            case .signedByte: "signed byte"
            case .short: "16-bit integer"
            case .int: "32-bit integer"
            case .float: "32-bit float"
            case .double: "64-bit float"
            }
        }
    }

    /// The name errors give (the path, or the display name the caller chose).
    public let name: String
    public let elementType: ElementType
    /// The dimensions, outermost first: `[10000, 28, 28]` for MNIST's test images.
    public let dimensions: [Int]
    private let bytes: [UInt8]
    private let dataOffset: Int

    /// Reads and validates the file at `path`, decompressing it if it is gzip.
    public init(contentsOfFile path: String, displayName: String? = nil) throws(DataError) {
        let name = displayName ?? path
        try self.init(bytes: try Gzip.contents(ofFile: path, displayName: name), name: name)
    }

    /// Validates IDX bytes (already decompressed); `name` is what errors call them.
    public init(bytes: [UInt8], name: String) throws(DataError) {
        func fail(_ message: String) -> DataError { DataError(file: name, message: "not a valid IDX file: \(message)") }
        guard bytes.count >= 4 else { throw fail("\(bytes.count) bytes, too short for the 4-byte magic number") }
        guard bytes[0] == 0 && bytes[1] == 0 else {
            throw fail("the magic number must start with two zero bytes, found \(Self.hex(bytes[0...3]))")
        }
        guard let type = ElementType(rawValue: bytes[2]) else {
            throw fail("unknown element type 0x\(String(bytes[2], radix: 16)) in magic number \(Self.hex(bytes[0...3]))")
        }
        let rank = Int(bytes[3])
        guard rank > 0 else { throw fail("the magic number \(Self.hex(bytes[0...3])) declares no dimensions") }
        let headerLength = 4 + 4 * rank
        guard bytes.count >= headerLength else {
            throw fail("\(bytes.count) bytes, too short for the header of \(rank) dimensions (\(headerLength) bytes)")
        }
        let dimensions = (0..<rank).map { d in Int(Self.bigEndian(bytes, at: 4 + 4 * d, count: 4)) }
        // The header is untrusted: a product that overflows is refused, not trapped.
        var elements = 1
        for size in dimensions {
            let (product, overflow) = elements.multipliedReportingOverflow(by: size)
            guard !overflow, product <= Int(Int32.max) else { throw fail("dimensions \(Self.shape(dimensions)) are too large") }
            elements = product
        }
        let expected = headerLength + elements * type.size
        guard bytes.count == expected else {
            throw fail("the header promises \(Self.shape(dimensions)) \(type)s (\(expected) bytes with the header), "
                       + "but the file has \(bytes.count) bytes (\(bytes.count < expected ? "truncated" : "trailing data"))")
        }
        self.name = name
        self.elementType = type
        self.dimensions = dimensions
        self.bytes = bytes
        self.dataOffset = headerLength
    }

    /// Number of items: the outermost dimension (images, labels).
    public var itemCount: Int { dimensions[0] }
    /// Elements per item: the product of the inner dimensions (784 for a 28 x 28 image).
    public var itemSize: Int { dimensions.dropFirst().reduce(1, *) }

    /// All elements as `Float`, decoded big-endian, in file order.
    public func values() -> [Float] {
        let size = elementType.size
        let count = (bytes.count - dataOffset) / size
        return (0..<count).map { i in
            let at = dataOffset + i * size
            switch elementType {
            case .unsignedByte: return Float(bytes[at])
            case .signedByte: return Float(Int8(bitPattern: bytes[at]))
            case .short: return Float(Int16(truncatingIfNeeded: Self.bigEndian(bytes, at: at, count: 2)))
            case .int: return Float(Int32(truncatingIfNeeded: Self.bigEndian(bytes, at: at, count: 4)))
            case .float: return Float(bitPattern: UInt32(truncatingIfNeeded: Self.bigEndian(bytes, at: at, count: 4)))
            case .double: return Float(Double(bitPattern: Self.bigEndian(bytes, at: at, count: 8)))
            }
        }
    }

    /// Images as feature rows: one row per item, pixels row-major, scaled `pixel / 255` into [0, 1].
    /// Needs unsigned-byte pixels and at least two dimensions (items x pixels, or items x height x width).
    public func imageRows() throws(DataError) -> Matrix {
        guard elementType == .unsignedByte else {
            throw DataError(file: name, message: "images must be unsigned bytes (0-255); this IDX file holds \(elementType)s")
        }
        guard dimensions.count >= 2 else {
            throw DataError(file: name, message: "images need at least two dimensions (items x pixels); this IDX file has "
                            + "one (\(Self.shape(dimensions))): is it a labels file?")
        }
        let pixels = bytes[dataOffset...].map { Float($0) / 255 }
        return Matrix(rows: itemCount, cols: itemSize, scalars: pixels)
    }

    /// Labels: one integer per item. Needs a one-dimensional file of integers.
    public func labels() throws(DataError) -> [Int] {
        guard dimensions.count == 1 else {
            throw DataError(file: name, message: "labels need one dimension; this IDX file has \(Self.shape(dimensions)): "
                            + "is it an images file?")
        }
        guard elementType != .float && elementType != .double else {
            throw DataError(file: name, message: "labels must be integers; this IDX file holds \(elementType)s")
        }
        return values().map { Int($0) }
    }

    /// An images file and its labels file, checked against each other: pixel rows (`pixel / 255`),
    /// one label per image, and the image shape (`[28, 28]` for MNIST).
    public static func labeledImages(imagesAt imagesPath: String, labelsAt labelsPath: String,
                                     imagesName: String? = nil,
                                     labelsName: String? = nil) throws(DataError) -> (images: Matrix, labels: [Int], shape: [Int]) {
        let images = try IDXFile(contentsOfFile: imagesPath, displayName: imagesName)
        let labels = try IDXFile(contentsOfFile: labelsPath, displayName: labelsName)
        let rows = try images.imageRows()
        let values = try labels.labels()
        guard values.count == rows.rows else {
            throw DataError(file: labels.name, message: "\(values.count) labels for the \(rows.rows) images of \(images.name)")
        }
        return (rows, values, Array(images.dimensions.dropFirst()))
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> UInt64 {
        (0..<count).reduce(0) { $0 << 8 | UInt64(bytes[offset + $1]) }
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        "0x" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    private static func shape(_ dimensions: [Int]) -> String {
        dimensions.map(String.init).joined(separator: " x ")
    }
}
