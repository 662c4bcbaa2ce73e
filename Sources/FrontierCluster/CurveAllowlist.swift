import Foundation
import FrontierTransport

/// The client public keys a coordinator accepts (`--authorized-keys`), and the
/// ZAP policy that enforces them.
public enum CurveAllowlist {
    /// Loads the keys from a directory of `.pub` (or zcert) files, or from a file
    /// with one Z85 key a line (`#` comments and blank lines ignored; a key file
    /// with a `public-key =` line also works). An empty allowlist is an error:
    /// it would refuse everyone.
    public static func load(path: String) throws(CurveKeyFileError) -> Set<String> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CurveKeyFileError(path: path, problem: "no such file or directory of authorized keys")
        }
        var keys: Set<String> = []
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in names.sorted() where name.hasSuffix(".pub") {
                keys.insert(try CurveKeyFile.readPublicKey(path: URL(fileURLWithPath: path).appendingPathComponent(name).path))
            }
            guard !keys.isEmpty else {
                throw CurveKeyFileError(path: path, problem: "holds no .pub files; every client would be refused")
            }
            return keys
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CurveKeyFileError(path: path, problem: "cannot be read as text")
        }
        if text.contains("public-key") { return [try CurveKeyFile.parse(text, path: path).publicKey] }
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if let problem = ZMQCurveKeyPair.problem(withZ85Key: line) {
                throw CurveKeyFileError(path: path, problem: "line \(index + 1): \(problem)")
            }
            keys.insert(line)
        }
        guard !keys.isEmpty else { throw CurveKeyFileError(path: path, problem: "lists no keys; every client would be refused") }
        return keys
    }
}

/// The ZAP decision for an allowlist (nil: any key), with refusals logged (key
/// prefix and peer address) at most once a minute per key: a refused client's
/// libzmq reconnects every few hundred milliseconds and would otherwise flood the
/// log. An admitted client's whole public key becomes its "User-Id".
final class CurveAllowlistPolicy: @unchecked Sendable {
    private let allowed: Set<String>?
    private let log: @Sendable (String) -> Void
    private let lock = NSLock()
    // Key -> (last logged, refusals since).
    private var refusals: [String: (logged: ContinuousClock.Instant, count: Int)] = [:]

    init(allowed: Set<String>?, log: @escaping @Sendable (String) -> Void) {
        self.allowed = allowed
        self.log = log
    }

    func decide(_ request: ZMQZapHandler.Request) -> ZMQZapHandler.Decision {
        guard let key = request.clientKey else { return .deny(reason: "CURVE required") }
        guard let allowed, !allowed.contains(key) else { return .allow(userID: key) }
        let now = ContinuousClock.now
        let line: String? = lock.withLock {
            if var entry = refusals[key], now - entry.logged < .seconds(60) {
                entry.count += 1
                refusals[key] = entry
                return nil
            }
            let earlier = refusals[key]?.count ?? 0
            refusals[key] = (now, 0)
            return "refused CURVE client key \(key.prefix(8))… from \(request.address) (not in --authorized-keys)"
                + (earlier > 0 ? "; \(earlier) more attempt(s) with this key in the last minute" : "")
        }
        if let line { log(line) }
        return .deny(reason: "client key not authorized")
    }
}
