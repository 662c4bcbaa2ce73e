import FrontierPareto
import FrontierSweep

/// The coordinator's brain: which task runs where, leases, retries, dedup of
/// results and the live fronts — a deterministic state machine with no networking
/// and no clock of its own.
///
/// The network loop calls one method per received message or timer tick, passing
/// `now` (seconds, any monotonic-enough clock; the loop passes Unix time so stored
/// timestamps are readable), and carries out the returned `SchedulerAction`s in
/// order. After every event the scheduler hands pending tasks to workers with free
/// credit.
///
/// Persistence: the scheduler owns its `CoordinatorStore` and writes through it
/// *before* changing memory and returning actions, so nothing is acknowledged or
/// assigned that is not committed. If a write throws, the event is not applied in
/// memory; the caller should treat the error as fatal and restart from the store.
///
/// Single-threaded: call it from one task or thread only.
public final class Scheduler {
    /// Where the scheduler persists.
    public let store: CoordinatorStore
    /// Lease timing.
    public let configuration: SchedulerConfiguration
    /// Objective names each job kind may report beyond its sweep's (e.g. `mse` next to
    /// `error_rate`); any other name in a result is refused.
    let jobKindObjectives: [String: Set<String>]

    struct SweepEntry {
        var submission: SweepSubmission
        var state: SweepState
        /// Task IDs in index order.
        var taskIDs: [String]
        var counts: [TaskState: Int]
        var aggregator: FrontAggregator
        /// Submission order: older sweeps are served first.
        let rank: Int
        /// When it was submitted and when it reached a final state, in the caller's clock.
        var submittedAt: Double
        var finishedAt: Double?
        /// Pending tasks by requirement, in index order (kept by `setState`).
        var pending = PendingTasks()
    }

    var sweeps: [String: SweepEntry] = [:]
    var sweepOrder: [String] = []
    var tasks: [String: ScheduledTask] = [:]
    /// Connected workers. Add and remove them with `connect` and `disconnect`, and
    /// change their tasks with `bind` and `unbind`, so `availability` stays right.
    var workers: [WorkerID: ConnectedWorker] = [:]
    /// Free workers ranked per requirement of the pending tasks.
    var availability = WorkerAvailability()
    /// Who every connection that ever said `Hello` is, so a result from a worker
    /// already presumed dead is still credited (and checked) against the right instance.
    var knownConnections: [WorkerID: WorkerIdentity] = [:]
    /// CURVE key each worker name is bound to (durable: see `CoordinatorStore.bindWorkerKey`).
    var boundKeys: [String: String] = [:]
    var nextWorkerOrder = 0

    /// A scheduler with the state held in `store`: a fresh store gives an empty one.
    ///
    /// Recovery after a coordinator restart: sweeps, tasks and pinned checksums are
    /// loaded; results are replayed into each sweep's front in the order they were
    /// received (so the snapshot and its sequence number equal those before the
    /// restart); tasks that were running await re-adoption by their worker with a
    /// fresh lease from `now` — if the worker re-announces them in time they go
    /// on, otherwise they are requeued.
    ///
    /// - Parameter jobKindObjectives: per job kind, every objective name it reports
    ///   (the registry's `JobKind.objectives`); without an entry a result may carry
    ///   only its sweep's objectives.
    public init(restoringFrom store: CoordinatorStore, configuration: SchedulerConfiguration = .init(),
                jobKindObjectives: [String: Set<String>] = [:], now: Double) throws {
        self.store = store
        self.configuration = configuration
        self.jobKindObjectives = jobKindObjectives
        let stored = try store.loadAll()
        boundKeys = stored.workerKeys
        var attemptsByTask: [String: [StoredAttempt]] = [:]
        for attempt in stored.attempts { attemptsByTask[attempt.taskID, default: []].append(attempt) }
        var tasksBySweep: [String: [StoredTask]] = [:]
        for task in stored.tasks { tasksBySweep[task.spec.sweepID, default: []].append(task) }
        for sweep in stored.sweeps {
            let sweepTasks = tasksBySweep[sweep.submission.sweepID] ?? []
            addSweep(sweep.submission, specs: sweepTasks.map(\.spec), state: sweep.state,
                     submittedAt: sweep.createdAt, finishedAt: sweep.finishedAt)
            for stored in sweepTasks {
                let attempts = attemptsByTask[stored.spec.taskID] ?? []
                var task = ScheduledTask(spec: stored.spec, state: stored.state, attempts: stored.attempts,
                                         lastError: stored.lastError, workerName: stored.workerName,
                                         leaseExpiries: attempts.filter { $0.outcome == Self.leaseExpiredOutcome }.count)
                task.releases = attempts.filter { $0.outcome?.hasPrefix(Self.releasedOutcome) == true }.count
                for attempt in attempts { task.attemptInstances[attempt.attempt] = attempt.workerInstance }
                if stored.state == .running { task.leaseExpiry = now + configuration.leaseDuration }
                insertTask(task)
            }
        }
        for result in stored.results {
            guard let task = tasks[result.taskID], sweeps[result.sweepID] != nil else { continue }
            sweeps[result.sweepID]!.aggregator.add(pointResult(task.spec, result.objectives, result.workerName))
        }
        // A crash between a sweep's last result and marking it finished leaves it
        // "running"; the notification is lost, the state is repaired.
        for id in sweepOrder { _ = try finishIfComplete(id, now: now) }
    }

    /// Outcome recorded for an attempt whose lease ran out (counted on recovery).
    static let leaseExpiredOutcome = "lease expired"
    /// Outcome prefix of an attempt a leaving worker handed back (not charged on recovery either).
    static let releasedOutcome = "released"

    // MARK: - Sweeps

    /// Accepts a sweep: stores it with all its tasks, then assigns what it can.
    ///
    /// - Throws: `SchedulerError` for a duplicate or inconsistent sweep (nothing stored).
    public func submit(_ sweep: SweepSubmission, now: Double) throws -> [SchedulerAction] {
        guard sweeps[sweep.sweepID] == nil else { throw SchedulerError.duplicateSweep(sweep.sweepID) }
        func invalid(_ reason: String) -> SchedulerError { .invalidSweep(sweepID: sweep.sweepID, reason: reason) }
        guard sweep.maxAttempts >= 1 else { throw invalid("maxAttempts must be at least 1") }
        guard !sweep.objectives.isEmpty else { throw invalid("no objectives") }
        guard Set(sweep.objectives.map(\.name)).count == sweep.objectives.count else {
            throw invalid("objective names must be unique")
        }
        var seen: Set<String> = []
        for task in sweep.tasks {
            guard task.sweepID == sweep.sweepID else { throw invalid("task \(task.taskID) belongs to \(task.sweepID)") }
            guard seen.insert(task.taskID).inserted, tasks[task.taskID] == nil else {
                throw invalid("duplicate task id \(task.taskID)")
            }
        }
        guard Set(sweep.tasks.map(\.index)).count == sweep.tasks.count else { throw invalid("duplicate task index") }

        try store.insertSweep(sweep, at: now)
        let specs = sweep.tasks.sorted { $0.index < $1.index }
        addSweep(sweep, specs: specs, state: .running, submittedAt: now, finishedAt: nil)
        for spec in specs { insertTask(ScheduledTask(spec: spec)) }
        return try finishIfComplete(sweep.sweepID, now: now) + assignPending(now: now)
    }

    /// Cancels a sweep: unfinished tasks become cancelled and the workers running
    /// them are told to stop. Cancelling a finished sweep does nothing.
    public func cancel(sweepID: String, now: Double) throws -> [SchedulerAction] {
        guard let state = sweeps[sweepID]?.state else { throw SchedulerError.unknownSweep(sweepID) }
        guard !state.isTerminal else { return [] }
        try store.cancelSweep(sweepID: sweepID, at: now)
        var actions: [SchedulerAction] = []
        // Only the IDs: a copy of the whole entry would make every `setState` below copy its queues.
        let taskIDs = sweeps[sweepID]!.taskIDs
        for id in taskIDs where !tasks[id]!.state.isTerminal {
            if let worker = tasks[id]!.workerID {
                actions.append(.cancel(worker, taskID: id, reason: "sweep \(sweepID) cancelled"))
            }
            unbind(id)
            setState(id, .cancelled)
        }
        sweeps[sweepID]!.state = .cancelled
        sweeps[sweepID]!.finishedAt = now
        actions.append(.sweepFinished(sweepID: sweepID, .cancelled))
        return actions + (try assignPending(now: now))
    }

    // MARK: - Queries

    /// Progress of one sweep, or of every sweep in submission order when `sweepID` is nil.
    /// `blockReasons: false` leaves `blocked` empty: the counts alone cost nothing per task
    /// (the reasons cost pending tasks × workers).
    public func status(sweepID: String? = nil, blockReasons: Bool = true) -> [SweepStatus] {
        let ids = sweepID.map { sweeps[$0] == nil ? [] : [$0] } ?? sweepOrder
        return ids.map { id in
            let sweep = sweeps[id]!
            // Reason -> (count, first task in index order): `taskIDs` is in index order.
            var reasons: [String: (count: Int, first: String)] = [:]
            if blockReasons, sweep.counts[.pending, default: 0] > 0 {
                // A reason depends on the task's job kind and shard only: worked out once for each
                // (a sweep's pending tasks × workers was seconds at 30,000 tasks and 1,000 workers).
                var known: [BlockKey: String?] = [:]
                for taskID in sweep.taskIDs where tasks[taskID]!.state == .pending {
                    let spec = tasks[taskID]!.spec
                    let key = BlockKey(jobKind: spec.jobKind, shard: spec.shard)
                    let reason = known[key] ?? {
                        let reason = blockReason(spec)
                        known[key] = reason
                        return reason
                    }()
                    if let reason { reasons[reason, default: (0, taskID)].count += 1 }
                }
            }
            let blocked = reasons.map { SweepStatus.BlockedReason(reason: $0.key, count: $0.value.count,
                                                                  firstTaskID: $0.value.first) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason }
            return SweepStatus(sweepID: id, name: sweep.submission.name, state: sweep.state,
                               pending: sweep.counts[.pending, default: 0], running: sweep.counts[.running, default: 0],
                               done: sweep.counts[.done, default: 0], failed: sweep.counts[.failed, default: 0],
                               cancelled: sweep.counts[.cancelled, default: 0], blocked: blocked,
                               submittedAt: sweep.submittedAt, finishedAt: sweep.finishedAt)
        }
    }

    /// A sweep's state, nil for an unknown sweep: what `status` reports without counting tasks.
    public func state(sweepID: String) -> SweepState? { sweeps[sweepID]?.state }

    /// The sweep's fronts at their current sequence number, for a client starting to tail it.
    public func snapshot(sweepID: String) throws -> FrontSnapshot {
        try front(sweepID: sweepID).snapshot()
    }

    /// The sweep as submitted (its tasks live in the scheduler), nil for an unknown sweep:
    /// its objectives, in order, and its reference point.
    public func submission(sweepID: String) -> SweepSubmission? { sweeps[sweepID]?.submission }

    /// The sweep's aggregator (a value: reading its sequence or hypervolumes costs no snapshot).
    public func front(sweepID: String) throws -> FrontAggregator {
        guard let sweep = sweeps[sweepID] else { throw SchedulerError.unknownSweep(sweepID) }
        return sweep.aggregator
    }

    /// A task's scheduling state.
    public func task(_ taskID: String) -> ScheduledTask? { tasks[taskID] }

    /// A connected worker.
    public func worker(_ id: WorkerID) -> ConnectedWorker? { workers[id] }

    /// Connected workers, in connection order.
    public var connectedWorkers: [ConnectedWorker] { workers.values.sorted { $0.order < $1.order } }

    // MARK: - Helpers

    /// Registers a sweep in memory with an empty front over its objectives.
    private func addSweep(_ submission: SweepSubmission, specs: [TaskSpec], state: SweepState,
                          submittedAt: Double, finishedAt: Double?) {
        var references: [String: [String: Double]] = [:]
        if let point = submission.referencePoint {
            for dataset in Set(specs.map(\.shard.dataset)) { references[dataset] = point }
        }
        var kept = submission
        kept.tasks = []  // the specs live in `tasks`; one copy is enough
        sweeps[submission.sweepID] = SweepEntry(
            submission: kept, state: state, taskIDs: specs.map(\.taskID), counts: [:],
            aggregator: FrontAggregator(objectives: submission.objectives, referencePoints: references),
            rank: sweepOrder.count, submittedAt: submittedAt, finishedAt: finishedAt)
        sweepOrder.append(submission.sweepID)
    }

    /// The front's view of a result.
    func pointResult(_ spec: TaskSpec, _ objectives: [String: Double], _ worker: String) -> PointResult {
        PointResult(taskID: spec.taskID, dataset: spec.shard.dataset, label: spec.label,
                    parameters: spec.parameters, objectives: objectives, replicate: spec.replicate, worker: worker)
    }
}
