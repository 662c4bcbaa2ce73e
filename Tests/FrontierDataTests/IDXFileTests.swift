import Foundation
import Testing
import FrontierML
@testable import FrontierData

@Suite("IDX files (MNIST's format)")
struct IDXFileTests {
    /// An IDX file: magic (two zero bytes, type, rank), big-endian dimensions, then `payload`.
    func idx(type: UInt8, dimensions: [UInt32], payload: [UInt8]) -> [UInt8] {
        [0, 0, type, UInt8(dimensions.count)]
            + dimensions.flatMap { d in (0..<4).map { UInt8(truncatingIfNeeded: d >> (24 - 8 * $0)) } } + payload
    }

    /// A gzip file holding `bytes` in one stored (uncompressed) deflate block.
    func storedGzip(_ bytes: [UInt8]) -> [UInt8] {
        let n = UInt16(bytes.count)
        let littleEndian = { (v: UInt32) in (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 1, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8(~n >> 8)]
            + bytes + littleEndian(CRC32.checksum(bytes)) + littleEndian(UInt32(bytes.count))
    }

    func error(_ bytes: [UInt8]) -> String? {
        do { _ = try IDXFile(bytes: bytes, name: "x-idx"); return nil } catch { return error.description }
    }

    /// Three 2 x 2 images and their labels.
    var pixels: [UInt8] { [0, 255, 51, 102, 1, 2, 3, 4, 255, 255, 0, 0] }
    var imagesFile: [UInt8] { idx(type: 0x08, dimensions: [3, 2, 2], payload: pixels) }
    var labelsFile: [UInt8] { idx(type: 0x08, dimensions: [3], payload: [7, 0, 9]) }

    @Test("Images become pixel/255 rows, labels integers, shape and counts from the header")
    func synthetic() throws {
        let images = try IDXFile(bytes: imagesFile, name: "images")
        #expect(images.elementType == .unsignedByte && images.dimensions == [3, 2, 2])
        #expect(images.itemCount == 3 && images.itemSize == 4)
        let rows = try images.imageRows()
        #expect(rows.rows == 3 && rows.cols == 4)
        #expect(rows.scalars == pixels.map { Float($0) / 255 })
        #expect(rows[0, 1] == 1 && rows[0, 2] == 0.2 && rows[1, 0] == Float(1) / 255)
        #expect(try IDXFile(bytes: labelsFile, name: "labels").labels() == [7, 0, 9])
    }

    @Test("Other element types decode big-endian")
    func elementTypes() throws {
        let shorts = try IDXFile(bytes: idx(type: 0x0B, dimensions: [2], payload: [0xFF, 0xFE, 0x01, 0x00]), name: "s")
        #expect(shorts.values() == [-2, 256])
        let floats = try IDXFile(bytes: idx(type: 0x0D, dimensions: [1], payload: [0x3F, 0xC0, 0, 0]), name: "f")
        #expect(floats.values() == [1.5])
        let doubles = try IDXFile(bytes: idx(type: 0x0E, dimensions: [1], payload: [0xC0, 0x04, 0, 0, 0, 0, 0, 0]), name: "d")
        #expect(doubles.values() == [-2.5])
        let signed = try IDXFile(bytes: idx(type: 0x09, dimensions: [2], payload: [0x80, 0x7F]), name: "b")
        #expect(signed.values() == [-128, 127])
        #expect(throws: DataError.self) { _ = try floats.labels() }
        #expect(throws: DataError.self) { _ = try shorts.imageRows() }
    }

    @Test("Bad headers and lengths are refused with the file's name and what is wrong")
    func malformed() {
        #expect(error([0, 0, 8]) == "x-idx: not a valid IDX file: 3 bytes, too short for the 4-byte magic number")
        #expect(error([0x1F, 0x8B, 8, 0] + pixels)?.hasPrefix(
            "x-idx: not a valid IDX file: the magic number must start with two zero bytes, found 0x1f8b0800") == true)
        #expect(error(idx(type: 0x07, dimensions: [1], payload: [0]))?.contains("unknown element type 0x7") == true)
        #expect(error([0, 0, 8, 0])?.contains("declares no dimensions") == true)
        #expect(error([0, 0, 8, 3, 0, 0, 0, 3])?.contains("too short for the header of 3 dimensions (16 bytes)") == true)
        #expect(error(Array(imagesFile.dropLast()))
                == "x-idx: not a valid IDX file: the header promises 3 x 2 x 2 unsigned bytes (28 bytes with the header), "
                   + "but the file has 27 bytes (truncated)")
        #expect(error(imagesFile + [0])?.hasSuffix("but the file has 29 bytes (trailing data)") == true)
        #expect(error(idx(type: 0x0C, dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF], payload: []))?.contains("too large") == true)
        #expect(error(idx(type: 0x0C, dimensions: [0x8000_0000], payload: []))?.contains("too large") == true)
    }

    @Test("Files are read as they are (plain or gzip), and images and labels are checked against each other")
    func files() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-idx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url.path
        }
        let images = try write("images-idx3-ubyte.gz", storedGzip(imagesFile))
        let labels = try write("labels-idx1-ubyte", labelsFile)
        let loaded = try IDXFile.labeledImages(imagesAt: images, labelsAt: labels)
        #expect(loaded.images.scalars == pixels.map { Float($0) / 255 } && loaded.labels == [7, 0, 9] && loaded.shape == [2, 2])

        let twoLabels = try write("two-labels", idx(type: 0x08, dimensions: [2], payload: [1, 2]))
        #expect(throws: DataError(file: "two-labels", message: "2 labels for the 3 images of images-idx3-ubyte.gz")) {
            _ = try IDXFile.labeledImages(imagesAt: images, labelsAt: twoLabels,
                                          imagesName: "images-idx3-ubyte.gz", labelsName: "two-labels")
        }
        // Swapped files say which is which.
        #expect(throws: DataError.self) { _ = try IDXFile.labeledImages(imagesAt: labels, labelsAt: images) }
        let swapped = try IDXFile(contentsOfFile: images, displayName: "imgs")
        #expect(throws: DataError(file: "imgs", message: "labels need one dimension; this IDX file has 3 x 2 x 2: is it an images file?")) {
            _ = try swapped.labels()
        }
    }

    // Expected values from Python's gzip module reading the same files (not from this reader).
    @Test("MNIST's test set: 10,000 28 x 28 images, labels 7 2 1 0 4 ..., the known class counts",
          .enabled(if: frontierDataDirectory != nil))
    func mnist() throws {
        let folder = "\(frontierDataDirectory!)/mnist-10k"
        let mnist = try IDXFile.labeledImages(imagesAt: "\(folder)/t10k-images-idx3-ubyte.gz",
                                              labelsAt: "\(folder)/t10k-labels-idx1-ubyte.gz")
        #expect(mnist.images.rows == 10_000 && mnist.images.cols == 784 && mnist.shape == [28, 28])
        #expect(Array(mnist.labels.prefix(12)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6])
        let counts = (0..<10).map { c in mnist.labels.filter { $0 == c }.count }
        #expect(counts == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        // Pixel bytes sum to 264,923,200 over the file; the first image's row 7 as Python read it.
        let total = mnist.images.scalars.reduce(0.0) { $0 + (Double($1) * 255).rounded() }
        #expect(total == 264_923_200)
        #expect(Array(mnist.images.row(0)[(28 * 7)..<(28 * 7 + 12)]).map { Int(($0 * 255).rounded()) }
                == [0, 0, 0, 0, 0, 0, 84, 185, 159, 151, 60, 36])
        #expect(mnist.images.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    }
}
