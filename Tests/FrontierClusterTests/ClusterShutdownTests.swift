import Foundation
import Testing
import FrontierProtocol

/// Clean stops: a worker's SIGTERM hands its work back without spending an attempt,
/// and the coordinator's leaves a database that stands on its own.
@Suite("Cluster shutdown and durable state", .serialized, .timeLimit(.minutes(2)))
struct ClusterShutdownTests {
    static let databaseName = "coordinator.sqlite"

    @Test("A worker's SIGTERM lets its running task finish within the grace period")
    func sigtermFinishesTask() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator(lease: 30)
        let a = try cluster.startWorker("a")
        let sweep = try submit(cluster, name: "finish", seconds: 2)
        _ = try a.waitForStderr(#"running \S+ "#)
        kill(a.pid, SIGTERM)
        #expect(a.waitForExit(timeout: .seconds(20)) == 0, "\(a.stderr)")
        let final = try cluster.waitUntilFinished(sweep, timeout: .seconds(10))
        #expect(final.tasksDone == 1 && final.tasksFailed == 0, "\(final)\n\(cluster.group.logs())")
    }

    @Test("Past the grace period the task is released: requeued at once, no attempt spent, never back to the leaving worker")
    func sigtermReleasesTask() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator(lease: 30)
        let a = try cluster.startWorker("a", extraArguments: ["--shutdown-grace", "0.5"])
        let sweep = try submit(cluster, name: "release", seconds: 20)
        _ = try a.waitForStderr(#"running \S+ "#)
        kill(a.pid, SIGTERM)
        #expect(a.waitForExit(timeout: .seconds(10)) == 0, "\(a.stderr)")
        // max_attempts is 1: had the release cost an attempt, the task would have failed.
        let status = try cluster.status(sweep)
        #expect(status.tasksFailed == 0 && status.tasksPending == 1, "\(status)\n\(cluster.group.logs())")
        let starts = a.stderr.split(separator: "\n").filter { $0.contains(": running \(sweep)/") }
        #expect(starts.count == 1, "the leaving worker was given work again: \(a.stderr)")
        let b = try cluster.startWorker("b")
        _ = try b.waitForStderr(#"running \S+ .*attempt 2"#, timeout: .seconds(10))
    }

    @Test("The coordinator's SIGTERM checkpoints the WAL: the database file alone holds everything")
    func sigtermCheckpoints() throws {
        let group = try ChildGroup()
        defer { group.killAll() }
        let state = group.directory.appendingPathComponent("state").path
        let coordinator = try CoordinatorProcess.start(in: group, state: state)
        let sweep = try submitRaw(coordinator.router)
        kill(coordinator.child.pid, SIGTERM)
        #expect(coordinator.child.waitForExit(timeout: .seconds(10)) == 0)

        let copy = group.directory.appendingPathComponent("copy").path
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(state)/\(Self.databaseName)", toPath: "\(copy)/\(Self.databaseName)")
        let restored = try CoordinatorProcess.start(in: group, state: copy)
        #expect(try restored.child.waitForStderr(#"\((\d+) sweeps restored\)"#)[1] == "1", "sweep \(sweep) lost")
    }

    @Test("A database whose WAL is missing is refused without --force, saying why")
    func missingWAL() throws {
        let group = try ChildGroup()
        defer { group.killAll() }
        let state = group.directory.appendingPathComponent("state").path
        let coordinator = try CoordinatorProcess.start(in: group, state: state)
        _ = try submitRaw(coordinator.router)
        // A copy of the file alone while the coordinator runs: the sweep is still in the WAL.
        let copy = group.directory.appendingPathComponent("copy").path
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(state)/\(Self.databaseName)", toPath: "\(copy)/\(Self.databaseName)")
        let refused = try group.start("coordinator copy", ["coordinator", "--bind", "tcp://127.0.0.1:*",
                                                           "--publish", "tcp://127.0.0.1:*", "--state", copy])
        let status = refused.waitForExit(timeout: .seconds(10))
        #expect(status != nil && status != 0, "the coordinator started on a database without its WAL")
        #expect(refused.stderr.contains("-wal") && refused.stderr.contains("--force"), "\(refused.stderr)")

        let forced = try CoordinatorProcess.start(in: group, state: copy, extraArguments: ["--force"])
        #expect(forced.child.isRunning)
    }

    @Test("A corrupt WAL is refused without --force, not silently discarded")
    func corruptWAL() throws {
        let group = try ChildGroup()
        defer { group.killAll() }
        let state = group.directory.appendingPathComponent("state").path
        let coordinator = try CoordinatorProcess.start(in: group, state: state)
        _ = try submitRaw(coordinator.router)
        kill(coordinator.child.pid, SIGTERM)
        #expect(coordinator.child.waitForExit(timeout: .seconds(10)) == 0)
        var garbage = Data(count: 8192)
        for i in garbage.indices { garbage[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 7) }
        try garbage.write(to: URL(fileURLWithPath: "\(state)/\(Self.databaseName)-wal"))
        let refused = try group.start("coordinator again", ["coordinator", "--bind", "tcp://127.0.0.1:*",
                                                            "--publish", "tcp://127.0.0.1:*", "--state", state])
        let status = refused.waitForExit(timeout: .seconds(10))
        #expect(status != nil && status != 0, "the coordinator started on a corrupt WAL")
        #expect(refused.stderr.contains("-wal"), "\(refused.stderr)")
    }

    /// A one-task noop sweep with `max_attempts: 1` on the cluster's shards.
    private func submit(_ cluster: TestCluster, name: String, seconds: Double) throws -> String {
        let yaml = """
            name: \(name)
            dataset: \(TestCluster.dataset)
            shards: [0]
            shard_count: 2
            max_attempts: 1
            jobs:
              - kind: noop
                settings: {seconds: \(seconds)}
            """
        let file = cluster.group.directory.appendingPathComponent("\(name).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try cluster.group.run(["sweep", "submit", file.path, "--coordinator", cluster.coordinator.router])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Submits the conformance sweep over raw frames; its id.
    private func submitRaw(_ router: String) throws -> String {
        let client = try RawPeer(endpoint: router)
        defer { client.close() }
        var submit = SweepSubmit()
        submit.spec = conformanceSpec()
        guard case .sweepAccepted(let accepted)? = try client.request(.sweepSubmit(submit))?.body else {
            throw HarnessError.unexpected("sweep not accepted")
        }
        return accepted.sweepID
    }
}
