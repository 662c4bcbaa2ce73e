import ArgumentParser
import Foundation
import FrontierCluster
import FrontierCoordinator
import FrontierJobs
import FrontierTransport
import FrontierWeb
import Logging

/// `frontier coordinator`: the head node.
struct CoordinatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coordinator",
        abstract: "Run the coordinator: schedule sweeps on workers and publish the live Pareto front.",
        discussion: """
        Keeps sweeps, tasks, attempts and results in SQLite (WAL) under --state; a restarted \
        coordinator picks up where it stopped and workers reconnect by themselves. The WAL is \
        checkpointed into the database file every minute and on Ctrl-C or SIGTERM; a database \
        whose WAL is missing or corrupt is refused unless --force is given. Clients learn the \
        PUB endpoint from the coordinator (--advertise-publish when they reach it by another name).

        Examples:
          frontier coordinator --bind tcp://*:5555 --publish tcp://*:5556 --state /var/lib/frontier
          frontier coordinator --state frontier-out/state          # local defaults: ports 5555 and 5556
          frontier coordinator --curve-secret-key head.key --authorized-keys clients/
          (CURVE: encrypted, only the client keys in clients/*.pub; see docs/security.md)
          frontier coordinator --http 127.0.0.1:8080               # the web view and /metrics (docs/web.md)
          frontier coordinator --http 0.0.0.0:8080 --http-token web.token   # beyond loopback: a token is required
        """)

    @Option(help: "ROUTER endpoint for workers and clients.")
    var bind = "tcp://*:5555"

    @Option(help: "PUB endpoint for live front updates.")
    var publish = "tcp://*:5556"

    @Option(help: "Directory for the coordinator's durable state.")
    var state = "frontier-out/state"

    @Option(help: "Seconds a worker may stay silent before its tasks are requeued.")
    var lease: Double = 15

    @Option(help: ArgumentHelp("The PUB endpoint clients are told to subscribe to (default: the bound one, its "
                               + "wildcard host replaced by the host each client reached the coordinator at).",
                               valueName: "endpoint"))
    var advertisePublish: String?

    @Flag(help: ArgumentHelp("Start even if the state's write-ahead log is missing or corrupt, from the last "
                             + "checkpoint (a corrupt WAL is renamed aside, not deleted)."))
    var force = false

    @Option(help: ArgumentHelp("Forget the CURVE key a worker name is bound to, so its next key is bound instead "
                               + "(repeatable; see docs/security.md).", valueName: "name"))
    var unbindWorker: [String] = []

    @OptionGroup var logging: LogOptions

    @Option(help: ArgumentHelp("Serve the read-only web view, its JSON API and /metrics over HTTP on HOST:PORT "
                               + "(off unless given; port 0 picks a free one; see docs/web.md).", valueName: "host:port"))
    var http: String?

    @Option(help: ArgumentHelp("A file holding the token every HTTP request must carry (`Authorization: Bearer` or "
                               + "?token=); required when --http is not a loopback address.", valueName: "file"))
    var httpToken: String?

    @Option(help: ArgumentHelp("This coordinator's CURVE key file (NAME.key from `frontier keys generate`): "
                               + "encrypts both sockets; clients need the matching .pub.", valueName: "file"))
    var curveSecretKey: String?

    @Option(help: ArgumentHelp("Client public keys allowed in: a directory of .pub files or a file with one "
                               + "Z85 key a line. Without it, any client that knows the server key is accepted.",
                               valueName: "dir-or-file"))
    var authorizedKeys: String?

    func run() throws {
        guard lease > 0 else { throw ValidationError("--lease must be positive") }
        let logger = logging.bootstrap(role: "coordinator")
        if !unbindWorker.isEmpty { try unbind(logger) }
        let web = try webSettings()
        let server = CoordinatorServer(
            configuration: CoordinatorConfiguration(bind: bind, publish: publish, stateDirectory: state,
                                                    leaseDuration: .milliseconds(Int(lease * 1000)),
                                                    curve: try curveSettings(), advertisedPublish: advertisePublish,
                                                    forceState: force),
            registry: FrontierJobs.registry, datasets: RecipeDatasetResolver(), logger: logger)
        let observatory = web.map { _ in CoordinatorObservatory() }
        server.observatory = observatory
        try server.start()
        var webServer: WebServer?
        if let web, let observatory {
            let started = try WebServer(observatory: observatory, address: web.address, token: web.token,
                                        logger: Logger(label: "frontier.web"))
            let port = try started.startBlocking()
            let note = web.token == nil ? "" : " (token required)"
            logger.info("web view on http://\(WebAddress(host: web.address.host, port: port))/\(note)")
            webServer = started
        }
        Signals.onTerminate { server.stop() }
        defer { webServer?.stop() }
        try server.run()
    }

    /// --http and --http-token, checked before anything starts.
    private func webSettings() throws -> (address: WebAddress, token: AccessToken?)? {
        guard let http else {
            if httpToken != nil { throw ValidationError("--http-token needs --http") }
            return nil
        }
        do {
            let address = try WebAddress(parsing: http)
            let token = try httpToken.map { path throws(WebError) in try AccessToken(contentsOf: path) }
            guard token != nil || address.isLoopback else { throw WebError.tokenRequired(address) }
            return (address, token)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// Removes the key bindings of `--unbind-worker` names before serving.
    private func unbind(_ logger: Logger) throws {
        let store = try CoordinatorStore.open(directory: state, force: force)
        defer { try? store.close() }
        for name in unbindWorker {
            let removed = try store.unbindWorker(name: name)
            logger.notice(removed ? "worker name \(name) unbound from its CURVE key" : "worker name \(name) was not bound")
        }
    }
}

extension CoordinatorCommand {
    /// The CURVE settings from --curve-secret-key and --authorized-keys; nil = plain TCP.
    func curveSettings() throws -> CurveServerSettings? {
        guard let curveSecretKey else {
            if authorizedKeys != nil { throw ValidationError("--authorized-keys needs --curve-secret-key") }
            return nil
        }
        guard ZMQ.hasCurve else { throw ValidationError("this libzmq was built without CURVE support") }
        do {
            let keys = try CurveKeyFile.readKeyPair(path: curveSecretKey)
            return CurveServerSettings(keys: keys, authorizedKeys: try authorizedKeys.map { try CurveAllowlist.load(path: $0) })
        } catch {
            throw KeyProblem("\(error)")
        }
    }
}

/// Runs `handler` on each SIGINT or SIGTERM (a clean stop instead of a kill; a worker
/// takes a second signal as "stop now").
enum Signals {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func onTerminate(_ handler: @escaping @Sendable () -> Void) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            sources.append(source)
        }
    }
}
