/// One finished task of a sweep, as the coordinator receives it from a worker.
public struct PointResult: Codable, Sendable, Hashable {
    /// Unique per task; the aggregator ignores a task ID it has seen, so a result
    /// delivered twice (a retried worker, a replayed message) is counted once.
    public var taskID: String
    /// Dataset (recipe) name, e.g. `adult`. Fronts are computed per dataset.
    public var dataset: String
    /// Method label: `stl` for the baseline, e.g. `mtl` for the joint method.
    public var label: String
    /// Hyper-parameters that define the point, e.g. `["alpha": 0.3]`; empty for STL.
    public var parameters: [String: Double]
    /// Metric values, e.g. `["error_rate": 0.15, "global_fidelity": 0.002]`.
    public var objectives: [String: Double]
    /// Which replicate (seed and/or shard) this is; replicates of one setting are averaged.
    public var replicate: String
    /// The worker that computed it.
    public var worker: String

    /// A result with every field given.
    public init(taskID: String, dataset: String, label: String, parameters: [String: Double] = [:],
                objectives: [String: Double], replicate: String, worker: String) {
        self.taskID = taskID
        self.dataset = dataset
        self.label = label
        self.parameters = parameters
        self.objectives = objectives
        self.replicate = replicate
        self.worker = worker
    }

    /// The row this result is averaged into.
    public var rowKey: FrontRowKey {
        FrontRowKey(dataset: dataset, label: label, parameters: parameters)
    }
}
