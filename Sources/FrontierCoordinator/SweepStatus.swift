/// A sweep's progress as shown to operators.
public struct SweepStatus: Sendable, Equatable {
    /// Pending tasks no connected worker can run, grouped by why.
    public struct BlockedReason: Sendable, Equatable {
        /// E.g. `no connected worker holds shard adult/2`.
        public var reason: String
        /// How many pending tasks it applies to.
        public var count: Int
        /// The first of those tasks in index order, so a reply can name one.
        public var firstTaskID: String

        /// A reason, its count and its first task.
        public init(reason: String, count: Int, firstTaskID: String) {
            self.reason = reason
            self.count = count
            self.firstTaskID = firstTaskID
        }
    }

    public var sweepID: String
    public var name: String
    public var state: SweepState
    /// Task counts by state.
    public var pending: Int
    public var running: Int
    public var done: Int
    public var failed: Int
    public var cancelled: Int
    /// Sorted by count (largest first), then reason.
    public var blocked: [BlockedReason]
    /// When the sweep was submitted and, once it has, finished, in the scheduler's clock.
    public var submittedAt: Double
    public var finishedAt: Double?

    /// A status from its parts.
    public init(sweepID: String, name: String, state: SweepState, pending: Int, running: Int, done: Int, failed: Int,
                cancelled: Int, blocked: [BlockedReason], submittedAt: Double = 0, finishedAt: Double? = nil) {
        self.sweepID = sweepID
        self.name = name
        self.state = state
        self.pending = pending
        self.running = running
        self.done = done
        self.failed = failed
        self.cancelled = cancelled
        self.blocked = blocked
        self.submittedAt = submittedAt
        self.finishedAt = finishedAt
    }

    /// Total number of tasks.
    public var total: Int { pending + running + done + failed + cancelled }

    /// Seconds from submission to `now`, or to the end for a finished sweep.
    public func elapsed(now: Double) -> Double { max(0, (finishedAt ?? now) - submittedAt) }
}
