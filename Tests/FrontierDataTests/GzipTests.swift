import Foundation
import Testing
@testable import FrontierData

/// Bytes from a hex string (test fixtures only).
func hexBytes(_ hex: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        bytes.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}

/// The shared datasets directory when `FRONTIER_DATA` is set (tests on the real files run only then).
let frontierDataDirectory = ProcessInfo.processInfo.environment["FRONTIER_DATA"].flatMap { $0.isEmpty ? nil : $0 }

// The compressed fixtures were made by CPython 3.11's zlib 1.2.13 (raw deflate with a hand-written gzip
// header for the three block types, gzip.GzipFile for the named member, gzip.compress for two members).
@Suite("gzip decompression")
struct GzipTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test("Stored, fixed-Huffman and dynamic-Huffman blocks")
    func blockTypes() throws {
        let stored = hexBytes("1f8b0800000000000003010d00f2ff73746f7265642062797465730aea59066c0d000000")
        #expect(text(try Gzip.decompress(stored, source: "s.gz")) == "stored bytes\n")
        let fixed = hexBytes("1f8b0800000000000003cb48cdc9c9d751c840a1d28af2f34a32538b14b900c5884cee1f000000")
        #expect(text(try Gzip.decompress(fixed, source: "f.gz")) == "hello, hello, hello, frontier!\n")
        let dynamic = hexBytes(
            "1f8b08000000000000032dd0c90dc0200c44d1fbd4e203de02e9bfb17c8b28529060fc6c58b66cc98d4f6165a1b4d75265fe58"
            + "a9ed58ebb1b047dbbc6deb98a71dbdb3bcf235bb084ec6e541418823ca535e60251205c396e3f8a6e79603e138019c582497c2"
            + "a79051ae13899a8a9a26a5e869da8a67d647f18f1464a1e2a5e855ae3196d2215df95f8b91a0b2685e4a24a0e48e38b9496ee5"
            + "99c2a3bc4e2dd4a5f269e2aa98a6a1ca5979a17fa86a62ada212aaf6185b850055f776cd4850cd0fa991803a394bf57da3ee29"
            + "6cf5757aa36ef5992647fd3ff7070695e96faf010000")
        let expected = (0..<60).map { "\($0),\($0 * $0 % 17),\($0 % 10)\n" }.joined()
        #expect(text(try Gzip.decompress(dynamic, source: "d.gz")) == expected)
    }

    @Test("A member with a file name, and two concatenated members")
    func headersAndMembers() throws {
        let named = hexBytes("1f8b08080000000002ff742e74787400cb4bcc4d4de10200dcf07a4106000000")
        #expect(text(try Gzip.decompress(named, source: "n.gz")) == "named\n")
        let two = hexBytes("1f8b08000000000002034bcb2c2a2e510000fc7af11c060000001f8b08000000000002032b4e4dcecf4be102007ec00f0607000000")
        #expect(text(try Gzip.decompress(two, source: "m.gz")) == "first second\n")
        #expect(text(try Gzip.decompress(two + [0, 0, 0], source: "m.gz")) == "first second\n")
    }

    @Test("Damaged files are refused with the file's name, never a crash")
    func damaged() {
        let good = hexBytes("1f8b0800000000000003cb48cdc9c9d751c840a1d28af2f34a32538b14b900c5884cee1f000000")
        func failure(_ bytes: [UInt8]) -> String? {
            do { _ = try Gzip.decompress(bytes, source: "bad.gz"); return nil } catch { return error.description }
        }
        var crc = good
        crc[crc.count - 8] ^= 1
        #expect(failure(crc)?.contains("bad.gz: not a valid gzip file: CRC-32 mismatch") == true)
        var size = good
        size[size.count - 1] = 1
        #expect(failure(size)?.contains("the trailer says") == true)
        // Every truncation fails cleanly.
        for end in 0..<(good.count - 1) { #expect(failure(Array(good[..<end])) != nil, "truncated at \(end)") }
        // Every single-bit flip in the compressed data fails (the CRC catches what decoding does not),
        // except in the last byte, whose unused padding bits gzip does not check either.
        for byte in 10..<(good.count - 9) {
            for bit in 0..<8 {
                var flipped = good
                flipped[byte] ^= 1 << bit
                #expect(failure(flipped) != nil, "bit \(bit) of byte \(byte)")
            }
        }
        #expect(failure(Array("plain text, not gzip at all".utf8))?.contains("no gzip magic number") == true)
        #expect(failure(good + [7, 7])?.contains("no gzip magic number") == true)
    }

    @Test("Files are read as they are: plain bytes unchanged, gzip decompressed, missing files named")
    func contentsOfFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plain = directory.appendingPathComponent("plain.txt"), packed = directory.appendingPathComponent("packed.gz")
        try Data("stored bytes\n".utf8).write(to: plain)
        try Data(hexBytes("1f8b0800000000000003010d00f2ff73746f7265642062797465730aea59066c0d000000")).write(to: packed)
        #expect(text(try Gzip.contents(ofFile: plain.path)) == "stored bytes\n")
        #expect(text(try Gzip.contents(ofFile: packed.path)) == "stored bytes\n")
        #expect(throws: DataError(file: "nothing.gz", message: "file not found (looked at \(directory.path)/nothing.gz)")) {
            _ = try Gzip.contents(ofFile: directory.appendingPathComponent("nothing.gz").path, displayName: "nothing.gz")
        }
    }

    // SHA-256 of the decompressed files, from Python's gzip and hashlib (not from this decoder).
    @Test("The shared datasets' gzip files decompress to the bytes Python's gzip gives",
          .enabled(if: frontierDataDirectory != nil), arguments: [
        ("digits/digits.csv.gz", 264_712, "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8"),
        ("mnist-10k/t10k-images-idx3-ubyte.gz", 7_840_016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        ("mnist-10k/t10k-labels-idx1-ubyte.gz", 10_008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ])
    func sharedFiles(file: String, size: Int, sha256: String) throws {
        let bytes = try Gzip.contents(ofFile: "\(frontierDataDirectory!)/\(file)")
        #expect(bytes.count == size)
        #expect(SHA256Digest.hex(of: Data(bytes)) == sha256)
    }
}
