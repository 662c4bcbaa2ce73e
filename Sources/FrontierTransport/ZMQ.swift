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
