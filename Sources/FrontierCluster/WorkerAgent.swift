import Foundation
import FrontierProtocol
import FrontierSupport
import FrontierSweep
import FrontierTransport

/// An edge worker: connects to the coordinator, advertises its shards and slots,
/// runs assigned tasks through their job kinds on its own threads, streams progress
/// and results, and survives a coordinator that dies or restarts.
///
/// One network thread (the caller of `run`) owns the DEALER socket. Task threads
/// never touch it: they push encoded envelopes to the network thread over an
/// in-process PULL socket, so the loop sleeps in `zmq_poll` until something happens.
/// Results stay in an outbox until the coordinator acknowledges them and are sent
/// again after a reconnection, so none is lost; the coordinator deduplicates them.
public final class WorkerAgent: @unchecked Sendable {
    public let configuration: WorkerConfiguration
    public let shards: [LocalShard]
    public let registry: JobKindRegistry
    /// Random per process start: tells a restarted worker from a reconnecting one.
    public let instanceID = UUID().uuidString
    private let log: @Sendable (String) -> Void
    private let codec = EnvelopeCodec()
    private let context: ZMQContext
    private let inbox: String
    private let stopping = LockedFlag()
    private let cancelled = LockedSet()

    // Network-thread state.
    private var dealer: ZMQSocket?
    /// Task id -> attempt of each task whose thread has not reported its end (result or failure).
    private var running: [String: Int] = [:]
    private var outbox: [String: (envelope: Envelope, sentAt: ContinuousClock.Instant)] = [:]
    private var nextMessageID: UInt64 = 1
    private var lastHeard = ContinuousClock.now
    /// Whether the coordinator has said anything on the current connection (so it has our Hello).
    private var introduced = false
    private var backoff: Duration

    public init(configuration: WorkerConfiguration, shards: [LocalShard], registry: JobKindRegistry,
                log: @escaping @Sendable (String) -> Void = { _ in }) throws(ZMQError) {
        precondition(configuration.slots >= 1, "a worker needs at least one slot")
        self.configuration = configuration
        self.shards = shards
        self.registry = registry
        self.log = log
        self.context = try ZMQContext()
        self.inbox = "inproc://frontier-worker-\(UUID().uuidString)"
        self.backoff = configuration.reconnectBackoff.initial
    }

    /// Asks `run` to return (from any thread): running tasks are cancelled and given a moment to report.
    public func stop() {
        stopping.set()
    }

    /// Runs the worker until `stop()`; blocks the calling thread.
    public func run() throws(ZMQError) {
        let pull = try context.socket(.pull)
        _ = try pull.bind(inbox)
        try connect()
        var nextHeartbeat = ContinuousClock.now + configuration.heartbeatInterval
        var reconnectAt: ContinuousClock.Instant?
        while !stopping.isSet {
            let now = ContinuousClock.now
            var wakeAt = nextHeartbeat
            if let r = reconnectAt { wakeAt = min(wakeAt, r) }
            var poller = ZMQPoller([pull])
            if let dealer { poller.add(dealer) }
            let ready = try poller.poll(timeout: max(.milliseconds(1), min(wakeAt - now, .milliseconds(250))))
            for socket in ready {
                if socket === pull { try drainTaskEvents(pull) } else { try drainCoordinator() }
            }
            let after = ContinuousClock.now
            if let r = reconnectAt, after >= r {
                reconnectAt = nil
                try connect()
            }
            if after >= nextHeartbeat {
                nextHeartbeat = after + configuration.heartbeatInterval
                if dealer != nil, !introduced {
                    // The Hello is dropped when sent before the TCP connection is up (ZMQ_IMMEDIATE
                    // applies to the connection as created): repeat it until the coordinator answers.
                    sendHello()
                } else if dealer != nil {
                    var hb = Heartbeat()
                    hb.freeSlots = UInt32(max(0, configuration.slots - running.count))
                    hb.runningTaskIds = running.keys.sorted()
                    send(.heartbeat(hb))
                    resendUnacknowledged(now: after)
                }
                let silence = after - lastHeard
                if dealer != nil, silence > configuration.heartbeatInterval * configuration.liveness {
                    if introduced {
                        log("coordinator silent for \(Int(silence.components.seconds)) s; reconnecting in \(backoff)")
                    } else {
                        // Never answered on this connection: not running, unreachable, or refusing our keys.
                        log("no reply from coordinator at \(configuration.coordinator) after "
                            + String(format: "%.1f s ", silence.seconds)
                            + "(is it running and reachable? if CURVE is on, check --curve-server-key"
                            + (configuration.curve == nil ? ")" : " and that this worker's key is authorized)")
                            + "; reconnecting in \(backoff)")
                    }
                    dealer?.close()
                    dealer = nil
                    reconnectAt = after + backoff
                    backoff = min(backoff * 2, configuration.reconnectBackoff.maximum)
                }
            }
        }
        // Shutting down: cancel what runs and give task threads a moment to finish.
        for id in running.keys { cancelled.insert(id) }
        let deadline = ContinuousClock.now + .seconds(5)
        while !running.isEmpty, ContinuousClock.now < deadline {
            try? drainTaskEvents(pull)
            Thread.sleep(forTimeInterval: 0.01)
        }
        try? drainTaskEvents(pull)
        dealer?.close()
        pull.close()
        context.shutdown()
    }

    // MARK: Coordinator link

    private func connect() throws(ZMQError) {
        let socket = try context.socket(.dealer)
        // Only queue messages on a live connection: heartbeats and progress sent while
        // the coordinator is away are dropped instead of piling up (results are kept in the outbox).
        try socket.set(.immediate, true)
        try socket.set(.reconnectInterval, .milliseconds(200))
        try socket.set(.reconnectIntervalMax, .seconds(5))
        try socket.secure(with: configuration.curve)
        try socket.connect(configuration.coordinator)
        dealer = socket
        lastHeard = ContinuousClock.now
        introduced = false
        sendHello()
        log("connecting to \(configuration.coordinator) as \(configuration.name) (\(configuration.slots) slots, "
            + "\(shards.count) shards" + (configuration.curve.map { ", \($0.summary)" } ?? "") + ")")
    }

    private func sendHello() {
        var hello = Hello()
        hello.workerName = configuration.name
        hello.instanceID = instanceID
        hello.softwareVersion = ClusterVersion.software
        hello.slots = UInt32(configuration.slots)
        hello.freeSlots = UInt32(max(0, configuration.slots - running.count))
        hello.shards = shards.map { ShardInfo($0.descriptor) }
        hello.jobKinds = registry.names
        // A finished task whose result awaits acknowledgement is still ours: announcing it lets the
        // coordinator re-adopt it (e.g. after a coordinator restart) instead of requeuing and
        // reassigning it in the moment before the resent result arrives.
        let unacknowledged = outbox.compactMap { id, entry -> String? in
            if case .taskResult? = entry.envelope.body { return id } else { return nil }
        }
        hello.runningTaskIds = Set(running.keys).union(unacknowledged).sorted()
        // A Hello can be sent before the TCP connection is up; if it is dropped, the heartbeat tick repeats it.
        send(.hello(hello))
        resendUnacknowledged(now: ContinuousClock.now, force: true)
    }

    private func send(_ body: Envelope.Body) {
        guard let dealer else { return }
        let envelope = codec.envelope(body, messageID: nextMessageID)
        nextMessageID += 1
        send(envelope, on: dealer)
    }

    // ZMQ_IMMEDIATE is read when a connection is made, so toggling it per send has no effect:
    // a message sent before the connection is up is dropped, and the heartbeat tick repeats
    // the Hello until the coordinator answers (results stay in the outbox).
    private func send(_ envelope: Envelope, on dealer: ZMQSocket) {
        do {
            let bytes = try codec.encode(envelope)
            try dealer.send(Framing.dealerFrames(bytes), dontWait: true)
        } catch {
            // Would block (no connection) or refused by the codec: the outbox retries results.
        }
    }

    private func resendUnacknowledged(now: ContinuousClock.Instant, force: Bool = false) {
        guard let dealer else { return }
        for (id, entry) in outbox where force || now - entry.sentAt >= configuration.resultResendInterval {
            send(entry.envelope, on: dealer)
            outbox[id]?.sentAt = now
        }
    }

    private func drainCoordinator() throws(ZMQError) {
        while let dealer, let frames = try dealer.tryReceive() {
            let envelope: Envelope
            do { envelope = try codec.decode(dealerMessage: frames) } catch {
                log("dropped a bad frame from the coordinator: \(error)")
                continue
            }
            lastHeard = ContinuousClock.now
            introduced = true
            backoff = configuration.reconnectBackoff.initial
            switch envelope.body {
            case .taskAssign(let assign): start(assign)
            case .cancel(let cancel):
                if running[cancel.taskID] != nil {
                    log("cancelling \(cancel.taskID): \(cancel.reason)")
                    cancelled.insert(cancel.taskID)
                }
            case .ack(let ack): outbox[ack.taskID] = nil
            case .error(let error):
                if error.code == .notFound {
                    // The coordinator does not know us (it restarted): introduce ourselves again.
                    sendHello()
                } else {
                    log("coordinator error: \(error.message)")
                }
            default: break  // heartbeats only refresh liveness
            }
        }
    }

    // MARK: Tasks

    private func start(_ assign: TaskAssign) {
        if running[assign.taskID] != nil { return }  // already running this task (a duplicate assignment)
        let fail = { (reason: String) in
            var failure = TaskFailure()
            failure.taskID = assign.taskID
            failure.attempt = assign.attempt
            failure.reason = reason
            failure.retryable = true
            self.send(.taskFailure(failure))
        }
        // A cancelled attempt stops within moments and the coordinator has already reclaimed its
        // slot (it reassigns right after the cancel): it does not count as busy.
        let busy = running.keys.filter { !cancelled.contains($0) }.count
        guard busy < configuration.slots else { return fail("no free slot on \(configuration.name)") }
        guard let kind = registry[assign.jobKind] else {
            return fail("\(configuration.name) does not run job kind \(assign.jobKind)")
        }
        let task = assign.taskSpec
        guard let shard = shards.first(where: { $0.descriptor.serves(task.shard) }) else {
            return fail("\(configuration.name) holds no shard \(task.shard.description) with the expected checksum")
        }
        running[task.taskID] = Int(assign.attempt)
        log("running \(task.taskID) (\(task.jobKind) \(task.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) on \(task.shard.description), attempt \(assign.attempt))")
        let execution = TaskExecution(task: task, attempt: Int(assign.attempt), kind: kind, shard: shard,
                                      workerName: configuration.name, context: context, inbox: inbox,
                                      cancelled: cancelled)
        let thread = Thread { execution.run() }
        thread.name = "task \(task.taskID)"
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Forwards what task threads report; results and failures also enter the outbox.
    private func drainTaskEvents(_ pull: ZMQSocket) throws(ZMQError) {
        while let frames = try pull.tryReceive() {
            guard let bytes = frames.first, let envelope = try? codec.decode(bytes) else { continue }
            switch envelope.body {
            case .taskResult(let result):
                finish(result.taskID)
                outbox[result.taskID] = (envelope, ContinuousClock.now)
                log("finished \(result.taskID): " + result.objectives.sorted { $0.key < $1.key }
                    .map { String(format: "%@ %.4g", $0.key, $0.value) }.joined(separator: ", "))
            case .taskFailure(let failure):
                finish(failure.taskID)
                outbox[failure.taskID] = (envelope, ContinuousClock.now)
                log("failed \(failure.taskID): \(failure.reason)")
            default: break  // progress, already throttled by its task thread, is forwarded as is
            }
            if let dealer {
                var forwarded = envelope
                forwarded.messageID = nextMessageID
                nextMessageID += 1
                send(forwarded, on: dealer)
            }
        }
    }

    private func finish(_ taskID: String) {
        running[taskID] = nil
        cancelled.remove(taskID)
    }
}

/// The software version workers advertise.
public enum ClusterVersion {
    public static let software = "frontier 0.2.0"
}
