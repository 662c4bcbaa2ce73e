import FrontierSettings
import Foundation
import Testing
import FrontierProtocol
import FrontierSweep
import FrontierTransport
@testable import FrontierCluster
import Logging

/// A logger that writes nothing: the in-process roles' logs would only clutter the test output.
let quietLogger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

/// Keeps every message, for tests that check what was logged.
struct CapturingLogHandler: LogHandler {
    let lines: LockedLines
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) { lines.append("\(event.message)") }
}

/// A job kind that reports `steps` progress steps and returns loss = x².
struct CountingJob: JobKind {
    var name = "count"
    var sweptParameters: [String: ClosedRange<Double>] = ["x": -100...100]
    var objectives: Set<String> = ["loss"]
    var steps = 3
    var stepDelay = 0.0
    func validate(settings: SettingValue, at path: String) throws(SweepSpecError) -> Data { Data() }
    func run(_ task: TaskSpec, on shard: LocalShard, report: (TaskProgressReport) -> TaskControl) throws -> TaskOutcome {
        for s in 1...steps {
            if stepDelay > 0 { Thread.sleep(forTimeInterval: stepDelay) }
            if report(TaskProgressReport(step: s, totalSteps: steps, metrics: ["step": Double(s)])) == .cancel {
                throw CancelledByCoordinator()
            }
        }
        let x = task.parameters["x"] ?? 0
        return TaskOutcome(objectives: ["loss": x * x], report: Data("{}".utf8), trainingSeconds: 0, evaluationSeconds: 0)
    }
}

/// A stand-in coordinator: a ROUTER socket the test drives by hand.
final class FakeCoordinator {
    let context: ZMQContext
    let router: ZMQSocket
    let endpoint: String
    let codec = EnvelopeCodec()
    var nextID: UInt64 = 1000

    init(endpoint: String = "tcp://127.0.0.1:*") throws {
        context = try ZMQContext()
        router = try context.socket(.router)
        self.endpoint = try router.bind(endpoint)
    }

    /// The next message of the wanted kind within `timeout`, skipping others (heartbeats, progress).
    func receive(within timeout: Duration = .seconds(5), where wanted: (Envelope.Body) -> Bool) throws -> (Data, Envelope)? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard try !ZMQPoller([router]).poll(timeout: .milliseconds(50)).isEmpty else { continue }
            let (id, envelope) = try codec.decode(routerMessage: try router.receive())
            if let body = envelope.body, wanted(body) { return (id, envelope) }
        }
        return nil
    }

    /// Sends `body` to the peer `id`; `inReplyTo` makes it the reply to that message id.
    func send(_ body: Envelope.Body, to id: Data, inReplyTo: UInt64 = 0) throws {
        nextID += 1
        try router.send(Framing.Routed(routingID: id, envelope: try codec.encode(body, messageID: nextID, inReplyTo: inReplyTo)).frames)
    }

    func close() { router.close(); context.shutdown() }

    /// The progress steps received, in order, until the first result (nil if none comes in time).
    func progressUntilResult() throws -> (steps: [UInt32], result: TaskResult?) {
        var steps: [UInt32] = []
        while let (_, e) = try receive(where: { _ in true }) {
            if case .progress(let p) = e.body { steps.append(p.step) }
            if case .taskResult(let r) = e.body { return (steps, r) }
        }
        return (steps, nil)
    }
}

func shard(_ dataset: String = "toy", id: Int = 0) -> LocalShard {
    LocalShard(descriptor: ShardDescriptor(dataset: dataset, shardID: id, trainRows: 10, testRows: 5,
                                           sha256: String(repeating: "a", count: 64), recipe: "toy"),
               directory: "/nonexistent")
}

func assignment(_ taskID: String, x: Double, dataset: String = "toy") -> TaskAssign {
    TaskAssign(TaskSpec(taskID: taskID, sweepID: "s1", index: 0, jobKind: "count", parameters: ["x": x], seed: 1,
                        shard: ShardReference(dataset: dataset, shardID: 0), jobSpec: Data()),
               attempt: 1, leaseMilliseconds: 10_000)
}

@Suite("Worker agent against a stand-in coordinator", .serialized)
struct WorkerAgentTests {
    func startWorker(_ coordinator: String, job: CountingJob = CountingJob(), slots: Int = 1,
                     liveness: Int = 5, shards: [LocalShard] = [shard()]) throws -> (WorkerAgent, Thread) {
        let agent = try WorkerAgent(
            configuration: WorkerConfiguration(coordinator: coordinator, name: "edge-test", slots: slots,
                                               heartbeatInterval: .milliseconds(100), liveness: liveness,
                                               reconnectBackoff: (.milliseconds(100), .milliseconds(200)),
                                               resultResendInterval: .milliseconds(300),
                                               shutdownGrace: .milliseconds(200), shutdownFlush: .milliseconds(200)),
            shards: shards, registry: JobKindRegistry([job]), logger: quietLogger)
        let thread = Thread { try? agent.run() }
        thread.start()
        return (agent, thread)
    }

    @Test("Hello advertises shards and slots; an assignment streams progress and one result, resent until acked")
    func runsTask() throws {
        let coordinator = try FakeCoordinator()
        defer { coordinator.close() }
        let (agent, _) = try startWorker(coordinator.endpoint, slots: 2)
        defer { agent.stop() }
        let hello = try #require(try coordinator.receive { if case .hello = $0 { true } else { false } })
        guard case .hello(let h) = hello.1.body else { Issue.record("no hello"); return }
        #expect(h.workerName == "edge-test" && h.slots == 2 && h.shards.map(\.dataset) == ["toy"] && h.jobKinds == ["count"])
        try coordinator.send(.taskAssign(assignment("s1/0", x: 3)), to: hello.0)
        let (steps, result) = try coordinator.progressUntilResult()
        // Progress is throttled (at most one per 200 ms per task) but the first and the last step always arrive.
        #expect(steps.first == 1 && steps.last == 3 && steps == steps.sorted())
        #expect(result?.objectives == ["loss": 9] && result?.workerName == "edge-test")
        // Not acknowledged: the result comes again; once acknowledged it stops.
        let again = try coordinator.receive(within: .seconds(3)) { if case .taskResult = $0 { true } else { false } }
        #expect(again != nil)
        var ack = Ack()
        ack.taskID = "s1/0"
        try coordinator.send(.ack(ack), to: hello.0)
        Thread.sleep(forTimeInterval: 0.2)  // let any resend already in flight arrive
        _ = try coordinator.receive(within: .milliseconds(100)) { _ in false }
        let third = try coordinator.receive(within: .seconds(1)) { if case .taskResult = $0 { true } else { false } }
        #expect(third == nil)
    }

    @Test("A job reporting a thousand steps at once sends a handful of progress messages, the last step included")
    func throttlesProgress() throws {
        let coordinator = try FakeCoordinator()
        defer { coordinator.close() }
        let (agent, _) = try startWorker(coordinator.endpoint, job: CountingJob(steps: 1_000))
        defer { agent.stop() }
        let hello = try #require(try coordinator.receive { if case .hello = $0 { true } else { false } })
        try coordinator.send(.taskAssign(assignment("s1/0", x: 2)), to: hello.0)
        let (steps, result) = try coordinator.progressUntilResult()
        #expect(result?.objectives == ["loss": 4])
        #expect(steps.first == 1 && steps.last == 1_000 && steps.count <= 10, "\(steps.count) progress messages")
    }

    @Test("A task for a shard the worker lacks fails at once, and a cancel stops a running task")
    func refusesAndCancels() throws {
        let coordinator = try FakeCoordinator()
        defer { coordinator.close() }
        let (agent, _) = try startWorker(coordinator.endpoint, job: CountingJob(steps: 100, stepDelay: 0.02))
        defer { agent.stop() }
        let hello = try #require(try coordinator.receive { if case .hello = $0 { true } else { false } })
        try coordinator.send(.taskAssign(assignment("s1/1", x: 1, dataset: "other")), to: hello.0)
        let refused = try #require(try coordinator.receive { if case .taskFailure = $0 { true } else { false } })
        guard case .taskFailure(let f) = refused.1.body else { return }
        #expect(f.taskID == "s1/1" && f.reason.contains("holds no shard other/0") && f.retryable)

        try coordinator.send(.taskAssign(assignment("s1/2", x: 1)), to: hello.0)
        _ = try #require(try coordinator.receive { if case .progress = $0 { true } else { false } })
        var cancel = Cancel()
        cancel.taskID = "s1/2"
        cancel.reason = "sweep cancelled"
        try coordinator.send(.cancel(cancel), to: hello.0)
        let stopped = try #require(try coordinator.receive { if case .taskFailure = $0 { true } else { false } })
        guard case .taskFailure(let c) = stopped.1.body else { return }
        #expect(c.taskID == "s1/2" && c.reason == "cancelled")
    }

    @Test("The Hello advertises each shard's recipe; an assignment naming another recipe is refused, retryable")
    func refusesOtherRecipe() throws {
        let coordinator = try FakeCoordinator()
        defer { coordinator.close() }
        var held = shard()
        held.descriptor.recipeSHA256 = String(repeating: "1", count: 64)
        let (agent, _) = try startWorker(coordinator.endpoint, shards: [held])
        defer { agent.stop() }
        let hello = try #require(try coordinator.receive { if case .hello = $0 { true } else { false } })
        guard case .hello(let h) = hello.1.body else { return }
        #expect(h.shards.map(\.recipeSha256) == [String(repeating: "1", count: 64)])
        var assign = assignment("s1/8", x: 1)
        assign.recipeSha256 = String(repeating: "2", count: 64)
        try coordinator.send(.taskAssign(assign), to: hello.0)
        let refused = try #require(try coordinator.receive { if case .taskFailure = $0 { true } else { false } })
        guard case .taskFailure(let f) = refused.1.body else { return }
        #expect(f.taskID == "s1/8" && f.retryable && !f.released)
        #expect(f.reason.contains("prepared with recipe 111111111111, the sweep's is 222222222222"), "\(f.reason)")
        // The same task naming the shard's own recipe runs.
        assign.recipeSha256 = String(repeating: "1", count: 64)
        try coordinator.send(.taskAssign(assign), to: hello.0)
        #expect(try coordinator.progressUntilResult().result?.objectives == ["loss": 1])
    }

    @Test("An assignment right after a cancel takes the cancelled attempt's slot instead of failing")
    func cancelFreesSlot() throws {
        let coordinator = try FakeCoordinator()
        defer { coordinator.close() }
        let (agent, _) = try startWorker(coordinator.endpoint, job: CountingJob(steps: 100, stepDelay: 0.02), slots: 1)
        defer { agent.stop() }
        let hello = try #require(try coordinator.receive { if case .hello = $0 { true } else { false } })
        try coordinator.send(.taskAssign(assignment("s1/4", x: 1)), to: hello.0)
        _ = try #require(try coordinator.receive { if case .progress = $0 { true } else { false } })
        // The coordinator reclaims the slot with the cancel and reassigns it at once (as after a superseding result).
        var cancel = Cancel()
        cancel.taskID = "s1/4"
        cancel.reason = "another attempt already delivered a result"
        try coordinator.send(.cancel(cancel), to: hello.0)
        try coordinator.send(.taskAssign(assignment("s1/5", x: 2)), to: hello.0)
        var failures: [TaskFailure] = []
        var progressOf5 = false
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline, failures.count < 1 || !progressOf5,
              let (_, e) = try coordinator.receive(within: .seconds(1), where: { _ in true }) {
            if case .taskFailure(let f) = e.body { failures.append(f) }
            if case .progress(let p) = e.body, p.taskID == "s1/5" { progressOf5 = true }
        }
        #expect(failures.map(\.taskID) == ["s1/4"] && failures.first?.reason == "cancelled")
        #expect(progressOf5, "the new assignment never ran")
    }

    @Test("A task the coordinator's heartbeat no longer lists is stopped; a listed one goes on")
    func obeysCoordinatorHeartbeat() throws {
        let coordinator = try FakeCoordinator()
        defer { coordinator.close() }
        let (agent, _) = try startWorker(coordinator.endpoint, job: CountingJob(steps: 200, stepDelay: 0.02), slots: 2)
        defer { agent.stop() }
        let hello = try #require(try coordinator.receive { if case .hello = $0 { true } else { false } })
        try coordinator.send(.taskAssign(assignment("s1/6", x: 1)), to: hello.0)
        try coordinator.send(.taskAssign(assignment("s1/7", x: 2)), to: hello.0)
        _ = try #require(try coordinator.receive { if case .progress = $0 { true } else { false } })
        var beat = Heartbeat()
        beat.runningTaskIds = ["s1/7"]
        try coordinator.send(.heartbeat(beat), to: hello.0)
        // The worker's next heartbeats list only the task the coordinator still holds it to.
        let deadline = ContinuousClock.now + .seconds(3)
        var listed: [String] = []
        while ContinuousClock.now < deadline,
              let (_, e) = try coordinator.receive(within: .seconds(1), where: { if case .heartbeat = $0 { true } else { false } }) {
            if case .heartbeat(let h) = e.body { listed = h.runningTaskIds }
            if listed == ["s1/7"] { break }
        }
        #expect(listed == ["s1/7"])
    }

    @Test("The reconnection backoff doubles while the coordinator is silent and starts over once it speaks")
    func backoffResets() throws {
        let coordinator = try FakeCoordinator()
        defer { coordinator.close() }
        let lines = LockedLines()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        let agent = try WorkerAgent(
            configuration: WorkerConfiguration(coordinator: coordinator.endpoint, name: "edge-test",
                                               heartbeatInterval: .milliseconds(50), liveness: 2,
                                               reconnectBackoff: (.milliseconds(100), .milliseconds(800)),
                                               shutdownGrace: .zero, shutdownFlush: .zero),
            shards: [shard()], registry: JobKindRegistry([CountingJob()]), logger: logger)
        Thread.detachNewThread { try? agent.run() }
        defer { agent.stop() }
        func waits() -> [String] {
            lines.all.compactMap { line -> String? in
                line.range(of: "reconnecting in ").map { String(line[$0.upperBound...]) }
            }
        }
        // Silent: 0.1, then 0.2 seconds...
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline, !waits().contains("0.2 seconds") { Thread.sleep(forTimeInterval: 0.02) }
        #expect(waits().prefix(2) == ["0.1 seconds", "0.2 seconds"], "\(lines.all)")
        // The coordinator answers a Hello on a fresh connection (older ones are gone), then falls
        // silent again: the next wait is the first one again.
        _ = try coordinator.receive(within: .milliseconds(20)) { _ in false }
        let answered = waits().count
        let hello = try #require(try coordinator.receive { if case .hello = $0 { true } else { false } })
        try coordinator.send(.ack(Ack()), to: hello.0, inReplyTo: hello.1.messageID)
        while ContinuousClock.now < deadline + .seconds(5), waits().count <= answered + 1 { Thread.sleep(forTimeInterval: 0.02) }
        #expect(waits().dropFirst(answered).contains("0.1 seconds"), "\(waits())")
    }

    @Test("A worker whose coordinator falls silent reconnects and introduces itself again")
    func reconnects() throws {
        let first = try FakeCoordinator()
        let endpoint = first.endpoint
        let (agent, _) = try startWorker(endpoint, liveness: 3)
        defer { agent.stop() }
        _ = try #require(try first.receive { if case .hello = $0 { true } else { false } })
        // The coordinator dies; a new one comes up on the same port.
        first.close()
        Thread.sleep(forTimeInterval: 0.1)
        let second = try FakeCoordinator(endpoint: endpoint)
        defer { second.close() }
        let hello = try second.receive(within: .seconds(5)) { if case .hello = $0 { true } else { false } }
        #expect(hello != nil)
    }
}
