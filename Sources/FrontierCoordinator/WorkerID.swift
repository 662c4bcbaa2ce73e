import Foundation

/// A worker's connection as the transport sees it: the ZeroMQ ROUTER routing ID,
/// opaque bytes. It changes when a worker reconnects; the worker's *name* is what
/// identifies it across connections (re-adoption matches on the name).
public struct WorkerID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The routing ID's bytes.
    public var bytes: Data

    /// A worker ID from routing ID bytes.
    public init(_ bytes: Data) { self.bytes = bytes }

    /// A worker ID from text (its UTF-8 bytes); convenient in tests and logs.
    public init(_ text: String) { self.bytes = Data(text.utf8) }

    /// A worker ID from a string literal (its UTF-8 bytes).
    public init(stringLiteral value: String) { self.init(value) }

    /// Ordered by bytes, so ties in scheduling break the same way every run.
    public static func < (a: WorkerID, b: WorkerID) -> Bool {
        a.bytes.lexicographicallyPrecedes(b.bytes)
    }

    /// The bytes as text when they are printable UTF-8, else hex.
    public var description: String {
        if let text = String(data: bytes, encoding: .utf8), text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f }) {
            return text
        }
        return bytes.map { String(format: "%02x", $0) }.joined()
    }
}
