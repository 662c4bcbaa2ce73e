import FrontierSweep

/// What a task needs from a worker: its job kind and a shard serving its
/// reference (the same bytes once the checksum is pinned). Tasks with equal
/// requirements can run on exactly the same workers, so the scheduler queues
/// pending tasks and indexes free workers by requirement.
struct TaskRequirement: Hashable, Sendable {
    var jobKind: String
    var shard: ShardReference

    init(_ spec: TaskSpec) {
        jobKind = spec.jobKind
        shard = spec.shard
    }

    /// Whether `worker` can run such a task: the rule of `ConnectedWorker.runs`
    /// and `ConnectedWorker.shard(for:)`.
    func isMet(by worker: ConnectedWorker) -> Bool {
        worker.jobKinds.contains(jobKind) && worker.shards.contains { $0.serves(shard) }
    }
}
