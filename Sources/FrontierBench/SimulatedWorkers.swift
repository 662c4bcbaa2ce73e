import Foundation
import FrontierCluster
import FrontierProtocol
import FrontierTransport

/// Many workers in one thread: one DEALER socket per worker, polled together.
/// Every TaskAssign is answered at once with a TaskResult (loss = x², cost = (x − 1)²);
/// heartbeats go out every second, staggered in tenths so they do not arrive in one burst.
final class SimulatedWorkers: @unchecked Sendable {
    /// A shipped dataset (the coordinator resolves every sweep's dataset at submit); no file is read.
    static let dataset = "synthetic-classification"
    struct Stats: Sendable {
        var connected = 0
        var assignments = 0
        var resultsSent = 0
        var acknowledged = 0
        var lastAcknowledgement: ContinuousClock.Instant?
        /// Why the workers' thread stopped serving, if it failed.
        var failure: String?
    }

    /// Sockets per ZeroMQ context (libzmq's default limit is 1,023 sockets per context).
    static let socketsPerContext = 500
    static let sha256 = String(repeating: "ab", count: 32)

    let endpoint: String
    let count: Int
    let slots: Int
    private let lock = NSLock()
    private var shared = Stats()
    private var stopping = false
    private let codec = EnvelopeCodec()

    init(endpoint: String, count: Int, slots: Int) {
        self.endpoint = endpoint
        self.count = count
        self.slots = slots
    }

    /// The counters as last published by the workers' thread (every 2 ms, or when idle).
    var stats: Stats { lock.withLock { shared } }
    private var isStopping: Bool { lock.withLock { stopping } }
    private let finished = DispatchSemaphore(value: 0)

    /// Serves the workers on a thread of their own until `stopAndWait()`; a failure ends the
    /// thread and is reported in `stats.failure`.
    func start() {
        let thread = Thread { [self] in
            do { try serve() } catch { lock.withLock { shared.failure = "\(error)" } }
            finished.signal()
        }
        thread.name = "simulated workers"
        thread.start()
    }

    /// Asks the serving thread to stop and waits until it has closed every socket.
    func stopAndWait() {
        lock.withLock { stopping = true }
        finished.wait()
    }

    /// The workers' sockets and the state the serving loop keeps.
    private struct Fleet {
        var contexts: [ZMQContext] = []
        var sockets: [ZMQSocket] = []
        var index: [ObjectIdentifier: Int] = [:]
        var names: [String] = []
        var heard: [Bool] = []
        var acknowledged: Set<String> = []
        var messageID: UInt64 = 1
        var stats = Stats()
    }

    private func serve() throws {
        var fleet = Fleet()
        defer {
            for socket in fleet.sockets { socket.close() }
            for context in fleet.contexts { context.shutdown() }
        }
        try connect(&fleet)
        let poller = ZMQPoller(fleet.sockets)
        var nextHeartbeat = ContinuousClock.now + .milliseconds(100)
        var heartbeatTenth = 0
        var lastPublish = ContinuousClock.now
        while !isStopping {
            let ready = try poller.poll(timeout: .milliseconds(10))
            for socket in ready {
                let i = fleet.index[ObjectIdentifier(socket)]!
                while let frames = try socket.tryReceive() {
                    guard let body = (try? codec.decode(dealerMessage: frames))?.body else { continue }
                    answer(body, worker: i, fleet: &fleet)
                }
            }
            let now = ContinuousClock.now
            if now >= nextHeartbeat {
                nextHeartbeat = now + .milliseconds(100)
                var heartbeat = Heartbeat()
                heartbeat.freeSlots = UInt32(slots)
                for i in stride(from: heartbeatTenth, to: count, by: 10) {
                    _ = send(.heartbeat(heartbeat), on: fleet.sockets[i], fleet: &fleet)
                }
                heartbeatTenth = (heartbeatTenth + 1) % 10
            }
            // Publish counters often enough for the waiting thread, without taking the lock per message.
            if now - lastPublish >= .milliseconds(2) || ready.isEmpty {
                lastPublish = now
                let snapshot = fleet.stats
                lock.withLock { shared = snapshot }
            }
        }
    }

    /// Opens one DEALER socket per worker and queues its Hello (sent once the connection is up).
    private func connect(_ fleet: inout Fleet) throws {
        var shard = ShardInfo()
        shard.dataset = Self.dataset
        shard.shardID = 0
        shard.sha256 = Self.sha256
        for i in 0..<count {
            if i % Self.socketsPerContext == 0 { fleet.contexts.append(try ZMQContext()) }
            let socket = try fleet.contexts[fleet.contexts.count - 1].socket(.dealer)
            try socket.set(.sendHighWaterMark, 10_000)
            try socket.connect(endpoint)
            fleet.index[ObjectIdentifier(socket)] = i
            fleet.sockets.append(socket)
            fleet.names.append("sim-\(i)")
            fleet.heard.append(false)
            var hello = Hello()
            hello.workerName = fleet.names[i]
            hello.instanceID = UUID().uuidString
            hello.softwareVersion = ClusterVersion.software
            hello.slots = UInt32(slots)
            hello.freeSlots = UInt32(slots)
            hello.shards = [shard]
            hello.jobKinds = ["noop"]
            _ = send(.hello(hello), on: socket, fleet: &fleet)
        }
    }

    /// Worker `i`'s reply to one message: a result for an assignment, a count for an acknowledgement.
    private func answer(_ body: Envelope.OneOf_Body, worker i: Int, fleet: inout Fleet) {
        if !fleet.heard[i] {
            fleet.heard[i] = true
            fleet.stats.connected += 1
        }
        switch body {
        case .taskAssign(let assign):
            fleet.stats.assignments += 1
            let x = assign.parameters["x"] ?? 0
            var result = TaskResult()
            result.taskID = assign.taskID
            result.attempt = assign.attempt
            result.parameters = assign.parameters
            result.workerName = fleet.names[i]
            result.objectives = ["loss": x * x, "cost": (x - 1) * (x - 1)]
            if send(.taskResult(result), on: fleet.sockets[i], fleet: &fleet) { fleet.stats.resultsSent += 1 }
        case .ack(let ack) where !ack.taskID.isEmpty:
            if fleet.acknowledged.insert(ack.taskID).inserted {
                fleet.stats.acknowledged += 1
                fleet.stats.lastAcknowledgement = ContinuousClock.now
            }
        default: break
        }
    }

    private func send(_ body: Envelope.Body, on socket: ZMQSocket, fleet: inout Fleet) -> Bool {
        defer { fleet.messageID += 1 }
        guard let bytes = try? codec.encode(body, messageID: fleet.messageID) else { return false }
        return (try? socket.send(Framing.dealerFrames(bytes), dontWait: true)) != nil
    }
}
