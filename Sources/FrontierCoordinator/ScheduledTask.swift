import FrontierSweep

/// A task as the scheduler tracks it in memory (the store holds the durable part).
public struct ScheduledTask: Sendable, Equatable {
    /// The task; `spec.shard.sha256` is the pinned checksum once assigned.
    public internal(set) var spec: TaskSpec
    public internal(set) var state: TaskState
    /// Attempts started so far: the current (or last) attempt's number.
    public internal(set) var attempts: Int
    /// Why the last attempt ended badly, or why the task failed.
    public internal(set) var lastError: String?
    /// The connection running the current attempt. Nil for a running task means it
    /// is awaiting re-adoption by `workerName` (after a coordinator restart or a
    /// worker reconnect) until its lease runs out.
    public internal(set) var workerID: WorkerID?
    /// The worker that holds (or last held) the task.
    public internal(set) var workerName: String?
    /// When the current attempt's lease runs out, in the caller's clock.
    public internal(set) var leaseExpiry: Double?
    /// When the current attempt was handed out, for the heartbeat grace period.
    var assignedAt: Double?
    /// How many attempts ended because their lease expired (for the failure message).
    public internal(set) var leaseExpiries: Int
    /// The worker instance each attempt was assigned to: only it may report on that attempt.
    public internal(set) var attemptInstances: [Int: String] = [:]
    /// Attempts a leaving worker handed back unfinished; they do not count against `maxAttempts`.
    public internal(set) var releases: Int = 0

    /// Whether the task is running but no connected worker has claimed it yet.
    public var isAwaitingReadoption: Bool { state == .running && workerID == nil }

    /// Attempts that count against the sweep's `maxAttempts`.
    public var chargedAttempts: Int { attempts - releases }

    init(spec: TaskSpec, state: TaskState = .pending, attempts: Int = 0, lastError: String? = nil,
         workerName: String? = nil, leaseExpiries: Int = 0) {
        self.spec = spec
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.workerName = workerName
        self.leaseExpiries = leaseExpiries
    }
}
