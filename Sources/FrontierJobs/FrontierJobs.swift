import Foundation
import FrontierData
import FrontierSweep
import FrontierMethods

/// The job kinds a Frontier worker and coordinator know.
public enum FrontierJobs {
    /// Every job kind: one per training method (`joint`, `stl`, `linear`, ...) and
    /// `noop` (cluster tests).
    public static let registry: JobKindRegistry = {
        let shards = ShardCache()
        let methods = MethodRegistry.standard
        return JobKindRegistry(methods.names.map { MethodJobKind(method: methods[$0]!, cache: shards) } + [NoOpJobKind()])
    }()
}

extension ShardDescriptor {
    /// What a worker advertises for a shard described by `manifest`.
    public init(manifest: ShardManifest) {
        self.init(dataset: manifest.dataset, shardID: manifest.shardID, trainRows: manifest.trainRows,
                  testRows: manifest.testRows, sha256: manifest.sha256,
                  recipe: "\(manifest.shardName): \(manifest.source)")
    }
}

extension ShardLoader {
    /// What a worker advertises for the shard in `directory`, without preparing its
    /// rows; every checksum is still verified. (Here rather than in FrontierData,
    /// which does not know the cluster's types.)
    public static func descriptor(directory: String) throws(DataError) -> ShardDescriptor {
        ShardDescriptor(manifest: try manifest(directory: directory))
    }

    /// The shard in `directory` as a worker holds it.
    public static func localShard(directory: String) throws(DataError) -> LocalShard {
        LocalShard(descriptor: try descriptor(directory: directory), directory: directory)
    }
}
