import Foundation
import Testing
import FrontierProtocol
import FrontierTransport

/// What an operator sees: exit codes, the CLI's JSON, exports, `tail`, and the logs.
@Suite("Cluster operations", .serialized, .timeLimit(.minutes(2)))
struct ClusterOperationsTests {
    /// Runs `frontier` to completion; its exit status and output.
    static func run(_ group: ChildGroup, _ arguments: [String], timeout: Duration = .seconds(30)) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let child = try group.start(arguments.prefix(2).joined(separator: " "), arguments)
        guard let status = child.waitForExit(timeout: timeout) else {
            child.kill9()
            throw HarnessError.timedOut("frontier \(arguments.joined(separator: " "))")
        }
        return (status, child.stdout, child.stderr)
    }

    /// The one JSON object `text` holds (pretty-printed or not).
    static func object(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw HarnessError.unexpected("not a JSON object: \(text)")
        }
        return object
    }

    @Test("Usage errors exit 64, runtime errors 1 and an unreachable coordinator 69, without a usage text")
    func exitCodes() throws {
        let group = try ChildGroup()
        defer { group.killAll() }
        let unreachable = try Self.run(group, ["sweep", "status", "--coordinator", "tcp://127.0.0.1:9", "--timeout", "0.5"])
        #expect(unreachable.status == 69, "\(unreachable)")
        #expect(!unreachable.stderr.contains("Usage:"), "\(unreachable.stderr)")

        let coordinator = try CoordinatorProcess.start(in: group, state: group.directory.appendingPathComponent("s").path)
        let bad = group.directory.appendingPathComponent("bad.yaml")
        try "name: bad\ncolour: red\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try Self.run(group, ["sweep", "submit", bad.path, "--coordinator", coordinator.router])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("colour"))
        #expect(!refused.stderr.contains("Usage:"), "\(refused.stderr)")

        let usage = try Self.run(group, ["sweep", "status", "--no-such-flag"])
        #expect(usage.status == 64)
    }

    @Test("Cluster --json: snake_case keys, numbers as numbers, zero counts present; CSV names the last task; a bad --x is refused")
    func jsonExportsAndStatus() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator()
        try cluster.startWorker("a")
        let sweep = try cluster.submitNoop(name: "json", xs: [1, 2], seconds: 0.1)
        _ = try cluster.waitUntilFinished(sweep.id)
        let router = cluster.coordinator.router

        let status = try Self.object(try cluster.group.run(["sweep", "status", sweep.id, "--coordinator", router, "--json"]))
        let sweeps = try #require(status["sweeps"] as? [[String: Any]])
        let summary = try #require(sweeps.first)
        #expect(summary["sweep_id"] as? String == sweep.id)
        #expect(summary["tasks_done"] as? Int == 4)
        #expect(summary["tasks_failed"] as? Int == 0, "zero counts must be present: \(summary)")
        #expect(summary["tasks_cancelled"] as? Int == 0)
        #expect(summary["state"] as? String == "done")

        let export = try Self.object(try cluster.group.run(["sweep", "export", sweep.id, "--format", "json", "--coordinator", router]))
        #expect(export["sequence"] as? Int != nil, "sequence is not a JSON number: \(String(describing: export["sequence"]))")
        let rows = try #require(export["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0["replicates_done"] as? Int == 2 && $0["last_task_id"] is String })

        let csv = try cluster.group.run(["sweep", "export", sweep.id, "--format", "csv", "--coordinator", router])
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let column = try #require(lines.first?.firstIndex(of: "last_task_id"))
        #expect(lines.dropFirst().allSatisfy { $0[column].hasPrefix("\(sweep.id)/") }, "\(csv)")

        let badAxis = try Self.run(cluster.group, ["sweep", "export", sweep.id, "--format", "svg", "--x", "nope",
                                                   "--coordinator", router])
        #expect(badAxis.status != 0)
        #expect(badAxis.stderr.contains("nope") && badAxis.stderr.contains("loss"), "\(badAxis.stderr)")
    }

    @Test("Cancelled tasks are counted, and a sweep that ended with failures says so")
    func countsAndStates() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator()
        let router = cluster.coordinator.router
        // No worker: every task stays pending, then is cancelled.
        let pending = try cluster.submitNoop(name: "to-cancel", xs: [1, 2], seconds: 0)
        _ = try cluster.group.run(["sweep", "cancel", pending.id, "--coordinator", router])
        let cancelled = try Self.object(try cluster.group.run(["sweep", "status", pending.id, "--coordinator", router, "--json"]))
        let summary = try #require((cancelled["sweeps"] as? [[String: Any]])?.first)
        #expect(summary["state"] as? String == "cancelled")
        #expect(summary["tasks_cancelled"] as? Int == 4, "\(summary)")
        #expect(summary["tasks_total"] as? Int == 4)
        let text = try cluster.group.run(["sweep", "status", pending.id, "--coordinator", router])
        #expect(text.contains("0/4 done") && text.contains("4 cancelled"), "\(text)")

        try cluster.startWorker("a")
        let yaml = """
            name: failing
            dataset: \(TestCluster.dataset)
            shard_count: 2
            max_attempts: 1
            jobs:
              - kind: noop
                settings: {fail: true}
            """
        let file = cluster.group.directory.appendingPathComponent("failing.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let id = try cluster.group.run(["sweep", "submit", file.path, "--coordinator", router])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try cluster.waitUntilFinished(id)
        let failed = try Self.object(try cluster.group.run(["sweep", "status", id, "--coordinator", router, "--json"]))
        let failedSummary = try #require((failed["sweeps"] as? [[String: Any]])?.first)
        #expect(failedSummary["state"] as? String == "done_with_failures", "\(failedSummary)")
        #expect(failedSummary["tasks_failed"] as? Int == 2)
    }

    @Test("tail needs only --coordinator: it learns the PUB endpoint and applies every update once")
    func tailLearnsPublishEndpoint() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator()
        try cluster.startWorker("a")
        let sweep = try cluster.submitNoop(name: "tail-endpoint", xs: [1, 2, 3, 4], seconds: 0.4)
        _ = try cluster.waitForSnapshot(sweep.id) { $0.sequence >= 1 }
        let tail = try cluster.group.start("tail", ["tail", sweep.id, "--coordinator", cluster.coordinator.router,
                                                    "--until-done", "--json"])
        #expect(tail.waitForExit(timeout: .seconds(60)) == 0, "\(tail.stderr)")
        let lines = tail.stdout.split(separator: "\n").map(String.init)
        let objects = try jsonObjects(tail.stdout)
        try #require(objects.count >= 2)
        #expect(objects[0]["objectives"] != nil, "the first line is not a snapshot")
        // After the snapshot only updates: a wrong PUB endpoint would show up as snapshot refreshes.
        #expect(objects.dropFirst().allSatisfy { $0["objectives"] == nil }, "\(lines)")
        let sequences = objects.compactMap { $0["sequence"] as? Int }
        #expect(sequences.count == objects.count, "sequence is not a JSON number")
        #expect(sequences.last == 9 && objects.last?["done"] as? Bool == true, "\(lines.last ?? "")")
        #expect(zip(sequences.dropFirst(), sequences.dropFirst(2)).allSatisfy { $1 == $0 + 1 })
    }

    @Test("tail's text view shows done/total, running, failed and an ETA")
    func tailShowsProgress() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator()
        try cluster.startWorker("a")
        let sweep = try cluster.submitNoop(name: "tail-progress", xs: [1, 2, 3], seconds: 0.3)
        let tail = try cluster.group.start("tail", ["tail", sweep.id, "--coordinator", cluster.coordinator.router,
                                                    "--until-done"])
        #expect(tail.waitForExit(timeout: .seconds(60)) == 0, "\(tail.stderr)")
        let out = tail.stdout
        #expect(out.contains("6/6 done"), "\(out)")
        #expect(out.contains("0 running") && out.contains("0 failed"), "\(out)")
        #expect(out.contains("ETA"), "\(out)")
    }

    // MARK: - Logs

    @Test("A lost worker and its expired lease are logged once each, with context")
    func lostWorkerLogged() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator(lease: 2)
        let a = try cluster.startWorker("a")
        let sweep = try cluster.submitNoop(name: "lost", xs: [1], seconds: 30)
        _ = try a.waitForStderr(#"running (\S+) "#)
        a.kill9()
        let log = cluster.coordinator.child
        _ = try log.waitForStderr(#"worker a lost"#, timeout: .seconds(10))
        Thread.sleep(forTimeInterval: 3)
        let text = log.stderr
        #expect(text.components(separatedBy: "worker a lost").count - 1 == 1, "\(text)")
        #expect(text.contains("requeued \(sweep.id)/"), "\(text)")
    }

    @Test("Refused frames are logged at a bounded rate, with counts")
    func refusalsRateLimited() throws {
        let group = try ChildGroup()
        defer { group.killAll() }
        let coordinator = try CoordinatorProcess.start(in: group, state: group.directory.appendingPathComponent("s").path)
        let peer = try RawPeer(endpoint: coordinator.router)
        defer { peer.close() }
        for _ in 0..<300 { try peer.sendFrames([Data([0xFF, 0xFF, 0xFF])]) }
        var replies = 0
        while try peer.receive(within: .seconds(2)) != nil { replies += 1 }
        #expect(replies == 300, "every refused frame is still answered")
        // A few are logged one by one, the rest summed up when the logging window closes.
        let summary = try coordinator.child.waitForStderr(#"(\d+) more refused frame"#, timeout: .seconds(20))
        let lines = coordinator.child.stderr.split(separator: "\n").filter { $0.contains("refused") }
        #expect(lines.count <= 12, "\(lines.count) refusal lines")
        let single = lines.filter { !$0.contains("more refused") }.count
        #expect(Int(summary[1]).map { $0 + single } == 300, "\(lines)")
    }

    @Test("--log-format json writes one JSON object a line, with a level")
    func jsonLogs() throws {
        let group = try ChildGroup()
        defer { group.killAll() }
        let coordinator = try group.start("coordinator", ["coordinator", "--bind", "tcp://127.0.0.1:*",
                                                         "--publish", "tcp://127.0.0.1:*", "--state",
                                                         group.directory.appendingPathComponent("s").path,
                                                         "--log-format", "json"])
        _ = try coordinator.waitForStderr("coordinator on")
        let lines = coordinator.stderr.split(separator: "\n").map(String.init)
        try #require(!lines.isEmpty)
        for line in lines {
            let object = try Self.object(line)
            #expect(object["level"] is String && object["message"] is String, "\(line)")
        }
    }
}
