/// One setting of a sweep (dataset, label, parameters) with its objectives
/// averaged over the replicates done so far.
public struct FrontRow: Codable, Sendable, Equatable, Identifiable {
    /// Dataset, label and parameters.
    public var key: FrontRowKey
    /// Per objective name: mean and standard deviation over replicates. Holds every
    /// objective any replicate reported, not only the sweep's.
    public var objectives: [String: ObjectiveSummary]
    /// Number of results (replicates) averaged into this row.
    public var replicates: Int
    /// Worker that computed the most recent result.
    public var lastWorker: String
    /// Task ID of the most recent result.
    public var lastTaskID: String
    /// Whether the row's means are non-dominated among the rows of its dataset.
    public var onFront: Bool

    /// A row from its parts.
    public init(key: FrontRowKey, objectives: [String: ObjectiveSummary] = [:], replicates: Int = 0,
                lastWorker: String = "", lastTaskID: String = "", onFront: Bool = false) {
        self.key = key
        self.objectives = objectives
        self.replicates = replicates
        self.lastWorker = lastWorker
        self.lastTaskID = lastTaskID
        self.onFront = onFront
    }

    /// Rows are identified by their key.
    public var id: FrontRowKey { key }
    /// Dataset name.
    public var dataset: String { key.dataset }
    /// Method label.
    public var label: String { key.label }
    /// Hyper-parameters.
    public var parameters: [String: Double] { key.parameters }
    /// Short human name (`α=0.3`, `stl`).
    public var displayName: String { key.displayName }

    /// Mean of objective `name`, if any replicate reported a finite value.
    public func mean(_ name: String) -> Double? {
        guard let s = objectives[name], s.count > 0 else { return nil }
        return s.mean
    }

    /// Sample standard deviation of objective `name` (0 for a single replicate).
    public func standardDeviation(_ name: String) -> Double? {
        guard let s = objectives[name], s.count > 0 else { return nil }
        return s.standardDeviation
    }
}
