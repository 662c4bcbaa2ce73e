import ArgumentParser
import FrontierCluster

/// `--coordinator`, `--timeout` and the CURVE options, shared by the client commands.
struct CoordinatorOptions: ParsableArguments {
    @Option(help: "The coordinator's ROUTER endpoint (the PUB endpoint for `tail` is learnt from it).")
    var coordinator = "tcp://127.0.0.1:5555"

    @Option(help: "Seconds to wait for the coordinator's reply.")
    var timeout: Double = 10

    @OptionGroup var curve: CurveClientOptions

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    /// Runs `body` with one client, its CURVE credentials resolved here (once per command).
    func withClient<T>(_ body: (ClusterClient) throws -> T) throws -> T {
        try withClient(curve: try curve.credentials(), body)
    }

    /// Runs `body` with one client for all of a command's requests, closed when `body` returns.
    /// `curve` comes from the command's single `curve.credentials()` call (`tail` also secures
    /// its subscriber with it). No answer in time is `CoordinatorUnreachable` (exit 69); a
    /// refusal or an unexpected reply a `RuntimeFailure` (exit 1).
    func withClient<T>(curve credentials: CurveClientCredentials?, _ body: (ClusterClient) throws -> T) throws -> T {
        let client = try ClusterClient(endpoint: coordinator, curve: credentials, timeout: .milliseconds(Int(timeout * 1000)))
        defer { client.close() }
        do {
            return try body(client)
        } catch let error as ClusterClient.ClientError {
            if case .timedOut = error { throw CoordinatorUnreachable(description: error.description) }
            throw RuntimeFailure(error.description)
        }
    }
}
