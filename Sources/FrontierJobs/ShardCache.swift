import Foundation
import FrontierData
import FrontierML

/// Prepared datasets by shard directory, so consecutive tasks on one shard parse
/// its files once. A worker runs tasks on several threads, hence the lock; the
/// cache is small (a worker holds a few shards), so entries are never evicted.
final class ShardCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (manifest: ShardManifest, dataset: Dataset)] = [:]

    /// The shard's manifest and dataset, loading (and verifying) it on first use.
    func load(directory: String) throws(DataError) -> (manifest: ShardManifest, dataset: Dataset) {
        let key = URL(fileURLWithPath: directory).absoluteURL.standardized.path
        if let hit = lock.withLock({ entries[key] }) { return hit }
        // Load outside the lock: another shard's task should not wait for this parse.
        let (manifest, dataset) = try ShardLoader.load(directory: key)
        lock.withLock { entries[key] = (manifest, dataset) }
        return (manifest, dataset)
    }
}
