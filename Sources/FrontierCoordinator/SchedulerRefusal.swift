/// A message the scheduler refuses because of who sent it or what it says. Nothing
/// is changed or stored; the coordinator answers the peer with an `Error`.
///
/// Peers are untrusted: a result, progress report or failure counts only when it
/// comes from a connection that said `Hello` as the worker instance the attempt was
/// assigned to, and a result only when its objectives are the sweep's.
public enum SchedulerRefusal: Error, CustomStringConvertible, Equatable, Sendable {
    /// No task has this id.
    case unknownTask(String)
    /// The connection never said `Hello` (or was forgotten): it must introduce itself.
    case unknownWorker
    /// The attempt was not assigned to the sending worker instance.
    case notAssigned(taskID: String, attempt: Int, worker: String)
    /// A result's objectives are not those of its sweep.
    case objectives(taskID: String, problem: String)
    /// Another instance of a worker with this name is still connected and within its lease.
    case nameInUse(name: String)
    /// The worker name is bound to another CURVE key.
    case keyMismatch(name: String, bound: String, presented: String)

    /// Whether the refusal means "no such thing" (`NOT_FOUND`) rather than "not acceptable".
    public var isNotFound: Bool {
        switch self {
        case .unknownTask, .unknownWorker: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .unknownTask(let id): "no task with id \(id)"
        case .unknownWorker: "unknown worker: send Hello first"
        case .notAssigned(let taskID, let attempt, let worker):
            "attempt \(attempt) of task \(taskID) was not assigned to this instance of \(worker)"
        case .objectives(let taskID, let problem): "result for \(taskID) refused: \(problem)"
        case .nameInUse(let name):
            "worker name \(name) is in use by another running instance; it is accepted once that one "
                + "disconnects or its lease expires"
        case .keyMismatch(let name, let bound, let presented):
            "worker name \(name) is bound to CURVE key \(bound.prefix(8))…, not \(presented.prefix(8))… "
                + "(a worker's identity is its key; see docs/security.md to move a name to a new key)"
        }
    }
}
