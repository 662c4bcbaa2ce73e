import Foundation
import FrontierData
import FrontierSweep

/// The shards a sweep runs on when this machine runs it alone (`frontier sweep run`).
public enum LocalShards {
    /// Shards for `plan`: the directories given (`--shard`), else, for a shipped dataset
    /// run whole (one shard), its own data folder, else the dataset split into
    /// `shardCount` shards with `splitSeed` (as `frontier datasets split` would cut them,
    /// so a cluster given those shards computes the same front), kept under
    /// `cacheDirectory` and reused while its checksums hold.
    public static func provide(for plan: SweepPlan, given: [LocalShard], baseDirectory: String,
                               cacheDirectory: String, splitSeed: UInt64 = 1) throws -> [LocalShard] {
        if !given.isEmpty { return given }
        let source = try DatasetSource.read(plan.dataset.definition, at: "dataset")
        let count = plan.shardCount ?? ((plan.shards.map(\.shardID).max() ?? 0) + 1)
        if count == 1, case .recipe(let recipe) = source, DatasetRecipe.builtIn.contains(recipe) {
            let folder = (baseDirectory as NSString).appendingPathComponent((recipe.files.data as NSString).deletingLastPathComponent)
            if let whole = try? ShardLoader.localShard(directory: folder), whole.descriptor.recipeSHA256 == plan.dataset.checksum {
                return [whole]
            }
        }
        let directory = (cacheDirectory as NSString).appendingPathComponent(
            "\(source.name)-\(source.checksum.prefix(12))-\(count)-seed\(splitSeed)")
        let existing = (0..<count).map { ShardSplitter.shardDirectory(directory, dataset: source.name, index: $0) }
        if existing.allSatisfy({ FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent(ShardManifest.fileName)) }) {
            return try existing.map { try ShardLoader.localShard(directory: $0) }
        }
        _ = try ShardSplitter().split(source, baseDirectory: baseDirectory, parts: count, seed: splitSeed, into: directory)
        return try existing.map { try ShardLoader.localShard(directory: $0) }
    }
}
