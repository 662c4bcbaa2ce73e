import ArgumentParser
import Foundation
import FrontierCluster
import FrontierJobs
import FrontierML
import FrontierProtocol
import FrontierTransport
import FrontierSupport
import Logging

// The cluster bench's load: many simulated workers in one thread, and what it measures with.

extension ProcessMemory {
    /// The resident set now, in MiB (0 where `/proc` is not available).
    static func residentMegabytes() -> Double { Double(read()?.current ?? 0) / (1024 * 1024) }
}

/// Front-update latencies reported by the coordinator's thread.
final class LatencyLog: @unchecked Sendable {
    private let lock = NSLock()
    private var durations: [Duration] = []
    init() { durations.reserveCapacity(100_000) }
    func append(_ d: Duration) { lock.withLock { durations.append(d) } }
    var values: [Duration] { lock.withLock { durations } }
}

/// Many workers in one thread: one DEALER socket per worker, polled together.
/// Every TaskAssign is answered at once with a TaskResult; heartbeats go out
/// every second, staggered in tenths so they do not arrive in one burst.
final class SimulatedWorkers: @unchecked Sendable {
    /// A shipped dataset (the coordinator resolves every sweep's dataset at submit); no file is read.
    static let dataset = "synthetic-classification"
    struct Stats {
        var connected = 0
        var assignments = 0
        var resultsSent = 0
        var acknowledged = 0
        var lastAcknowledgement: ContinuousClock.Instant?
        var failed = false
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

    var stats: Stats { lock.withLock { shared } }
    func stop() { lock.withLock { stopping = true } }
    private var isStopping: Bool { lock.withLock { stopping } }

    func run() throws {
        do { try serve() } catch {
            lock.withLock { shared.failed = true }
            throw error
        }
    }

    private func serve() throws {
        var contexts: [ZMQContext] = []
        var sockets: [ZMQSocket] = []
        var index: [ObjectIdentifier: Int] = [:]
        defer {
            for socket in sockets { socket.close() }
            for context in contexts { context.shutdown() }
        }
        var messageID: UInt64 = 1
        func send(_ body: Envelope.Body, on socket: ZMQSocket) -> Bool {
            defer { messageID += 1 }
            guard let bytes = try? codec.encode(body, messageID: messageID) else { return false }
            return (try? socket.send(Framing.dealerFrames(bytes), dontWait: true)) != nil
        }
        var shard = ShardInfo()
        shard.dataset = Self.dataset
        shard.shardID = 0
        shard.sha256 = Self.sha256
        for i in 0..<count {
            if i % Self.socketsPerContext == 0 { contexts.append(try ZMQContext()) }
            let socket = try contexts[contexts.count - 1].socket(.dealer)
            try socket.set(.sendHighWaterMark, 10_000)
            try socket.connect(endpoint)
            index[ObjectIdentifier(socket)] = i
            sockets.append(socket)
            var hello = Hello()
            hello.workerName = "sim-\(i)"  // also in `names` below
            hello.instanceID = UUID().uuidString
            hello.softwareVersion = ClusterVersion.software
            hello.slots = UInt32(slots)
            hello.freeSlots = UInt32(slots)
            hello.shards = [shard]
            hello.jobKinds = ["noop"]
            _ = send(.hello(hello), on: socket)  // queued until the connection is up
        }

        let names = (0..<count).map { "sim-\($0)" }
        var heard = [Bool](repeating: false, count: count)
        var acked: Set<String> = []
        var local = Stats()
        let poller = ZMQPoller(sockets)
        var nextHeartbeat = ContinuousClock.now + .milliseconds(100)
        var heartbeatTenth = 0
        var lastPublish = ContinuousClock.now
        while !isStopping {
            let ready = try poller.poll(timeout: .milliseconds(10))
            for socket in ready {
                let i = index[ObjectIdentifier(socket)]!
                while let frames = try socket.tryReceive() {
                    guard let envelope = try? codec.decode(dealerMessage: frames) else { continue }
                    if !heard[i] {
                        heard[i] = true
                        local.connected += 1
                    }
                    switch envelope.body {
                    case .taskAssign(let assign):
                        local.assignments += 1
                        let x = assign.parameters["x"] ?? 0
                        var result = TaskResult()
                        result.taskID = assign.taskID
                        result.attempt = assign.attempt
                        result.parameters = assign.parameters
                        result.workerName = names[i]
                        result.objectives = ["loss": x * x, "cost": (x - 1) * (x - 1)]
                        if send(.taskResult(result), on: socket) { local.resultsSent += 1 }
                    case .ack(let ack) where !ack.taskID.isEmpty:
                        if acked.insert(ack.taskID).inserted {
                            local.acknowledged += 1
                            local.lastAcknowledgement = ContinuousClock.now
                        }
                    default: break
                    }
                }
            }
            let now = ContinuousClock.now
            if now >= nextHeartbeat {
                nextHeartbeat = now + .milliseconds(100)
                var heartbeat = Heartbeat()
                heartbeat.freeSlots = UInt32(slots)
                for i in stride(from: heartbeatTenth, to: count, by: 10) { _ = send(.heartbeat(heartbeat), on: sockets[i]) }
                heartbeatTenth = (heartbeatTenth + 1) % 10
            }
            // Publish counters often enough for the waiting thread, without taking the lock per message.
            if now - lastPublish >= .milliseconds(2) || ready.isEmpty {
                lastPublish = now
                let snapshot = local
                lock.withLock { shared = snapshot }
            }
        }
    }
}
