import Foundation
import FrontierSettings
import FrontierSweep
import Testing
import FrontierProtocol
import FrontierTransport
@testable import FrontierCluster

/// The cluster over CURVE, with real processes on loopback: keys made by
/// `frontier keys generate`, an encrypted coordinator, and clients with right,
/// wrong and unlisted keys.
@Suite("ClusterCurve", .serialized, .timeLimit(.minutes(2)), .enabled(if: ZMQ.hasCurve))
struct ClusterCurveTests {
    /// `frontier keys generate --json` into the cluster's directory; returns the public key and paths.
    func generateKeys(_ cluster: TestCluster, name: String) throws -> (publicKey: String, secret: String, public: String) {
        let out = try cluster.group.run(["keys", "generate", "--out", cluster.group.directory.appendingPathComponent("keys").path,
                                         "--name", name, "--json"])
        guard let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: String],
              let key = object["public_key"], let secret = object["secret_file"], let pub = object["public_file"] else {
            throw HarnessError.unexpected("keys generate printed \(out)")
        }
        return (key, secret, pub)
    }

    /// Runs a CLI command expected to fail; returns its standard error.
    func failing(_ cluster: TestCluster, _ arguments: [String], timeout: Duration = .seconds(20)) throws -> String {
        let child = try cluster.group.start(arguments.prefix(2).joined(separator: " "), arguments)
        let status = child.waitForExit(timeout: timeout)
        #expect(status != nil && status != 0, "frontier \(arguments.joined(separator: " ")) exited \(String(describing: status))")
        return child.stderr
    }

    /// Encryption without an allowlist: a worker with an ephemeral key and the CLI (submit, status,
    /// tail over the CURVE PUB socket) run a sweep; clients with a wrong or no server key get nothing.
    @Test func encryptedSweepCompletes() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        let server = try generateKeys(cluster, name: "coordinator")
        cluster.coordinatorArguments = ["--curve-secret-key", server.secret]
        cluster.workerArguments = ["--curve-server-key", server.public]
        // The `=` form: a Z85 key may begin with "-", which would otherwise read as an option.
        cluster.clientArguments = ["--curve-server-key=\(server.publicKey)"]
        cluster.clientCurve = try CurveClientCredentials.load(serverKey: server.publicKey, keyFile: nil)
        try cluster.startCoordinator()
        _ = try cluster.coordinator.child.waitForStderr("any client that knows the server key is accepted")
        let worker = try cluster.startWorker("a")
        #expect(worker.stderr.contains("ephemeral client key"))
        let sweep = try cluster.submitNoop(name: "curve", xs: [1, 2], seconds: 0.2)
        let tail = try cluster.group.start("tail", ["tail", sweep.id, "--coordinator", cluster.coordinator.router,
                                                    "--publish", cluster.coordinator.publisher, "--until-done", "--json"]
                                                    + cluster.clientArguments)
        let final = try cluster.waitUntilFinished(sweep.id)
        #expect(final.state == .done && final.tasksDone == 4)
        #expect(try cluster.cliStatus(sweep.id).tasksDone == 4)
        #expect(tail.waitForExit(timeout: .seconds(30)) == 0, "tail: \(tail.stderr)")
        #expect(tail.stdout.contains("\"done\": true") || tail.stdout.contains("\"done\":true"), "tail printed \(tail.stdout)")

        // A wrong server key and a plain (non-CURVE) client: no service, a message that says what to check.
        let wrong = try ZMQCurveKeyPair.generate().publicKey
        let wrongKey = try failing(cluster, ["sweep", "status", "--coordinator", cluster.coordinator.router,
                                             "--curve-server-key=\(wrong)", "--timeout", "1.5"])
        #expect(wrongKey.contains("no reply from the coordinator") && wrongKey.contains("check --curve-server-key"), "\(wrongKey)")
        let plain = try failing(cluster, ["sweep", "status", "--coordinator", cluster.coordinator.router, "--timeout", "1.5"])
        #expect(plain.contains("no reply from the coordinator"), "\(plain)")
        // ...and the coordinator goes on serving clients with the right key.
        #expect(try cluster.cliStatus(sweep.id).state == .done)
        #expect(cluster.coordinator.child.isRunning)
    }

    /// A worker name is bound to the key it first connected with: another key is refused under that
    /// name (the key travels from the ZAP handler with each message), the first key is welcome back,
    /// and `--unbind-worker` releases the name.
    @Test func workerNameBoundToKey() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        let server = try generateKeys(cluster, name: "coordinator")
        let first = try generateKeys(cluster, name: "edge-first")
        let second = try generateKeys(cluster, name: "edge-second")
        cluster.coordinatorArguments = ["--curve-secret-key", server.secret]
        try cluster.startCoordinator()
        let log = cluster.coordinator.child
        let original = try cluster.startWorker("edge", extraArguments: ["--curve-server-key", server.public,
                                                                        "--curve-key", first.secret])
        _ = try log.waitForStderr("worker edge joined: .*CURVE key \(NSRegularExpression.escapedPattern(for: String(first.publicKey.prefix(8))))")
        original.kill9()
        let impostor = try cluster.startWorker("edge", extraArguments: ["--curve-server-key", server.public,
                                                                        "--curve-key", second.secret])
        _ = try log.waitForStderr("refused Hello from edge: worker name edge is bound to CURVE key")
        _ = try impostor.waitForStderr("coordinator error: worker name edge is bound to CURVE key")
        impostor.kill9()
        let back = try cluster.startWorker("edge", extraArguments: ["--curve-server-key", server.public,
                                                                    "--curve-key", first.secret])
        _ = try log.waitForStderr("(?s)refused Hello.*worker edge joined")

        back.kill9()
        log.kill9()
        cluster.coordinatorArguments += ["--unbind-worker", "edge"]
        try cluster.startCoordinator(sameEndpoints: true)
        _ = try cluster.coordinator.child.waitForStderr("worker name edge unbound from its CURVE key")
        try cluster.startWorker("edge", extraArguments: ["--curve-server-key", server.public, "--curve-key", second.secret])
        _ = try cluster.coordinator.child.waitForStderr(
            "worker edge joined: .*CURVE key \(NSRegularExpression.escapedPattern(for: String(second.publicKey.prefix(8))))")
    }

    /// With --authorized-keys only listed keys get in: a listed worker and client run a sweep; an
    /// unlisted client is refused (and logged), an unlisted worker says it hears nothing.
    @Test func allowlistRefusesUnlistedKeys() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        let server = try generateKeys(cluster, name: "coordinator")
        let worker = try generateKeys(cluster, name: "edge-a")
        let client = try generateKeys(cluster, name: "laptop")
        let intruder = try generateKeys(cluster, name: "intruder")
        let authorized = cluster.group.directory.appendingPathComponent("authorized").path
        try FileManager.default.createDirectory(atPath: authorized, withIntermediateDirectories: true)
        for pub in [worker.public, client.public] {
            try FileManager.default.copyItem(atPath: pub, toPath: authorized + "/" + URL(fileURLWithPath: pub).lastPathComponent)
        }
        cluster.coordinatorArguments = ["--curve-secret-key", server.secret, "--authorized-keys", authorized]
        cluster.clientArguments = ["--curve-server-key", server.public, "--curve-key", client.secret]
        cluster.clientCurve = try CurveClientCredentials.load(serverKey: server.public, keyFile: client.secret)
        try cluster.startCoordinator()
        _ = try cluster.coordinator.child.waitForStderr(#"CURVE allowlist: 2 client key\(s\)"#)
        try cluster.startWorker("a", extraArguments: ["--curve-server-key", server.public, "--curve-key", worker.secret])
        let sweep = try cluster.submitNoop(name: "allowlist", xs: [1], seconds: 0.1)
        #expect(try cluster.waitUntilFinished(sweep.id).tasksDone == 2)

        let refused = try failing(cluster, ["sweep", "status", "--coordinator", cluster.coordinator.router,
                                            "--curve-server-key", server.public, "--curve-key", intruder.secret,
                                            "--timeout", "1.5"])
        #expect(refused.contains("no reply from the coordinator"), "\(refused)")
        _ = try cluster.coordinator.child.waitForStderr(
            #"refused CURVE client key \#(NSRegularExpression.escapedPattern(for: String(intruder.publicKey.prefix(8))))… from 127\.0\.0\.1"#)
        // An ephemeral key cannot be on the list either.
        _ = try failing(cluster, ["sweep", "status", "--coordinator", cluster.coordinator.router,
                                  "--curve-server-key", server.public, "--timeout", "1.5"])

        let stranger = try cluster.group.start("worker intruder", [
            "worker", "--connect", cluster.coordinator.router, "--name", "intruder", "--heartbeat-ms", "100",
            "--curve-server-key", server.public, "--curve-key", intruder.secret,
        ])
        _ = try stranger.waitForStderr(#"no reply from coordinator at \S+ after [\d.]+ s .*check --curve-server-key"#)
        #expect(!cluster.coordinator.child.stderr.contains("worker intruder joined"))
        // The listed client is still served.
        #expect(try cluster.cliStatus(sweep.id).state == .done)
    }

    /// In process: a coordinator with an allowlist serves a listed client, refuses another, and
    /// `stop()` ends `run` promptly with the ZAP handler's thread (same context) gone too.
    @Test func coordinatorWithAllowlistStopsCleanly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-zap-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let serverKeys = try ZMQCurveKeyPair.generate(), listed = try ZMQCurveKeyPair.generate()
        let server = CoordinatorServer(
            configuration: CoordinatorConfiguration(bind: "tcp://127.0.0.1:*", publish: "tcp://127.0.0.1:*",
                                                    stateDirectory: directory,
                                                    curve: CurveServerSettings(keys: serverKeys, authorizedKeys: [listed.publicKey])),
            registry: JobKindRegistry([]), datasets: AnyDatasetName(), logger: quietLogger)
        try server.start()
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? server.run()
            finished.signal()
        }
        let endpoint = server.boundEndpoints.router
        _ = try ClusterClient(endpoint: endpoint, curve: CurveClientCredentials(serverKey: serverKeys.publicKey, keys: listed))
            .status(sweepID: nil, timeout: .seconds(5))
        let stranger = CurveClientCredentials(serverKey: serverKeys.publicKey, keys: try .generate())
        #expect(throws: ClusterClient.ClientError.self) {
            _ = try ClusterClient(endpoint: endpoint, curve: stranger).status(sweepID: nil, timeout: .milliseconds(800))
        }
        let stopping = ContinuousClock.now
        server.stop()
        #expect(finished.wait(timeout: .now() + 5) == .success)
        #expect(ContinuousClock.now - stopping < .seconds(2))
    }

    /// Unusable key files stop a command at once, naming the file and the problem.
    @Test func badKeyFiles() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        let server = try generateKeys(cluster, name: "coordinator")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: server.secret)
        let state = cluster.group.directory.appendingPathComponent("state").path
        let open = try failing(cluster, ["coordinator", "--bind", "tcp://127.0.0.1:*", "--publish", "tcp://127.0.0.1:*",
                                         "--state", state, "--curve-secret-key", server.secret])
        #expect(open.contains("\(server.secret): the secret key is accessible to every user (mode 644)"), "\(open)")

        let missing = try failing(cluster, ["sweep", "status", "--curve-server-key", "/nonexistent/coordinator.pub"])
        #expect(missing.contains("CURVE key file /nonexistent/coordinator.pub: no such file"), "\(missing)")
        let short = try failing(cluster, ["worker", "--curve-server-key=" + String(server.publicKey.prefix(39)) + "~"])
        #expect(short.contains("is not in the Z85 alphabet"), "\(short)")
        let pubAsKey = try failing(cluster, ["sweep", "status", "--curve-server-key", server.public, "--curve-key", server.public])
        #expect(pubAsKey.contains("\(server.public): no secret-key line"), "\(pubAsKey)")
        let exists = try failing(cluster, ["keys", "generate", "--out", URL(fileURLWithPath: server.secret).deletingLastPathComponent().path,
                                           "--name", "coordinator"])
        #expect(exists.contains("coordinator.key: already exists; pass --force"), "\(exists)")
    }
}

/// Accepts any dataset name (the cluster's tests run noop jobs on made-up datasets).
struct AnyDatasetName: DatasetResolver {
    func resolve(_ value: SettingValue, at path: String) throws(SettingsError) -> SweepDataset {
        guard case .string(let name) = value else { throw SettingsError(path: path, "expected a name") }
        return SweepDataset(name: name, definition: .null, checksum: "", isRegression: false)
    }
}
