import FrontierTransport
import Logging

/// How the coordinator's sockets are secured: nothing (plain TCP), CURVE
/// encryption for any client that knows the server key, or CURVE plus an
/// allowlist of client keys.
///
/// With CURVE a ZAP handler always runs: it enforces the allowlist when there is
/// one, and either way it attaches each client's public key to its messages as
/// ZeroMQ's "User-Id" property, so the coordinator can bind a worker's name to
/// its key. Kept apart from `CoordinatorServer` so the server only calls
/// `prepare` before binding and `secure` on each socket.
struct CoordinatorSecurity {
    let settings: CurveServerSettings?
    let logger: Logger

    /// The ZAP domain the coordinator's sockets present to the handler.
    static let zapDomain = "frontier"

    /// Starts the ZAP handler in `context` when CURVE is on; call before any server
    /// socket binds, so no client is ever admitted without the check.
    func prepare(_ context: ZMQContext) throws -> ZMQZapHandler? {
        guard let settings else {
            return nil
        }
        logger.info("CURVE on: server public key \(settings.keys.publicKey) (clients pass it, or the .pub file, as --curve-server-key)")
        let policy: CurveAllowlistPolicy
        if let allowed = settings.authorizedKeys {
            policy = CurveAllowlistPolicy(allowed: allowed) { [logger] in logger.warning("\($0)") }
            logger.info("CURVE allowlist: \(allowed.count) client key(s); others are refused")
        } else {
            policy = CurveAllowlistPolicy(allowed: nil) { [logger] in logger.warning("\($0)") }
            logger.notice("CURVE without --authorized-keys: any client that knows the server key is accepted (traffic encrypted, clients not authenticated)")
        }
        return try ZMQZapHandler(context: context) { policy.decide($0) }
    }

    /// Makes `socket` a CURVE server (before `bind`) when CURVE is on.
    func secure(_ socket: ZMQSocket) throws {
        guard let settings else { return }
        try socket.makeCurveServer(settings.keys)
        try socket.set(.zapDomain, Self.zapDomain)
    }
}
