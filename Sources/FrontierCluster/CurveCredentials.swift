import Foundation
import FrontierTransport

/// What a worker or command-line client needs to reach a coordinator that runs
/// CURVE: the coordinator's public key and a key pair of its own.
///
/// With an ephemeral pair (made up per process) the traffic is encrypted and the
/// server is authenticated, but the coordinator cannot recognise the client, so
/// an `--authorized-keys` allowlist refuses it.
public struct CurveClientCredentials: Sendable {
    /// The coordinator's public key (Z85).
    public var serverKey: String
    /// This client's long-term key pair.
    public var keys: ZMQCurveKeyPair
    /// Whether `keys` was generated for this process rather than loaded.
    public var isEphemeral: Bool

    public init(serverKey: String, keys: ZMQCurveKeyPair, isEphemeral: Bool = false) {
        self.serverKey = serverKey
        self.keys = keys
        self.isEphemeral = isEphemeral
    }

    /// Credentials from the command line: `serverKey` is Z85 text or a `.pub`/`.key`
    /// file, `keyFile` the client's own `.key` file (nil: an ephemeral pair).
    public static func load(serverKey: String, keyFile: String?) throws -> CurveClientCredentials {
        let server = try resolveServerKey(serverKey)
        if let keyFile {
            return CurveClientCredentials(serverKey: server, keys: try CurveKeyFile.readKeyPair(path: keyFile))
        }
        return CurveClientCredentials(serverKey: server, keys: try ZMQCurveKeyPair.generate(), isEphemeral: true)
    }

    /// A 40-character Z85 key as is; anything else is read as a key file.
    static func resolveServerKey(_ argument: String) throws(CurveKeyFileError) -> String {
        if ZMQCurveKeyPair.problem(withZ85Key: argument) == nil, !FileManager.default.fileExists(atPath: argument) {
            return argument
        }
        if !FileManager.default.fileExists(atPath: argument), argument.count == 40 {
            // 40 characters but not Z85: most likely a mistyped key, not a missing file.
            throw CurveKeyFileError(path: argument, problem: ZMQCurveKeyPair.problem(withZ85Key: argument) ?? "not a key")
        }
        return try CurveKeyFile.readPublicKey(path: argument)
    }

    /// One line for the log: which server key, and whether our own key is ephemeral.
    public var summary: String {
        "CURVE on (server key \(serverKey.prefix(8))…, "
            + (isEphemeral ? "ephemeral client key: it will not pass an --authorized-keys allowlist; pass --curve-key"
                           : "client key \(keys.publicKey.prefix(8))…") + ")"
    }
}

/// The coordinator's CURVE settings.
public struct CurveServerSettings: Sendable {
    /// The coordinator's key pair; its public key is what clients pass as `--curve-server-key`.
    public var keys: ZMQCurveKeyPair
    /// Client public keys (Z85) allowed to connect; nil accepts any client that
    /// knows the server key (encrypted, but clients are not authenticated).
    public var authorizedKeys: Set<String>?

    public init(keys: ZMQCurveKeyPair, authorizedKeys: Set<String>? = nil) {
        self.keys = keys
        self.authorizedKeys = authorizedKeys
    }
}

extension ZMQSocket {
    /// Makes this socket a CURVE client when `credentials` is given; call before `connect`.
    public func secure(with credentials: CurveClientCredentials?) throws(ZMQError) {
        guard let credentials else { return }
        try makeCurveClient(credentials.keys, serverKey: credentials.serverKey)
    }
}
