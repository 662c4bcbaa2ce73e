/// A request the scheduler refuses.
public enum SchedulerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A sweep with this ID was already submitted.
    case duplicateSweep(String)
    /// The submission is inconsistent (explained in the message).
    case invalidSweep(sweepID: String, reason: String)
    /// No sweep has this ID.
    case unknownSweep(String)

    public var description: String {
        switch self {
        case .duplicateSweep(let id): return "a sweep with id \(id) already exists"
        case .invalidSweep(let id, let reason): return "sweep \(id) is invalid: \(reason)"
        case .unknownSweep(let id): return "no sweep with id \(id)"
        }
    }
}
