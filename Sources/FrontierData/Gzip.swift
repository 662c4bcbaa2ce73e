import Foundation

/// gzip files (RFC 1952): recognised by their magic bytes and decompressed, each member's CRC-32
/// and length checked.
///
/// Dataset files are read "as they are": a loader calls `Gzip.contents(ofFile:)`, which returns a
/// plain file's bytes unchanged and a gzip file's bytes decompressed, so `digits.csv.gz` and
/// `t10k-images-idx3-ubyte.gz` need no unpacking step (and no copy next to the shared data).
public enum Gzip {
    /// Whether `bytes` start with gzip's magic number `1f 8b`.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// A file's bytes, decompressed when they are gzip. Errors name `displayName` (default: the path).
    public static func contents(ofFile path: String, displayName: String? = nil) throws(DataError) -> [UInt8] {
        let name = displayName ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let message = !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                ? "file not found (looked at \(path))"
                : isDirectory.boolValue ? "is a directory, not a file" : "cannot be read"
            throw DataError(file: name, message: message)
        }
        let bytes = [UInt8](data)
        return isCompressed(bytes) ? try decompress(bytes, source: name) : bytes
    }

    /// Decompresses every member of a gzip file (concatenated members decompress to the
    /// concatenation of their contents, as gzip does). Trailing zero padding is ignored.
    public static func decompress(_ bytes: [UInt8], source: String) throws(DataError) -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        repeat {
            let (member, end) = try decompressMember(bytes, at: offset, source: source)
            output.append(contentsOf: member)
            offset = end
        } while offset < bytes.count && !bytes[offset...].allSatisfy { $0 == 0 }
        return output
    }

    private static func decompressMember(_ bytes: [UInt8], at start: Int,
                                         source: String) throws(DataError) -> (bytes: [UInt8], end: Int) {
        func fail(_ message: String, at offset: Int) -> DataError {
            DataError(file: source, message: "not a valid gzip file: \(message) (byte \(offset))")
        }
        func littleEndian(_ offset: Int, _ count: Int) -> Int {
            (0..<count).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
        }
        guard isCompressed(Array(bytes[start...].prefix(2))) else { throw fail("no gzip magic number", at: start) }
        guard bytes.count - start >= 18 else { throw fail("too short for a gzip member", at: start) }
        guard bytes[start + 2] == 8 else { throw fail("compression method \(bytes[start + 2]) is not deflate", at: start + 2) }
        let flags = bytes[start + 3]
        guard flags & 0xE0 == 0 else { throw fail("reserved header flags set", at: start + 3) }
        var offset = start + 10
        if flags & 0x04 != 0 {  // FEXTRA: a length-prefixed extra field
            guard offset + 2 <= bytes.count else { throw fail("the header ends in its extra field", at: offset) }
            offset += 2 + littleEndian(offset, 2)
        }
        for flag in [0x08, 0x10] as [UInt8] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            while offset < bytes.count && bytes[offset] != 0 { offset += 1 }
            offset += 1
        }
        if flags & 0x02 != 0 { offset += 2 }  // FHCRC
        guard offset < bytes.count else { throw fail("the header runs past the end of the file", at: offset) }
        let (member, end) = try Inflate.decode(bytes, from: offset, source: source)
        guard end + 8 <= bytes.count else { throw fail("the file ends before the member's CRC and length", at: end) }
        let storedCRC = UInt32(littleEndian(end, 4)), storedSize = littleEndian(end + 4, 4)
        guard CRC32.checksum(member) == storedCRC else { throw fail("CRC-32 mismatch: the data is damaged", at: end) }
        guard member.count & 0xFFFF_FFFF == storedSize else {
            throw fail("decompressed \(member.count) bytes, the trailer says \(storedSize) (mod 2^32)", at: end + 4)
        }
        return (member, end + 8)
    }
}

/// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), as gzip and zlib compute it.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
