/// Something the operator should hear about once, with its context: the coordinator
/// logs each notice the scheduler returns (a `SchedulerAction.notice`).
public enum SchedulerNotice: Sendable, Equatable, CustomStringConvertible {
    /// A connection fell silent for longer than a lease (or is gone) and was forgotten.
    case workerLost(name: String, why: String, tasks: [String])
    /// A worker that announced it was leaving has nothing left and was forgotten.
    case workerLeft(name: String)
    /// An attempt's lease ran out before its worker renewed it.
    case leaseExpired(taskID: String, attempt: Int, worker: String)
    /// A task went back to pending after its attempt ended without a result.
    case requeued(taskID: String, attempt: Int, reason: String)
    /// A leaving worker handed an attempt back; it does not count against the retry budget.
    case released(taskID: String, attempt: Int, worker: String)
    /// A task failed for good.
    case taskFailed(taskID: String, reason: String)

    /// Whether it deserves the warning level (work was lost or failed) rather than info.
    public var isWarning: Bool {
        switch self {
        case .workerLost, .leaseExpired, .taskFailed: true
        case .workerLeft, .requeued, .released: false
        }
    }

    public var description: String {
        switch self {
        case .workerLost(let name, let why, let tasks):
            "worker \(name) lost: \(why); " + (tasks.isEmpty ? "it held no task" : "it held \(tasks.joined(separator: " "))")
        case .workerLeft(let name): "worker \(name) left"
        case .leaseExpired(let taskID, let attempt, let worker):
            "lease of \(taskID) attempt \(attempt) on worker \(worker) expired"
        case .requeued(let taskID, let attempt, let reason): "requeued \(taskID) after attempt \(attempt): \(reason)"
        case .released(let taskID, let attempt, let worker):
            "worker \(worker) released \(taskID) attempt \(attempt) (shutting down); requeued without spending an attempt"
        case .taskFailed(let taskID, let reason): "task \(taskID) failed: \(reason)"
        }
    }
}
