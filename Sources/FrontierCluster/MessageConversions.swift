import Foundation
import FrontierProtocol
import FrontierSweep

// Conversions between the cluster's domain types (FrontierSweep) and the wire
// messages (FrontierProtocol). Kept in one place so the coordinator and the worker
// agree on every field.

extension TaskAssign {
    /// The assignment of one attempt of `task`, valid for `leaseMilliseconds`.
    public init(_ task: TaskSpec, attempt: Int, leaseMilliseconds: Int) {
        self.init()
        taskID = task.taskID
        sweepID = task.sweepID
        self.attempt = UInt32(attempt)
        jobKind = task.jobKind
        parameters = task.parameters
        seed = task.seed
        dataset = task.shard.dataset
        shardID = UInt32(task.shard.shardID)
        shardSha256 = task.shard.sha256 ?? ""
        recipeSha256 = task.shard.recipeSHA256 ?? ""
        jobSpec = task.jobSpec
        leaseMs = UInt32(clamping: leaseMilliseconds)
    }

    /// The task this assignment carries. The index is not on the wire; it is parsed
    /// back from the task id's `<sweep>/<index>` form when present.
    public var taskSpec: TaskSpec {
        let index = taskID.split(separator: "/").last.flatMap { Int($0) } ?? 0
        return TaskSpec(taskID: taskID, sweepID: sweepID, index: index, jobKind: jobKind, parameters: parameters,
                        seed: seed, shard: ShardReference(dataset: dataset, shardID: Int(shardID),
                                                          sha256: shardSha256.isEmpty ? nil : shardSha256,
                                                          recipeSHA256: recipeSha256.isEmpty ? nil : recipeSha256),
                        jobSpec: jobSpec)
    }
}

extension ShardInfo {
    /// What a worker advertises about `descriptor`; an unknown recipe checksum is sent empty.
    public init(_ descriptor: ShardDescriptor) {
        self.init()
        dataset = descriptor.dataset
        shardID = UInt32(descriptor.shardID)
        trainRows = UInt64(descriptor.trainRows)
        testRows = UInt64(descriptor.testRows)
        sha256 = descriptor.sha256
        recipe = descriptor.recipe
        recipeSha256 = descriptor.recipeSHA256 ?? ""
    }

    /// The shard as the scheduler matches it; an empty recipe checksum (a 1.2 worker) is unknown.
    public var descriptor: ShardDescriptor {
        ShardDescriptor(dataset: dataset, shardID: Int(shardID), trainRows: Int(trainRows), testRows: Int(testRows),
                        sha256: sha256, recipe: recipe, recipeSHA256: recipeSha256.isEmpty ? nil : recipeSha256)
    }
}
