import FrontierTransport

/// How the coordinator's sockets are secured: nothing (plain TCP), CURVE
/// encryption for any client that knows the server key, or CURVE plus a ZAP
/// handler that accepts only an allowlist of client keys.
///
/// Kept apart from `CoordinatorServer` so the server only calls `prepare` before
/// binding and `secure` on each socket.
struct CoordinatorSecurity {
    let settings: CurveServerSettings?
    let log: @Sendable (String) -> Void

    /// The ZAP domain the coordinator's sockets present to the handler.
    static let zapDomain = "frontier"

    /// Starts the ZAP handler in `context` when there is an allowlist; call before
    /// any server socket binds, so no client is ever admitted without the check.
    func prepare(_ context: ZMQContext) throws -> ZMQZapHandler? {
        guard let settings else {
            return nil
        }
        log("CURVE on: server public key \(settings.keys.publicKey) (clients pass it, or the .pub file, "
            + "as --curve-server-key)")
        guard let allowed = settings.authorizedKeys else {
            log("CURVE without --authorized-keys: any client that knows the server key is accepted "
                + "(traffic encrypted, clients not authenticated)")
            return nil
        }
        let policy = CurveAllowlistPolicy(allowed: allowed, log: log)
        let handler = try ZMQZapHandler(context: context) { policy.decide($0) }
        log("CURVE allowlist: \(allowed.count) client key(s); others are refused")
        return handler
    }

    /// Makes `socket` a CURVE server (before `bind`) when CURVE is on.
    func secure(_ socket: ZMQSocket) throws {
        guard let settings else { return }
        try socket.makeCurveServer(settings.keys)
        try socket.set(.zapDomain, Self.zapDomain)
    }
}
