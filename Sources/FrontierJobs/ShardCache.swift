import Foundation
import FrontierData
import FrontierML
import FrontierSweep

/// Prepared datasets by shard directory, so consecutive tasks on one shard parse
/// its files once. A worker runs tasks on several threads, hence the lock; the
/// cache is small (a worker holds a few shards), so entries are never evicted.
final class ShardCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (manifest: ShardManifest, prepared: PreparedDataset)] = [:]

    /// The shard's manifest and dataset, loading (and verifying) it on first use.
    func load(directory: String) throws(DataError) -> (manifest: ShardManifest, dataset: Dataset) {
        let (manifest, prepared) = try loadPrepared(directory: directory)
        return (manifest, prepared.dataset)
    }

    /// The shard's manifest and dataset with its fitted preprocessing, loading it on first use.
    func loadPrepared(directory: String) throws(DataError) -> (manifest: ShardManifest, prepared: PreparedDataset) {
        let key = URL(fileURLWithPath: directory).absoluteURL.standardized.path
        if let hit = lock.withLock({ entries[key] }) { return hit }
        // Load outside the lock: another shard's task should not wait for this parse.
        let (manifest, prepared) = try ShardLoader.loadPrepared(directory: key)
        lock.withLock { entries[key] = (manifest, prepared) }
        return (manifest, prepared)
    }
}

extension ShardCache {
    /// The prepared shard a task runs on, refusing a shard that is not the one the task names
    /// (another dataset or shard id, or other bytes when the task pins a checksum).
    func load(for task: TaskSpec, on shard: LocalShard) throws -> (manifest: ShardManifest, prepared: PreparedDataset) {
        let (manifest, prepared) = try loadPrepared(directory: shard.directory)
        guard manifest.dataset == task.shard.dataset, manifest.shardID == task.shard.shardID,
              task.shard.sha256 == nil || task.shard.sha256 == manifest.sha256 else {
            throw JobFailed(taskID: task.taskID, "\(shard.directory) holds \(manifest.dataset)/\(manifest.shardID) "
                            + "(sha256 \(manifest.sha256)), not \(task.shard.description)")
        }
        return (manifest, prepared)
    }
}
