/// Where a task is in its life. Stored as the raw value in the `tasks.state` column.
public enum TaskState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Waiting for a worker that can run it.
    case pending
    /// Assigned to a worker (or, after a coordinator restart, awaiting re-adoption).
    case running
    /// A result was accepted.
    case done
    /// Gave up: a non-retryable failure, or attempts exhausted.
    case failed
    /// The sweep was cancelled before the task finished.
    case cancelled

    /// Whether the task will never run again.
    public var isTerminal: Bool { self == .done || self == .failed || self == .cancelled }
}

/// Where a sweep is in its life. Stored as the raw value in the `sweeps.state` column.
public enum SweepState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Some task is pending or running.
    case running
    /// Every task produced a result.
    case done
    /// Every task finished, but some failed.
    case doneWithFailures = "done_with_failures"
    /// Cancelled by an operator.
    case cancelled

    /// Whether the sweep will never schedule again.
    public var isTerminal: Bool { self != .running }
}
