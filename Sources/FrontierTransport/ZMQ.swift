import CZeroMQ

/// Facts about the libzmq library Frontier is linked against.
public enum ZMQ {
    /// The runtime libzmq version, as reported by `zmq_version` (not the header
    /// Frontier was compiled against, which can differ after a library upgrade).
    public static var version: (major: Int, minor: Int, patch: Int) {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (Int(major), Int(minor), Int(patch))
    }

    /// Whether this libzmq was built with CURVE security (libsodium or tweetnacl).
    public static var hasCurve: Bool { zmq_has("curve") != 0 }
}

extension String {
    /// The UTF-8 text of a C string buffer filled by libzmq (an option value, a Z85 key): its bytes
    /// before the first NUL, or all of them when there is none.
    init<Bytes: Collection>(cBuffer bytes: Bytes) where Bytes.Element: FixedWidthInteger {
        self.init(decoding: bytes.lazy.prefix { $0 != 0 }.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
    }
}
