import Foundation
import FrontierCoordinator
import FrontierPareto
import FrontierProtocol
import FrontierSupport
import FrontierSweep
import FrontierTransport

/// How the coordinator listens and how patient it is with workers.
public struct CoordinatorConfiguration: Sendable {
    /// ROUTER endpoint for workers and command-line clients, e.g. `tcp://*:5555`.
    public var bind: String
    /// PUB endpoint for front updates, e.g. `tcp://*:5556`.
    public var publish: String
    /// Directory of the durable state (SQLite, WAL).
    public var stateDirectory: String
    /// A worker silent for this long loses its leases (its tasks are requeued).
    public var leaseDuration: Duration
    /// CURVE encryption (and optionally an allowlist of client keys) on both sockets; nil = plain TCP.
    public var curve: CurveServerSettings?

    public init(bind: String, publish: String, stateDirectory: String, leaseDuration: Duration = .seconds(15),
                curve: CurveServerSettings? = nil) {
        self.bind = bind
        self.publish = publish
        self.stateDirectory = stateDirectory
        self.leaseDuration = leaseDuration
        self.curve = curve
    }
}

/// The head node: one ROUTER socket for workers and clients, one PUB socket for
/// front updates, and the scheduler that decides everything else. Single-threaded:
/// every message and timer tick goes through the scheduler on the thread that
/// called `run`, so its state needs no locks.
///
/// Peers are untrusted: a frame that fails to decode or validate is logged and
/// answered with an `Error` naming the problem (when the peer can be addressed),
/// and the loop goes on serving everyone else.
public final class CoordinatorServer: @unchecked Sendable {
    public let configuration: CoordinatorConfiguration
    public let registry: JobKindRegistry
    /// Resolves each sweep's `dataset:` at submit (an unknown dataset is refused there).
    public let datasets: any DatasetResolver
    /// Endpoints actually bound (ephemeral ports resolved), available once `start` returned.
    public private(set) var boundEndpoints: (router: String, publisher: String) = ("", "")
    /// Called once per applied front change, with the time since the result arrived (benchmarks).
    public var onFrontChange: (@Sendable (Duration) -> Void)?

    private let log: @Sendable (String) -> Void
    private let codec = EnvelopeCodec()
    private let stopping = LockedFlag()
    private var context: ZMQContext?
    private var router: ZMQSocket?
    private var publisher: ZMQSocket?
    private var authenticator: ZMQZapHandler?
    private var scheduler: Scheduler?
    private var nextMessageID: UInt64 = 1

    public init(configuration: CoordinatorConfiguration, registry: JobKindRegistry, datasets: any DatasetResolver,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.registry = registry
        self.datasets = datasets
        self.log = log
    }

    /// Opens the state and binds the sockets; `run` then serves until `stop`.
    public func start() throws {
        let store = try CoordinatorStore.open(directory: configuration.stateDirectory)
        let scheduler = try Scheduler(restoringFrom: store,
                                      configuration: SchedulerConfiguration(leaseDuration: configuration.leaseDuration.seconds),
                                      now: Self.now())
        let context = try ZMQContext()
        let security = CoordinatorSecurity(settings: configuration.curve, log: log)
        // The ZAP handler lives in the same context and is bound before the sockets, so no client skips it.
        let authenticator = try security.prepare(context)
        do {
            try bindSockets(in: context, security: security)
        } catch {
            authenticator?.stop()
            context.shutdown()
            throw error
        }
        self.authenticator = authenticator
        self.context = context
        self.scheduler = scheduler
        log("coordinator on \(boundEndpoints.router), publishing on \(boundEndpoints.publisher), state in "
            + "\(store.path) (\(scheduler.status().count) sweeps restored)")
    }

    private func bindSockets(in context: ZMQContext, security: CoordinatorSecurity) throws {
        let router = try context.socket(.router)
        try security.secure(router)
        // A frame larger than the codec accepts makes libzmq drop that peer's connection.
        try router.set(.maxMessageSize, codec.limits.maxEnvelopeBytes)
        // Workers are addressed by routing id; sending to one that vanished must fail, not block.
        try router.set(.routerMandatory, true)
        try router.set(.sendHighWaterMark, 10_000)
        try router.set(.receiveHighWaterMark, 100_000)
        let publisher = try context.socket(.pub)
        try security.secure(publisher)
        boundEndpoints = (try router.bind(configuration.bind), try publisher.bind(configuration.publish))
        self.router = router
        self.publisher = publisher
    }

    /// Asks `run` to return, from any thread.
    public func stop() { stopping.set() }

    /// Serves until `stop()`.
    public func run() throws {
        if router == nil { try start() }
        guard let router, let scheduler else { return }
        defer { shutDown() }
        var nextTick = ContinuousClock.now
        while !stopping.isSet {
            let ready = try ZMQPoller([router]).poll(timeout: max(.zero, min(nextTick - .now, .milliseconds(250))))
            if !ready.isEmpty {
                // Drain everything queued before ticking, so a burst is handled in one pass.
                var handled = 0
                while handled < 10_000, let frames = try router.tryReceive() {
                    handle(frames)
                    handled += 1
                }
            }
            if ContinuousClock.now >= nextTick {
                nextTick = ContinuousClock.now + .milliseconds(500)
                perform(attempt { try scheduler.tick(now: Self.now()) })
            }
        }
    }

    private func shutDown() {
        router?.close()
        publisher?.close()
        // Before the context goes: the handler's thread owns a socket in it and is waited for.
        authenticator?.stop()
        authenticator = nil
        context?.shutdown()
        router = nil
        publisher = nil
        log("coordinator stopped")
    }

    // MARK: Messages

    private func handle(_ frames: [Data]) {
        guard let scheduler else { return }
        let routingID: Data
        let envelope: Envelope
        do {
            (routingID, envelope) = try codec.decode(routerMessage: frames)
        } catch {
            // Answer when the peer can be addressed (a routing id and one more frame).
            if frames.count >= 2, !frames[0].isEmpty {
                let reply = codec.errorReply(for: error, inReplyTo: codec.messageID(ofRejected: frames[frames.count - 1]),
                                             messageID: takeMessageID())
                send(reply, to: WorkerID(frames[0]))
            }
            log("refused a frame: \(error)")
            return
        }
        let worker = WorkerID(routingID)
        let now = Self.now()
        let arrived = ContinuousClock.now
        switch envelope.body {
        case .hello(let hello):
            let actions = attempt {
                try scheduler.workerConnected(id: worker, name: hello.workerName, instanceID: hello.instanceID,
                                              slots: Int(hello.slots), shards: hello.shards.map(\.descriptor),
                                              jobKinds: Set(hello.jobKinds), runningTaskIDs: hello.runningTaskIds, now: now)
            }
            log("worker \(hello.workerName) joined: \(hello.slots) slots, shards "
                + hello.shards.map { "\($0.dataset)/\($0.shardID)" }.joined(separator: " "))
            reply(.heartbeat(Heartbeat()), to: worker, for: envelope)
            perform(actions)
        case .heartbeat(let heartbeat):
            guard scheduler.worker(worker) != nil else { return refuseUnknown(worker, envelope) }
            reply(.heartbeat(Heartbeat()), to: worker, for: envelope)
            perform(attempt {
                try scheduler.heartbeat(worker: worker, freeSlots: Int(heartbeat.freeSlots),
                                        runningTaskIDs: heartbeat.runningTaskIds, now: now)
            })
        case .progress(let progress):
            guard scheduler.worker(worker) != nil else { return refuseUnknown(worker, envelope) }
            perform(scheduler.progress(worker: worker, taskID: progress.taskID, attempt: Int(progress.attempt), now: now))
        case .taskResult(let result):
            // Results are accepted even from a worker the coordinator has forgotten: the
            // scheduler deduplicates by task id, and a late result must not be lost.
            perform(attempt {
                try scheduler.result(worker: worker, taskID: result.taskID, attempt: Int(result.attempt),
                                     objectives: result.objectives, report: result.report, now: now)
            }, arrivedAt: arrived)
        case .taskFailure(let failure):
            perform(attempt {
                try scheduler.failure(worker: worker, taskID: failure.taskID, attempt: Int(failure.attempt),
                                      reason: failure.reason, retryable: failure.retryable, now: now)
            })
        case .sweepSubmit(let submit): submitSweep(submit, from: worker, envelope: envelope)
        case .sweepStatusRequest(let request):
            let statuses = scheduler.status(sweepID: request.sweepID.isEmpty ? nil : request.sweepID)
            if !request.sweepID.isEmpty, statuses.isEmpty {
                return replyError(.notFound, "no sweep with id \(request.sweepID)", to: worker, for: envelope)
            }
            var message = FrontierProtocol.SweepStatus()
            message.sweeps = statuses.map(SweepSummary.init)
            reply(.sweepStatus(message), to: worker, for: envelope)
        case .sweepCancel(let cancel):
            do {
                perform(try scheduler.cancel(sweepID: cancel.sweepID, now: now))
                var ack = Ack()
                ack.ackedMessageID = envelope.messageID
                reply(.ack(ack), to: worker, for: envelope)
            } catch {
                replyError(.notFound, "\(error)", to: worker, for: envelope)
            }
        case .frontSnapshotRequest(let request):
            do {
                let snapshot = try scheduler.snapshot(sweepID: request.sweepID)
                let done = scheduler.state(sweepID: request.sweepID)?.isTerminal ?? false
                reply(.frontSnapshot(FrontMessages.snapshot(sweepID: request.sweepID, snapshot: snapshot, done: done)),
                      to: worker, for: envelope)
            } catch {
                replyError(.notFound, "\(error)", to: worker, for: envelope)
            }
        default:
            replyError(.invalidRequest, "the coordinator does not accept \(envelope.body?.messageName ?? "an empty message")",
                       to: worker, for: envelope)
        }
    }

    private func submitSweep(_ submit: SweepSubmit, from client: WorkerID, envelope: Envelope) {
        guard let scheduler else { return }
        do {
            let plan = try SweepSpec.parse(yaml: submit.spec, registry: registry, datasets: datasets)
            let sweepID = uniqueSweepID(for: plan.name)
            let tasks = plan.tasks(sweepID: sweepID)
            let submission = SweepSubmission(sweepID: sweepID, name: plan.name, spec: submit.spec,
                                             objectives: plan.objectives, referencePoint: plan.referencePoint,
                                             maxAttempts: plan.maxAttempts, tasks: tasks)
            let actions = try scheduler.submit(submission, now: Self.now())
            var accepted = SweepAccepted()
            accepted.sweepID = sweepID
            accepted.taskCount = UInt32(tasks.count)
            reply(.sweepAccepted(accepted), to: client, for: envelope)
            log("sweep \(sweepID) accepted: \(tasks.count) tasks")
            perform(actions)
        } catch {
            replyError(.invalidRequest, "\(error)", to: client, for: envelope)
        }
    }

    private func uniqueSweepID(for name: String) -> String {
        let base = String(name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }.prefix(40))
        while true {
            let id = "\(base)-\(String(UInt32.random(in: 0...0xFFFFFF), radix: 16))"
            if scheduler?.state(sweepID: id) == nil { return id }
        }
    }

    // MARK: Actions

    private func perform(_ actions: [SchedulerAction], arrivedAt: ContinuousClock.Instant? = nil) {
        for action in actions {
            switch action {
            case .assign(let worker, let assignment):
                send(.taskAssign(TaskAssign(assignment.task, attempt: assignment.attempt,
                                            leaseMilliseconds: assignment.leaseMilliseconds)), to: worker)
            case .cancel(let worker, let taskID, let reason):
                var cancel = Cancel()
                cancel.taskID = taskID
                cancel.reason = reason
                send(.cancel(cancel), to: worker)
            case .ack(let worker, let taskID):
                var ack = Ack()
                ack.taskID = taskID
                send(.ack(ack), to: worker)
            case .publish(let sweepID, let change):
                publish(FrontMessages.update(sweepID: sweepID, change: change, done: false))
                if let arrivedAt { onFrontChange?(ContinuousClock.now - arrivedAt) }
            case .sweepFinished(let sweepID, let state):
                log("sweep \(sweepID) finished: \(state.rawValue)")
                if let front = try? scheduler?.front(sweepID: sweepID) {
                    publish(FrontMessages.finished(sweepID: sweepID, front: front))
                }
            }
        }
    }

    private func publish(_ update: FrontUpdate) {
        guard let publisher, let bytes = try? codec.encode(.frontUpdate(update), messageID: takeMessageID()) else { return }
        try? publisher.send(Framing.Publication(sweepID: update.sweepID, envelope: bytes).frames, dontWait: true)
    }

    private func reply(_ body: Envelope.Body, to peer: WorkerID, for request: Envelope) {
        send(codec.envelope(body, messageID: takeMessageID(), inReplyTo: request.messageID), to: peer)
    }

    private func replyError(_ code: ErrorCode, _ message: String, to peer: WorkerID, for request: Envelope) {
        var error = ErrorMessage()
        error.code = code
        error.message = message
        reply(.error(error), to: peer, for: request)
    }

    private func refuseUnknown(_ worker: WorkerID, _ envelope: Envelope) {
        replyError(.notFound, "unknown worker: send Hello first", to: worker, for: envelope)
    }

    private func send(_ body: Envelope.Body, to peer: WorkerID) {
        send(codec.envelope(body, messageID: takeMessageID()), to: peer)
    }

    private func send(_ envelope: Envelope, to peer: WorkerID) {
        guard let router, let bytes = try? codec.encode(envelope) else { return }
        // A vanished peer (host unreachable) or a full queue: the lease machinery recovers.
        try? router.send(Framing.Routed(routingID: peer.bytes, envelope: bytes).frames, dontWait: true)
    }


    private func takeMessageID() -> UInt64 {
        defer { nextMessageID += 1 }
        return nextMessageID
    }

    /// Runs a scheduler call; a storage failure is logged and the event dropped
    /// (the worker retries: results are resent until acknowledged).
    private func attempt(_ body: () throws -> [SchedulerAction]) -> [SchedulerAction] {
        do { return try body() } catch {
            log("dropped an event the store could not record: \(error)")
            return []
        }
    }

    /// Wall-clock seconds: leases are stored and must survive a restart.
    static func now() -> Double { Date().timeIntervalSince1970 }
}

extension SweepSummary {
    init(_ status: FrontierCoordinator.SweepStatus) {
        self.init()
        sweepID = status.sweepID
        name = status.name
        switch status.state {
        case .running: state = .running
        // Failed tasks are counted in tasksFailed; the sweep itself has ended.
        case .done, .doneWithFailures: state = .done
        case .cancelled: state = .cancelled
        }
        tasksPending = UInt32(status.pending)
        tasksRunning = UInt32(status.running)
        tasksDone = UInt32(status.done)
        tasksFailed = UInt32(status.failed)
        stuck = status.blocked.map { blocked in
            var reason = PendingReason()
            reason.reason = "\(blocked.count) task(s): \(blocked.reason)"
            return reason
        }
    }
}
