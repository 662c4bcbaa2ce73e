import FrontierPareto
import FrontierSweep

/// A sweep as the coordinator receives it, already parsed and expanded into tasks
/// elsewhere (FrontierSweep): everything the coordinator needs to schedule it,
/// persist it and aggregate its results.
public struct SweepSubmission: Sendable, Equatable {
    /// Unique across the coordinator's lifetime; task IDs are `<sweepID>/<index>`.
    public var sweepID: String
    /// Human name shown in status listings.
    public var name: String
    /// The sweep file as submitted, stored verbatim so an operator can see what ran.
    public var spec: String
    /// The objectives the sweep's front is computed over.
    public var objectives: [Objective]
    /// Hypervolume reference point (objective name to value, natural units), applied
    /// to every dataset of the sweep; nil derives one per dataset from the results.
    public var referencePoint: [String: Double]?
    /// How many attempts a task gets (retryable failures and expired leases) before it fails.
    public var maxAttempts: Int
    /// The expanded tasks, each with `sweepID` equal to this sweep's.
    public var tasks: [TaskSpec]

    /// A submission from its parts.
    public init(sweepID: String, name: String, spec: String, objectives: [Objective],
                referencePoint: [String: Double]? = nil, maxAttempts: Int = 3, tasks: [TaskSpec]) {
        self.sweepID = sweepID
        self.name = name
        self.spec = spec
        self.objectives = objectives
        self.referencePoint = referencePoint
        self.maxAttempts = maxAttempts
        self.tasks = tasks
    }
}
