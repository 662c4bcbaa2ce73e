import FrontierPareto
import FrontierSweep

/// One task handed to a worker: the task (with its shard checksum pinned), which
/// attempt this is, and how long the worker's lease lasts without renewal.
public struct Assignment: Sendable, Equatable {
    /// The task; `task.shard.sha256` is always set (pinned at the first assignment).
    public var task: TaskSpec
    /// 1 for the first attempt, growing with each retry or expired lease.
    public var attempt: Int
    /// Lease length: the worker must renew (heartbeat, progress) within this.
    public var leaseMilliseconds: Int

    /// An assignment from its parts.
    public init(task: TaskSpec, attempt: Int, leaseMilliseconds: Int) {
        self.task = task
        self.attempt = attempt
        self.leaseMilliseconds = leaseMilliseconds
    }
}

/// What the network loop must do after feeding the scheduler an event: send
/// messages to workers, publish front changes to clients, announce finished sweeps.
/// Returned in the order they should be carried out.
public enum SchedulerAction: Sendable, Equatable {
    /// Send `Assign` to the worker.
    case assign(WorkerID, Assignment)
    /// Tell the worker to stop running the task (sweep cancelled, another attempt won,
    /// or the coordinator no longer considers the task the worker's).
    case cancel(WorkerID, taskID: String, reason: String)
    /// Acknowledge a result or failure report so the worker stops resending it.
    case ack(WorkerID, taskID: String)
    /// Publish a front change of a sweep to the clients tailing it.
    case publish(sweepID: String, FrontChange)
    /// The sweep has reached a final state. Emitted once per sweep: never again for it, not even
    /// after a restart (a sweep restored finished, or repaired on restore, emits none).
    case sweepFinished(sweepID: String, SweepState)
    /// Log something the operator should know (a lost worker, an expired lease, a requeue).
    case notice(SchedulerNotice)
}
