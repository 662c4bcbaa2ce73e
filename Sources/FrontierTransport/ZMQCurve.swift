import CZeroMQ

/// A CURVE (Curve25519) key pair as two 40-character Z85 strings.
///
/// The coordinator keeps one pair and publishes its public key; each worker
/// and CLI client has its own pair and is given the coordinator's public key.
/// The secret key must never leave the machine that owns it.
public struct ZMQCurveKeyPair: Sendable, Equatable {
    /// The Z85-encoded public key, safe to share.
    public let publicKey: String
    /// The Z85-encoded secret key.
    public let secretKey: String

    /// Wraps an existing pair (e.g. loaded from a key file).
    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// Generates a fresh pair with `zmq_curve_keypair`; throws (ENOTSUP) when
    /// libzmq lacks CURVE (see `ZMQ.hasCurve`).
    public static func generate() throws(ZMQError) -> ZMQCurveKeyPair {
        // 40 Z85 characters plus the terminating NUL.
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        try zmqCall("generate CURVE key pair") { zmq_curve_keypair(&publicKey, &secretKey) }
        return ZMQCurveKeyPair(publicKey: String(cBuffer: publicKey), secretKey: String(cBuffer: secretKey))
    }

    /// The public key that belongs to `secretKey` (`zmq_curve_public`).
    public static func publicKey(forSecretKey secretKey: String) throws(ZMQError) -> String {
        var publicKey = [CChar](repeating: 0, count: 41)
        try zmqCall("derive CURVE public key") { zmq_curve_public(&publicKey, secretKey) }
        return String(cBuffer: publicKey)
    }
}

// MARK: - Z85 keys

extension ZMQCurveKeyPair {
    /// The 85 characters of ZeroMQ's Z85 encoding (RFC 32).
    public static let z85Alphabet = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#")

    /// Why `text` is not a 40-character Z85 CURVE key, or nil if it is one.
    /// Used to give key files and command-line keys a precise error.
    public static func problem(withZ85Key text: String) -> String? {
        guard text.count == 40 else { return "a CURVE key is 40 Z85 characters, not \(text.count)" }
        if let (offset, bad) = text.enumerated().first(where: { !z85Alphabet.contains($0.element) }) {
            return "character \(offset + 1) (\(bad.debugDescription)) is not in the Z85 alphabet"
        }
        // Every character is in the alphabet, but a 5-character group can still overflow 32 bits.
        var binary = [UInt8](repeating: 0, count: 32)
        guard zmq_z85_decode(&binary, text) != nil else { return "not a valid Z85 encoding (a group overflows)" }
        return nil
    }

    /// The Z85 text of a 32-byte binary key (as a ZAP request carries it).
    public static func z85(binaryKey: [UInt8]) -> String? {
        guard binaryKey.count == 32 else { return nil }
        var text = [CChar](repeating: 0, count: 41)
        guard zmq_z85_encode(&text, binaryKey, 32) != nil else { return nil }
        return String(cBuffer: text)
    }
}

extension ZMQSocketOption where Value == String {
    /// A Z85 key, passed to libzmq with its NUL (the 41-byte form).
    static func z85Key(_ name: String, _ number: Int32) -> Self {
        Self(name, number, capacity: 41, fixedOnceConnected: true,
             encode: { Array($0.utf8) + [0] },
             decode: { String(cBuffer: $0) })
    }

    /// `ZMQ_CURVE_PUBLICKEY`: this socket's long-term public key (Z85). Clients
    /// set it with `curveSecretKey` and `curveServerKey` before `connect`.
    public static var curvePublicKey: Self { .z85Key("ZMQ_CURVE_PUBLICKEY", ZMQ_CURVE_PUBLICKEY) }
    /// `ZMQ_CURVE_SECRETKEY`: this socket's long-term secret key (Z85). Reading
    /// it back is possible but should be avoided.
    public static var curveSecretKey: Self { .z85Key("ZMQ_CURVE_SECRETKEY", ZMQ_CURVE_SECRETKEY) }
    /// `ZMQ_CURVE_SERVERKEY` (clients): the server's public key (Z85). A client
    /// with the wrong server key never completes its handshake, and its
    /// messages are never delivered.
    public static var curveServerKey: Self { .z85Key("ZMQ_CURVE_SERVERKEY", ZMQ_CURVE_SERVERKEY) }
}

extension ZMQSocketOption where Value == Bool {
    /// `ZMQ_CURVE_SERVER`: make this socket the CURVE server side (set it and
    /// `curveSecretKey` before `bind`). Without a ZAP handler any client that
    /// knows the server's public key is accepted; the traffic is encrypted.
    public static var curveServer: Self { .flag("ZMQ_CURVE_SERVER", ZMQ_CURVE_SERVER, fixedOnceConnected: true) }
}

extension ZMQSocketOption where Value == String {
    /// `ZMQ_ZAP_DOMAIN` (servers): the domain passed to the ZAP handler
    /// (`ZMQZapHandler`), so one handler can apply different policies per socket.
    public static var zapDomain: Self {
        Self("ZMQ_ZAP_DOMAIN", ZMQ_ZAP_DOMAIN, capacity: 256, fixedOnceConnected: true,
             encode: { Array($0.utf8) }, decode: { String(cBuffer: $0) })
    }
}

extension ZMQSocket {
    /// Makes this socket a CURVE server with `keys`; call before `bind`.
    public func makeCurveServer(_ keys: ZMQCurveKeyPair) throws(ZMQError) {
        try set(.curveServer, true)
        try set(.curveSecretKey, keys.secretKey)
    }

    /// Makes this socket a CURVE client of the server whose public key is
    /// `serverKey`, authenticating with `keys`; call before `connect`.
    public func makeCurveClient(_ keys: ZMQCurveKeyPair, serverKey: String) throws(ZMQError) {
        try set(.curveServerKey, serverKey)
        try set(.curvePublicKey, keys.publicKey)
        try set(.curveSecretKey, keys.secretKey)
    }
}
