import Foundation
import FrontierProtocol
import FrontierSupport
import FrontierSweep
import FrontierTransport
import Logging

/// An edge worker: connects to the coordinator, advertises its shards and slots,
/// runs assigned tasks through their job kinds on its own threads, streams progress
/// and results, and survives a coordinator that dies or restarts.
///
/// One network thread (the caller of `run`) owns the DEALER socket. Task threads
/// never touch it: they push encoded envelopes to the network thread over an
/// in-process PULL socket, so the loop sleeps in `zmq_poll` until something happens.
/// Results stay in an outbox until the coordinator acknowledges them and are sent
/// again after a reconnection, so none is lost; the coordinator deduplicates them.
///
/// `stop()` shuts down gracefully: the worker announces it is leaving (and gets no
/// more work), lets running tasks finish for `shutdownGrace`, hands back those still
/// running as released (requeued without spending an attempt), waits up to
/// `shutdownFlush` for the coordinator to acknowledge everything, and returns.
public final class WorkerAgent: @unchecked Sendable {
    public let configuration: WorkerConfiguration
    public let shards: [LocalShard]
    public let registry: JobKindRegistry
    /// Random per process start: tells a restarted worker from a reconnecting one.
    public let instanceID = UUID().uuidString
    let logger: Logger
    let codec = EnvelopeCodec()
    let context: ZMQContext
    let inbox: String
    private let stopRequests = LockedCounter()
    let cancelled = LockedSet()

    // Network-thread state.
    var dealer: ZMQSocket?
    /// Task id -> attempt of each task whose thread has not reported its end (result or failure).
    var running: [String: Int] = [:]
    var outbox: [String: (envelope: Envelope, sentAt: ContinuousClock.Instant)] = [:]
    /// Message id -> task id of the outbox's sends, so an `Error` naming one finds its entry.
    var outboxSends: [UInt64: String] = [:]
    /// Running tasks being handed back because the worker is shutting down.
    var releasing: Set<String> = []
    var nextMessageID: UInt64 = 1
    var lastHeard = ContinuousClock.now
    /// Whether the coordinator has said anything on the current connection (so it has our Hello).
    var introduced = false
    /// Wait before the next reconnection; back to the initial value whenever the coordinator speaks.
    var backoff: Duration
    /// Set once `stop()` was called: the worker is draining.
    var leaving = false

    public init(configuration: WorkerConfiguration, shards: [LocalShard], registry: JobKindRegistry,
                logger: Logger = Logger(label: "frontier.worker")) throws(ZMQError) {
        precondition(configuration.slots >= 1, "a worker needs at least one slot")
        self.configuration = configuration
        self.shards = shards
        self.registry = registry
        self.logger = logger
        self.context = try ZMQContext()
        self.inbox = "inproc://frontier-worker-\(UUID().uuidString)"
        self.backoff = configuration.reconnectBackoff.initial
    }

    /// Asks `run` to shut down gracefully (from any thread); a second call skips the
    /// grace period and releases running tasks at once.
    public func stop() {
        stopRequests.increment()
    }

    /// Runs the worker until it has shut down after `stop()`; blocks the calling thread.
    public func run() throws(ZMQError) {
        let pull = try context.socket(.pull)
        _ = try pull.bind(inbox)
        try connect()
        var nextHeartbeat = ContinuousClock.now + configuration.heartbeatInterval
        var reconnectAt: ContinuousClock.Instant?
        var shutdown: ShutdownClock?
        while true {
            let now = ContinuousClock.now
            if shutdown == nil, stopRequests.value > 0 {
                shutdown = ShutdownClock(start: now, grace: configuration.shutdownGrace, flush: configuration.shutdownFlush)
                beginLeaving()
                nextHeartbeat = now
            }
            if let clock = shutdown {
                if !releasing.isSuperset(of: running.keys), clock.graceOver(now) || stopRequests.value > 1 {
                    release(reason: stopRequests.value > 1 ? "stopped again" : "the shutdown grace period ran out")
                }
                if running.isEmpty, outbox.isEmpty || clock.flushOver(now) { break }
            }
            var wakeAt = nextHeartbeat
            if let r = reconnectAt { wakeAt = min(wakeAt, r) }
            var poller = ZMQPoller([pull])
            if let dealer { poller.add(dealer) }
            let ready = try poller.poll(timeout: max(.milliseconds(1), min(wakeAt - now, .milliseconds(100))))
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
                if let wait = beat(now: after) { reconnectAt = after + wait }
            }
        }
        finishLeaving(pull)
    }

    /// Heartbeat tick: Hello until introduced, else a heartbeat and due resends; after
    /// too long a silence, drops the connection. Returns the wait before reconnecting, if dropped.
    private func beat(now: ContinuousClock.Instant) -> Duration? {
        guard dealer != nil else { return nil }
        if !introduced {
            // The Hello is dropped when sent before the TCP connection is up (ZMQ_IMMEDIATE
            // applies to the connection as created): repeat it until the coordinator answers.
            sendHello()
        } else {
            sendHeartbeat()
            resendUnacknowledged(now: now)
        }
        let silence = now - lastHeard
        guard silence > configuration.heartbeatInterval * configuration.liveness else { return nil }
        if introduced {
            logger.warning("coordinator silent for \(Int(silence.components.seconds)) s; reconnecting in \(backoff)")
        } else {
            // Never answered on this connection: not running, unreachable, or refusing our keys.
            let seconds = String(format: "%.1f", silence.seconds)
            let keys = configuration.curve == nil ? ")" : " and that this worker's key is authorized)"
            logger.warning("no reply from coordinator at \(configuration.coordinator) after \(seconds) s (is it running and reachable? if CURVE is on, check --curve-server-key\(keys); reconnecting in \(backoff)")
        }
        dealer?.close()
        dealer = nil
        let wait = backoff
        backoff = min(backoff * 2, configuration.reconnectBackoff.maximum)
        return wait
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
        let security: String = configuration.curve.map { ", \($0.summary)" } ?? ""
        logger.info("connecting to \(configuration.coordinator) as \(configuration.name) (\(configuration.slots) slots, \(shards.count) shards\(security))")
    }

    func sendHello() {
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

    func sendHeartbeat() {
        var heartbeat = Heartbeat()
        heartbeat.freeSlots = leaving ? 0 : UInt32(max(0, configuration.slots - running.count))
        heartbeat.runningTaskIds = running.keys.sorted()
        heartbeat.leaving = leaving
        send(.heartbeat(heartbeat))
    }

    @discardableResult
    func send(_ body: Envelope.Body) -> UInt64 {
        let envelope = codec.envelope(body, messageID: nextMessageID)
        nextMessageID += 1
        if let dealer { send(envelope, on: dealer) }
        return envelope.messageID
    }

    // ZMQ_IMMEDIATE is read when a connection is made, so toggling it per send has no effect:
    // a message sent before the connection is up is dropped, and the heartbeat tick repeats
    // the Hello until the coordinator answers (results stay in the outbox).
    func send(_ envelope: Envelope, on dealer: ZMQSocket) {
        do {
            let bytes = try codec.encode(envelope)
            try dealer.send(Framing.dealerFrames(bytes), dontWait: true)
        } catch let error as ZMQError where error.code == .wouldBlock {
            // No connection right now: the outbox retries results, heartbeats repeat.
        } catch {
            logger.error("could not send \(envelope.body?.messageName ?? "a message") to the coordinator: \(error)")
        }
    }

    func resendUnacknowledged(now: ContinuousClock.Instant, force: Bool = false) {
        guard let dealer else { return }
        for (id, entry) in outbox where force || now - entry.sentAt >= configuration.resultResendInterval {
            var envelope = entry.envelope
            envelope.messageID = nextMessageID
            nextMessageID += 1
            outboxSends[envelope.messageID] = id
            send(envelope, on: dealer)
            outbox[id]?.sentAt = now
        }
    }

    // MARK: Shutdown

    /// Announces the departure: no more work, a heartbeat saying so right away.
    private func beginLeaving() {
        leaving = true
        logger.info("shutting down: taking no more work; \(running.count) running task(s) get \(configuration.shutdownGrace) to finish, then are handed back")
        if introduced { sendHeartbeat() }
    }

    /// Hands back every running task: its thread is cancelled and its failure goes out as released.
    private func release(reason: String) {
        let ids = Set(running.keys).subtracting(releasing)
        guard !ids.isEmpty else { return }
        logger.notice("releasing \(ids.sorted().joined(separator: " ")) (\(reason))")
        releasing.formUnion(ids)
        for id in ids { cancelled.insert(id) }
    }

    /// The last heartbeat (nothing running, leaving) and the sockets closed.
    private func finishLeaving(_ pull: ZMQSocket) {
        if !outbox.isEmpty {
            let reports = outbox.keys.sorted().joined(separator: " ")
            logger.warning("exiting with \(outbox.count) report(s) the coordinator has not acknowledged: \(reports) (their leases expire and they run again)")
        }
        if introduced { sendHeartbeat() }
        // Give the last heartbeat and acknowledgements a moment to leave.
        try? dealer?.set(.linger, .milliseconds(500))
        dealer?.close()
        pull.close()
        context.shutdown()
        logger.info("worker stopped")
    }
}

/// When each phase of a graceful shutdown ends.
private struct ShutdownClock {
    let start: ContinuousClock.Instant
    let grace: Duration
    let flush: Duration

    func graceOver(_ now: ContinuousClock.Instant) -> Bool { now - start >= grace }
    /// The flush phase ends `flush` after the grace period (or after the tasks ended, whichever is first).
    func flushOver(_ now: ContinuousClock.Instant) -> Bool { now - start >= grace + flush }
}

/// The software version workers advertise.
public enum ClusterVersion {
    public static let software = "frontier 0.2.0"
}
