import Foundation
import FrontierData
import FrontierSettings
import FrontierSweep
import FrontierMethods
import FrontierModels

/// The job kinds a Frontier worker and coordinator know.
public enum FrontierJobs {
    /// Every job kind, keeping models in the default model cache (`ModelCache.defaultRoot()`).
    public static let registry: JobKindRegistry = registry(models: ModelCache(root: ModelCache.defaultRoot()))

    /// Every job kind: one per training method (`joint`, `stl`, `linear`, ...), `explain`,
    /// `fex`, `poe` and `noop` (cluster tests). Trained models are kept in `models`, on this machine's disk.
    public static func registry(models: ModelCache) -> JobKindRegistry {
        let shards = ShardCache()
        let methods = MethodRegistry.standard
        return JobKindRegistry(methods.names.map { MethodJobKind(method: methods[$0]!, cache: shards, models: models) }
                               + [ExplainJobKind(shards: shards, models: models), FEXJobKind(shards: shards, models: models),
                                  POEJobKind(shards: shards, models: models), NoOpJobKind()])
    }
}

extension ShardDescriptor {
    /// What a worker advertises for a shard described by `manifest`.
    public init(manifest: ShardManifest) {
        self.init(dataset: manifest.dataset, shardID: manifest.shardID, trainRows: manifest.trainRows,
                  testRows: manifest.testRows, sha256: manifest.sha256,
                  recipe: "\(manifest.shardName): \(manifest.source)",
                  recipeSHA256: manifest.recipeSHA256 ?? (try? manifest.datasetSource().checksum))
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

/// Resolves a sweep's `dataset:`: a shipped dataset by name, or `{recipe: <tree>}`
/// (a recipe or generator given inline, as `sweep submit` sends a recipe file).
public struct RecipeDatasetResolver: DatasetResolver {
    public init() {}

    public func resolve(_ value: SettingValue, at path: String) throws(SettingsError) -> SweepDataset {
        let source: DatasetSource
        switch value {
        case .string(let name):
            do { source = try DatasetCatalog.entry(named: name) } catch {
                throw SettingsError(path: path, error.message)
            }
        case .map(let entries):
            guard entries.count == 1, let tree = entries["recipe"] else {
                throw SettingsError(path: path, "expected a dataset name or {recipe: FILE}")
            }
            guard case .map = tree else {
                throw SettingsError(path: SettingsError.join(path, "recipe"),
                                    "expected the recipe itself; a client inlines a recipe file before sending it")
            }
            source = try DatasetSource.read(tree, at: SettingsError.join(path, "recipe"))
        default:
            throw SettingsError(path: path, "expected a dataset name or {recipe: FILE}, found \(value.kindName)")
        }
        return SweepDataset(name: source.name, definition: source.tree, checksum: source.checksum,
                            isRegression: source.isRegression)
    }
}
