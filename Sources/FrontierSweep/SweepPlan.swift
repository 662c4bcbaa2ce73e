import FrontierSettings
import Foundation
import FrontierPareto

/// A validated sweep, ready to expand into tasks: what `SweepSpec.parse` returns
/// and what the coordinator stores.
public struct SweepPlan: Codable, Sendable, Equatable {
    /// One `jobs:` entry, validated by its job kind.
    public struct Job: Codable, Sendable, Equatable {
        public var kind: String
        /// Values of each swept parameter, in the order given (linspace already expanded).
        public var parameters: [String: [Double]]
        /// The shared settings with the job's own merged over them.
        public var settings: SettingValue
        /// The kind's encoding of `settings` (`JobKind.validate`), carried by each task.
        public var jobSpec: Data

        public init(kind: String, parameters: [String: [Double]], settings: SettingValue, jobSpec: Data) {
            self.kind = kind
            self.parameters = parameters
            self.settings = settings
            self.jobSpec = jobSpec
        }

        /// The cartesian product of the parameters: names in sorted order (the first
        /// varies slowest), each name's values in the order given. One empty point
        /// when nothing is swept.
        public var gridPoints: [[String: Double]] {
            parameters.keys.sorted().reduce([[:]]) { points, name in
                points.flatMap { point in
                    parameters[name, default: []].map { value in point.merging([name: value]) { $1 } }
                }
            }
        }
    }

    public var name: String
    /// The dataset every shard belongs to, with its definition.
    public var dataset: SweepDataset
    /// The shards every grid point runs on, with their checksum when the spec pins it.
    public var shards: [ShardReference]
    /// How many shards the dataset was split into (`shard_count`), when the spec says.
    public var shardCount: Int?
    public var seeds: [UInt64]
    public var jobs: [Job]
    public var objectives: [Objective]
    /// Per-objective reference values for hypervolume: the spec's, else the job kinds' defaults.
    public var referencePoint: [String: Double]
    /// How often a task is tried before the sweep gives up on it.
    public var maxAttempts: Int
    /// The spec with every default filled in and every linspace expanded, as key-sorted
    /// JSON: what the coordinator stores, and what makes two submissions comparable.
    public var normalisedJSON: String

    /// How many tasks `tasks(sweepID:)` returns.
    public var taskCount: Int {
        jobs.reduce(0) { $0 + $1.gridPoints.count } * shards.count * seeds.count
    }

    /// Every task of the sweep, in a fixed order: each job (in spec order), each grid
    /// point of its parameters, each shard, each seed. Task `i` has id `<sweepID>/<i>`,
    /// so the expansion is the same after a coordinator restart.
    public func tasks(sweepID: String) -> [TaskSpec] {
        var tasks: [TaskSpec] = []
        for job in jobs {
            for point in job.gridPoints {
                for shard in shards {
                    for seed in seeds {
                        let index = tasks.count
                        tasks.append(TaskSpec(taskID: "\(sweepID)/\(index)", sweepID: sweepID, index: index,
                                              jobKind: job.kind, parameters: point, seed: seed, shard: shard,
                                              jobSpec: job.jobSpec))
                    }
                }
            }
        }
        return tasks
    }
}
