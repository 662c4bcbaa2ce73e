import ArgumentParser
import FrontierData
import FrontierJobs
import FrontierSweep

/// `--shard DATASET=DIRECTORY`, as `worker` and `sweep run` take it.
enum ShardOption {
    /// The shard in DIRECTORY, checked to hold DATASET (every checksum verified).
    static func localShard(_ entry: String) throws -> LocalShard {
        let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ValidationError("--shard '\(entry)': expected DATASET=DIRECTORY")
        }
        let shard: LocalShard
        do { shard = try ShardLoader.localShard(directory: parts[1]) } catch {
            throw ValidationError("--shard \(entry): \(error)")
        }
        guard shard.descriptor.dataset == parts[0] else {
            throw ValidationError("--shard \(entry): the directory holds dataset \(shard.descriptor.dataset), not \(parts[0])")
        }
        return shard
    }
}
