import ArgumentParser
import Foundation
import FrontierCluster
import FrontierTransport

/// `--curve-server-key` and `--curve-key`, shared by the worker, `sweep *` and `tail`.
///
/// Environment fallbacks (`FRONTIER_CURVE_SERVER_KEY`, `FRONTIER_CURVE_KEY`) let an
/// operator set the keys once for a shell or a systemd unit.
struct CurveClientOptions: ParsableArguments {
    @Option(name: .customLong("curve-server-key"),
            help: ArgumentHelp("The coordinator's CURVE public key (Z85) or its .pub file; turns CURVE on. "
                               + "Default: $FRONTIER_CURVE_SERVER_KEY. Give a key as --curve-server-key=KEY: "
                               + "a Z85 key may begin with '-'.", valueName: "key-or-file"))
    var serverKey: String?

    @Option(name: .customLong("curve-key"),
            help: ArgumentHelp("This client's key file (NAME.key from `frontier keys generate`). Default: "
                               + "$FRONTIER_CURVE_KEY, else an ephemeral key (refused by an --authorized-keys allowlist).",
                               valueName: "file"))
    var keyFile: String?

    /// The credentials to use, or nil for plain TCP. `announce` receives the
    /// one-line summary (e.g. that the client key is ephemeral). Each call loads the
    /// keys again (and makes up a new ephemeral key), so a command calls it once.
    func credentials(announce: (String) -> Void = CurveClientOptions.note) throws -> CurveClientCredentials? {
        let environment = ProcessInfo.processInfo.environment
        let server = serverKey ?? environment["FRONTIER_CURVE_SERVER_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        let key = keyFile ?? environment["FRONTIER_CURVE_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        guard let server else {
            if key != nil {
                throw ValidationError("--curve-key needs --curve-server-key (the coordinator's public key or .pub file)")
            }
            return nil
        }
        guard ZMQ.hasCurve else { throw ValidationError("this libzmq was built without CURVE support") }
        let credentials: CurveClientCredentials
        do { credentials = try CurveClientCredentials.load(serverKey: server, keyFile: key) } catch {
            throw KeyProblem("\(error)")
        }
        if credentials.isEphemeral { announce(credentials.summary) }
        return credentials
    }

    /// Writes a note on standard error.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data("frontier: \(line)\n".utf8))
    }
}

/// A key that cannot be used: reported as `Error: …` without the usage text a
/// `ValidationError` adds, since the command line itself was fine.
struct KeyProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
