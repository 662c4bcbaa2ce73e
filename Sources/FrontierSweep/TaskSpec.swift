import Foundation

/// One unit of work of a sweep: a job kind run once with fixed parameters and
/// seed on one dataset shard. The coordinator schedules these; a worker runs one
/// through the job kind registered under `jobKind`.
///
/// The cluster never looks inside `jobSpec`: it is the job kind's own encoding of
/// the sweep's settings for that kind (JSON in practice), produced by
/// `JobKind.validate` at submit time and handed back to `JobKind.run` on the worker.
public struct TaskSpec: Codable, Hashable, Sendable {
    /// Unique across the coordinator's lifetime: `<sweepID>/<index>`.
    public var taskID: String
    public var sweepID: String
    /// Position in the sweep's expansion (0-based); stable across restarts.
    public var index: Int
    /// Registered job kind, e.g. `joint`.
    public var jobKind: String
    /// The swept values for this task, e.g. `["alpha": 0.3]`; empty for baselines.
    public var parameters: [String: Double]
    public var seed: UInt64
    public var shard: ShardReference
    /// The job kind's validated settings, opaque to the cluster.
    public var jobSpec: Data

    public init(taskID: String, sweepID: String, index: Int, jobKind: String, parameters: [String: Double],
                seed: UInt64, shard: ShardReference, jobSpec: Data) {
        self.taskID = taskID
        self.sweepID = sweepID
        self.index = index
        self.jobKind = jobKind
        self.parameters = parameters
        self.seed = seed
        self.shard = shard
        self.jobSpec = jobSpec
    }

    /// The label that groups this task's results on the front: the job kind (`stl`,
    /// `joint`), or the label its job spec names when the kind writes one (the `explain`
    /// kind labels its points by explainer); the parameters tell the points of one label apart.
    public var label: String { JobSpecLabel.read(jobSpec) ?? jobKind }

    /// Which replicate this task is: results with the same label and parameters
    /// but different seeds or shards are averaged on the front.
    public var replicate: String { "shard \(shard.shardID), seed \(seed)" }
}

/// Which data a task runs on: a dataset and one of its shards. The checksum is
/// pinned when the sweep requires specific bytes, or when the task is first
/// assigned (so a retry runs on exactly the same data).
public struct ShardReference: Codable, Hashable, Sendable {
    public var dataset: String
    public var shardID: Int
    /// SHA-256 (lower-case hex) of the shard's files and recipe, when pinned.
    public var sha256: String?
    /// SHA-256 of the dataset's recipe (its canonical tree): a shard prepared with another
    /// recipe is another dataset, even with the same name and bytes.
    public var recipeSHA256: String?

    public init(dataset: String, shardID: Int, sha256: String? = nil, recipeSHA256: String? = nil) {
        self.dataset = dataset
        self.shardID = shardID
        self.sha256 = sha256
        self.recipeSHA256 = recipeSHA256
    }

    /// `adult/2`, as shown to operators.
    public var description: String { "\(dataset)/\(shardID)" }
}

/// What a worker advertises about one shard it holds (the data itself never leaves the worker).
public struct ShardDescriptor: Codable, Hashable, Sendable {
    public var dataset: String
    public var shardID: Int
    public var trainRows: Int
    public var testRows: Int
    /// SHA-256 (lower-case hex) over the shard's files, in manifest order.
    public var sha256: String
    /// The recipe that prepares the shard's rows, as a one-line description.
    public var recipe: String
    /// SHA-256 of the recipe's canonical tree, when the worker reports it.
    public var recipeSHA256: String?

    public init(dataset: String, shardID: Int, trainRows: Int, testRows: Int, sha256: String, recipe: String,
                recipeSHA256: String? = nil) {
        self.dataset = dataset
        self.shardID = shardID
        self.trainRows = trainRows
        self.testRows = testRows
        self.sha256 = sha256
        self.recipe = recipe
        self.recipeSHA256 = recipeSHA256
    }

    /// Whether this shard can serve `reference`: same dataset and shard, the same bytes
    /// when the reference pins a checksum, and the same recipe when both name one.
    public func serves(_ reference: ShardReference) -> Bool {
        dataset == reference.dataset && shardID == reference.shardID
            && (reference.sha256 == nil || reference.sha256 == sha256)
            && (reference.recipeSHA256 == nil || recipeSHA256 == nil || reference.recipeSHA256 == recipeSHA256)
    }
}
