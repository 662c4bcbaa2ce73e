import Foundation
import FrontierPareto
import FrontierSweep

/// A sweep as stored, for recovery.
public struct StoredSweep: Sendable, Equatable {
    /// The sweep as submitted, without its tasks (those are in `StoredState.tasks`).
    public var submission: SweepSubmission
    public var state: SweepState
    /// Submission time, in the scheduler's clock.
    public var createdAt: Double
    /// When it reached a final state, if it has.
    public var finishedAt: Double?
}

/// A task as stored, for recovery. `spec.shard.sha256` holds the pinned checksum, if any.
public struct StoredTask: Sendable, Equatable {
    /// The task, with its pinned shard checksum.
    public var spec: TaskSpec
    public var state: TaskState
    /// Attempts started so far (the current or last attempt's number).
    public var attempts: Int
    /// Why the last attempt ended badly, or why the task failed.
    public var lastError: String?
    /// The worker (by name) that holds or last held the task.
    public var workerName: String?
}

/// One attempt at a task, for recovery and audit.
public struct StoredAttempt: Sendable, Equatable {
    public var taskID: String
    /// 1 for the first attempt.
    public var attempt: Int
    public var workerName: String
    /// The worker process instance that started it.
    public var workerInstance: String
    public var startedAt: Double
    /// Nil while the attempt runs.
    public var endedAt: Double?
    /// Nil while the attempt runs; otherwise e.g. `done`, `lease expired`, `failed: ...`.
    public var outcome: String?
}

/// An accepted result.
public struct StoredResult: Sendable, Equatable {
    public var taskID: String
    public var sweepID: String
    /// The attempt that produced it (a late one may be older than the task's latest).
    public var attempt: Int
    public var workerName: String
    /// Objective values by name, as the worker reported them (possibly non-finite).
    public var objectives: [String: Double]
    /// The job kind's full report, opaque here.
    public var report: Data
    public var receivedAt: Double
    /// Milliseconds the run spent training and evaluating, as its worker reported them;
    /// nil when unknown (results stored before schema v3).
    public var trainingMilliseconds: Int?
    public var evaluationMilliseconds: Int?

    /// A result from its parts.
    public init(taskID: String, sweepID: String, attempt: Int, workerName: String,
                objectives: [String: Double], report: Data, receivedAt: Double,
                trainingMilliseconds: Int? = nil, evaluationMilliseconds: Int? = nil) {
        self.taskID = taskID
        self.sweepID = sweepID
        self.attempt = attempt
        self.workerName = workerName
        self.objectives = objectives
        self.report = report
        self.receivedAt = receivedAt
        self.trainingMilliseconds = trainingMilliseconds
        self.evaluationMilliseconds = evaluationMilliseconds
    }
}

/// Everything the store holds, loaded at once to rebuild a `Scheduler` after a restart.
public struct StoredState: Sendable, Equatable {
    /// In submission order.
    public var sweeps: [StoredSweep]
    /// By sweep submission order, then index.
    public var tasks: [StoredTask]
    /// By task, then attempt number.
    public var attempts: [StoredAttempt]
    /// In the order they were received (the order the fronts must be replayed in).
    public var results: [StoredResult]
    /// Worker name to the CURVE key it is bound to.
    public var workerKeys: [String: String] = [:]
}
