import Foundation
import Testing
import FrontierProtocol
import FrontierTransport
@testable import FrontierCluster

/// End-to-end tests with real processes: `frontier coordinator`, `frontier worker`,
/// and the CLI clients, talking over TCP on ephemeral loopback ports.
@Suite("ClusterIntegration", .serialized, .timeLimit(.minutes(2)))
struct ClusterIntegrationTests {
    /// A noop sweep of 8 tasks on two single-slot workers completes with one result per task.
    @Test func sweepCompletes() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator()
        try cluster.startWorker("a")
        try cluster.startWorker("b")
        let sweep = try cluster.submitNoop(name: "complete", xs: [1, 2, 3, 4], seconds: 0.2)
        #expect(sweep.tasks == 8)
        _ = try cluster.waitUntilFinished(sweep.id)

        let status = try cluster.cliStatus(sweep.id)
        #expect(status.state == .done)
        #expect(status.tasksDone == 8)
        #expect(status.tasksFailed == 0)
        #expect(status.tasksPending == 0 && status.tasksRunning == 0)

        let snapshot = try cluster.snapshot(sweep.id)
        #expect(snapshot.done)
        #expect(snapshot.rows.count == 4)
        #expect(snapshot.replicateSum == 8)
        // Eight changes, then the done marker's own number.
        #expect(snapshot.sequence == 9)
        // Both workers took part.
        let names = Set(snapshot.rows.map(\.lastWorker))
        #expect(names.isSubset(of: ["a", "b"]))

        // The export command sees the same front.
        let exported = try cluster.group.run(["sweep", "export", sweep.id, "--format", "json",
                                              "--coordinator", cluster.coordinator.router])
        let viaCLI = try #require(try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? [String: Any])
        let rows = try #require(viaCLI["rows"] as? [[String: Any]])
        #expect(rows.reduce(0) { $0 + ($1["replicates_done"] as? Int ?? 0) } == 8)
        #expect(viaCLI["sequence"] as? Int == Int(snapshot.sequence))
    }

    /// A worker killed with SIGKILL mid-task loses its lease; the task runs elsewhere, once.
    @Test func workerKilledMidTask() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator(lease: 2)
        let a = try cluster.startWorker("a")
        let sweep = try cluster.submitNoop(name: "kill-worker", xs: [1, 2], seconds: 2.0)
        #expect(sweep.tasks == 4)
        // Worker a alone first, so it certainly holds a task when killed.
        let running = try a.waitForStderr(#"running (\S+) "#)
        let b = try cluster.startWorker("b")
        Thread.sleep(forTimeInterval: 0.3)
        a.kill9()

        let final = try cluster.waitUntilFinished(sweep.id, timeout: .seconds(60))
        #expect(final.state == .done)
        #expect(final.tasksDone == 4)
        #expect(final.tasksFailed == 0)
        let snapshot = try cluster.snapshot(sweep.id)
        #expect(snapshot.replicateSum == 4)
        #expect(snapshot.sequence == 5)
        // The killed worker's task was finished by b.
        #expect(b.stderr.contains("finished \(running[1]):"), "the task running on a when it died never finished on b")
        #expect(snapshot.rows.allSatisfy { $0.lastWorker == "b" || $0.lastWorker == "a" })
    }

    /// The coordinator is SIGKILLed and restarted on the same ports and state: results
    /// so far are kept, workers reconnect by themselves, the sweep completes exactly.
    @Test func coordinatorRestart() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator(lease: 5)
        try cluster.startWorker("a")
        try cluster.startWorker("b")
        let sweep = try cluster.submitNoop(name: "restart", xs: [1, 2, 3, 4], seconds: 0.5)
        let before = try cluster.waitForSnapshot(sweep.id) { $0.replicateSum >= 2 }
        #expect(!before.done)
        cluster.coordinator.child.kill9()
        Thread.sleep(forTimeInterval: 0.5)
        try cluster.startCoordinator(lease: 5, sameEndpoints: true)
        #expect(try cluster.coordinator.child.waitForStderr(#"\((\d+) sweeps restored\)"#)[1] == "1")

        // The restored front holds at least what was there before the kill.
        let restored = try cluster.snapshot(sweep.id)
        #expect(restored.replicateSum >= before.replicateSum)
        #expect(restored.sequence >= before.sequence)

        let final = try cluster.waitUntilFinished(sweep.id, timeout: .seconds(60))
        #expect(final.state == .done)
        #expect(final.tasksDone == 8)
        #expect(final.tasksFailed == 0)
        let snapshot = try cluster.snapshot(sweep.id)
        #expect(snapshot.replicateSum == 8)
        #expect(snapshot.sequence == 9)
        // Both workers introduced themselves to the new coordinator without being restarted.
        let log = cluster.coordinator.child.stderr
        #expect(log.contains("worker a joined"))
        #expect(log.contains("worker b joined"))
    }

    /// `frontier tail --until-done --json` started late: its snapshot, then every update
    /// in order with no gap and no repeat, then exit 0 when the sweep is done.
    @Test func lateTailSeesEveryUpdateOnce() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator()
        try cluster.startWorker("a")
        let sweep = try cluster.submitNoop(name: "tail", xs: [1, 2, 3, 4], seconds: 0.4)
        _ = try cluster.waitForSnapshot(sweep.id) { $0.sequence >= 2 }
        let tail = try cluster.group.start("tail", ["tail", sweep.id, "--coordinator", cluster.coordinator.router,
                                                    "--publish", cluster.coordinator.publisher, "--until-done", "--json"])
        let status = tail.waitForExit(timeout: .seconds(60))
        #expect(status == 0, "tail did not exit 0: \(String(describing: status))\n\(tail.stderr)")

        let lines = tail.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count >= 2, "tail printed \(lines)")
        let objects = try jsonObjects(tail.stdout)
        // Line 1: the snapshot (it names the objectives; updates do not).
        #expect(objects[0]["objectives"] != nil, "first line is not a snapshot: \(lines[0])")
        let first = try FrontierProtocol.FrontSnapshot(jsonString: lines[0])
        let s = first.sequence
        #expect(s >= 2 && s < 8, "the tail joined at sequence \(s), not mid-sweep")
        #expect(first.replicateSum == Int(s))
        // Then updates S+1, S+2, ..., 8, strictly consecutive, then the done marker at 9 (its own number).
        var expected = s + 1
        for (index, line) in lines.enumerated().dropFirst() {
            #expect(objects[index]["objectives"] == nil, "a snapshot in the middle (gap or refresh): \(line)")
            let update = try FrontierProtocol.FrontUpdate(jsonString: line)
            if index == lines.count - 1 {
                #expect(update.done, "last line is not the done marker: \(line)")
                #expect(update.rows.isEmpty)
                #expect(update.sequence == 9)
            } else {
                #expect(!update.done)
                #expect(update.sequence == expected, "line \(index): sequence \(update.sequence), expected \(expected)")
                #expect(!update.rows.isEmpty)
                expected += 1
            }
        }
        #expect(expected == 9, "updates ended at \(expected - 1), not 8")
    }

    /// Garbage from untrusted peers is refused with an `Error` (or a dropped connection)
    /// while the coordinator goes on running a sweep.
    @Test func untrustedPeers() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        try cluster.startCoordinator()
        try cluster.startWorker("a")
        let sweep = try cluster.submitNoop(name: "untrusted", xs: [1, 2, 3], seconds: 0.3)
        let endpoint = cluster.coordinator.router
        let context = try ZMQContext()
        defer { context.shutdown() }
        let codec = EnvelopeCodec()

        /// Sends raw frames on a fresh DEALER and returns the decoded reply, or nil if none within `wait`.
        func exchange(_ frames: [Data], wait: Duration = .seconds(3)) throws -> Envelope? {
            let socket = try context.socket(.dealer)
            defer { socket.close() }
            try socket.set(.linger, .zero)
            try socket.connect(endpoint)
            try socket.send(frames)
            let deadline = ContinuousClock.now + wait
            while ContinuousClock.now < deadline {
                guard try !ZMQPoller([socket]).poll(timeout: deadline - .now).isEmpty else { break }
                if let reply = try socket.tryReceive() { return try codec.decode(dealerMessage: reply) }
            }
            return nil
        }
        func error(of envelope: Envelope?) -> ErrorMessage? {
            if case .error(let e)? = envelope?.body { return e }
            return nil
        }

        // 1. Bytes that are no protobuf at all (an unterminated varint).
        var junk = Data(repeating: 0xFF, count: 11)
        var generator = SystemRandomNumberGenerator()
        junk.append(contentsOf: (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let e1 = try #require(error(of: try exchange([junk])), "no Error reply to junk bytes")
        #expect(e1.code == .badFrame)

        // 2. A valid envelope cut short.
        var request = SweepStatusRequest()
        request.sweepID = sweep.id
        let valid = try codec.encode(.sweepStatusRequest(request), messageID: 41)
        let e2 = try #require(error(of: try exchange([valid.prefix(valid.count - 3)])), "no Error reply to a truncated envelope")
        #expect(e2.code == .badFrame)

        // 3. Version 1.1, message id 7, and a body at oneof field 99 (unknown to this build).
        let unknownBody = Data([0x08, 0x01, 0x10, 0x01, 0x18, 0x07, 0x9A, 0x06, 0x02, 0x08, 0x01])
        let reply3 = try exchange([unknownBody])
        let e3 = try #require(error(of: reply3), "no Error reply to an unknown body")
        #expect(e3.code == .unknownMessage)
        #expect(reply3?.inReplyTo == 7)

        // 4. Another major version.
        let future = EnvelopeCodec(version: ProtocolVersion(major: 2, minor: 0))
        let reply4 = try exchange([try future.encode(.sweepStatusRequest(request), messageID: 9)])
        let e4 = try #require(error(of: reply4), "no Error reply to major version 2")
        #expect(e4.code == .unsupportedVersion)
        #expect(e4.receivedMajorVersion == 2)
        #expect(e4.supportedMajorVersion == 1)
        #expect(e4.message.contains("2.0") && e4.message.contains(ProtocolVersion.current.description), "\(e4.message)")
        #expect(reply4?.inReplyTo == 9)

        // 5. Two frames from a DEALER (three at the ROUTER).
        let e5 = try #require(error(of: try exchange([valid, valid])), "no Error reply to extra frames")
        #expect(e5.code == .badFrame)

        // 6. A frame over the 4 MiB limit: refused with OVERSIZE, unparsed.
        let huge = Data(count: (4 << 20) + 1024)
        let e6 = try #require(error(of: try exchange([huge])), "no Error reply to a 4 MiB + 1 KiB frame")
        #expect(e6.code == .oversize)
        // Beyond twice the limit libzmq drops the connection: nothing comes back.
        #expect(try exchange([Data(count: (8 << 20) + 1024)], wait: .seconds(2)) == nil)

        // The coordinator still answers a well-formed request on a fresh connection...
        let ok = try exchange([try codec.encode(.sweepStatusRequest(request), messageID: 50)])
        guard case .sweepStatus(let status)? = ok?.body else {
            Issue.record("no SweepStatus after the garbage: \(String(describing: ok))")
            return
        }
        #expect(status.sweeps.first?.sweepID == sweep.id)
        #expect(ok?.inReplyTo == 50)

        // ...and the sweep completes with every result.
        let final = try cluster.waitUntilFinished(sweep.id, timeout: .seconds(60))
        #expect(final.state == .done)
        #expect(final.tasksDone == 6)
        #expect(final.tasksFailed == 0)
        let snapshot = try cluster.snapshot(sweep.id)
        #expect(snapshot.replicateSum == 6)
        #expect(snapshot.sequence == 7)
        #expect(cluster.coordinator.child.isRunning)
        let refusals = cluster.coordinator.child.stderr.components(separatedBy: "refused a frame").count - 1
        #expect(refusals == 5, "coordinator logged \(refusals) refusals")
        // The sixth (the oversized frame) is counted in the summary when the logging window closes.
        _ = try cluster.coordinator.child.waitForStderr("1 more refused frames in the last", timeout: .seconds(20))
    }
}
