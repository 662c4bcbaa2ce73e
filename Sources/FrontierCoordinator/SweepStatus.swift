/// A sweep's progress as shown to operators.
public struct SweepStatus: Sendable, Equatable {
    /// Pending tasks no connected worker can run, grouped by why.
    public struct BlockedReason: Sendable, Equatable {
        /// E.g. `no connected worker holds shard adult/2`.
        public var reason: String
        /// How many pending tasks it applies to.
        public var count: Int

        /// A reason and its count.
        public init(reason: String, count: Int) {
            self.reason = reason
            self.count = count
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

    /// Total number of tasks.
    public var total: Int { pending + running + done + failed + cancelled }
}
