import Crypto
import Foundation

/// SHA-256 checksums as lower-case hex, the form shard manifests and the cluster
/// use to pin the exact bytes a task ran on.
public enum SHA256Digest {
    /// The checksum of bytes in memory.
    public static func hex(of data: Data) -> String {
        hexString(SHA256.hash(data: data))
    }

    /// The checksum of a file, read in 1 MiB chunks so a large shard is never
    /// held in memory just to be hashed.
    public static func hex(ofFileAt path: String) throws(DataError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DataError(file: path, message: FileManager.default.fileExists(atPath: path)
                            ? "cannot be read" : "file not found")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw DataError(file: path, message: "reading failed: \(error)")
            }
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return hexString(hasher.finalize())
    }

    /// The checksum of a list of checksums: SHA-256 over each hex string followed by
    /// a newline, in order. Hashing the hashes (not the bytes again) lets a manifest
    /// be verified file by file and still give one value to pin.
    public static func combined(_ hexDigests: [String]) -> String {
        hex(of: Data(hexDigests.map { $0 + "\n" }.joined().utf8))
    }

    private static func hexString(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let s = String(byte, radix: 16)
            return byte < 16 ? "0" + s : s
        }.joined()
    }
}
