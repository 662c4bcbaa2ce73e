/// One finished run of a sweep as the store holds it: the accepted result with the
/// task it belongs to. What `sweep results` lists, a row per run.
public struct StoredRunRecord: Sendable, Equatable {
    /// The result: task id, sweep, attempt, worker, objectives, report, timings.
    public var result: StoredResult
    /// The task's position in its sweep's expansion.
    public var taskIndex: Int
    /// The job kind that ran it (`joint`, `stl`, ...).
    public var jobKind: String
    /// The sweep point, e.g. `["alpha": 0.3]`.
    public var parameters: [String: Double]
    public var seed: UInt64
    public var dataset: String
    public var shardID: Int

    public init(result: StoredResult, taskIndex: Int, jobKind: String, parameters: [String: Double], seed: UInt64,
                dataset: String, shardID: Int) {
        self.result = result
        self.taskIndex = taskIndex
        self.jobKind = jobKind
        self.parameters = parameters
        self.seed = seed
        self.dataset = dataset
        self.shardID = shardID
    }
}

/// A page of a sweep's runs: `Scheduler.runRecords(sweepID:offset:limit:)`.
public struct RunRecordPage: Sendable, Equatable {
    /// The runs from the requested offset on, in the order their results were received.
    public var records: [StoredRunRecord]
    /// The sweep's finished runs when the page was read.
    public var total: Int

    public init(records: [StoredRunRecord], total: Int) {
        self.records = records
        self.total = total
    }
}
