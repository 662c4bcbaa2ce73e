import Foundation
import FrontierML
import FrontierSettings

/// Where a dataset comes from: a recipe over files, or a generator. Either is
/// written as a settings tree (a recipe file, or `generator:` with its settings),
/// carried in shard manifests and sweeps, and named by the checksum of that tree.
public enum DatasetSource: Sendable, Hashable {
    case recipe(DatasetRecipe)
    case synthetic(SyntheticDataset)

    public var name: String {
        switch self {
        case .recipe(let r): return r.name
        case .synthetic(let s): return s.name
        }
    }

    public var summary: String {
        switch self {
        case .recipe(let r): return r.summary
        case .synthetic(let s): return s.summary
        }
    }

    /// Files read, relative to the base directory (none for generated data).
    public var files: [String] {
        guard case .recipe(let r) = self else { return [] }
        return r.files.all
    }

    /// Whether the target is a number: regression datasets report `mse`, others `error_rate`.
    public var isRegression: Bool {
        switch self {
        case .recipe(let r): return r.isRegression
        case .synthetic(let s): return s.kind == .regression
        }
    }

    /// The canonical tree: a recipe's fields, or `{name, generator: {...}}`.
    public var tree: SettingValue {
        switch self {
        case .recipe(let r): return r.tree
        case .synthetic(let s): return s.tree
        }
    }

    /// A one-line description for provenance records.
    public var provenance: String {
        switch self {
        case .recipe(let r): return r.provenance
        case .synthetic(let s): return s.provenance
        }
    }

    /// SHA-256 of the canonical tree's JSON: the dataset definition's identity.
    public var checksum: String { SHA256Digest.hex(of: tree.canonicalJSON) }

    /// Reads a recipe or a generator from a tree (a generator has a `generator:` field).
    public static func read(_ tree: SettingValue, at path: String) throws(SettingsError) -> DatasetSource {
        if tree.mapValue?["generator"] != nil { return .synthetic(try SyntheticDataset.read(tree, at: path)) }
        return .recipe(try DatasetRecipe.read(tree, at: path))
    }

    /// Reads a recipe or generator file's YAML text.
    public static func read(yaml: String) throws(SettingsError) -> DatasetSource {
        try read(try SettingValue.parse(yaml: yaml), at: "")
    }

    /// The dataset, with a one-line provenance and the preprocessing fitted on its training
    /// rows. File paths resolve against `baseDirectory`.
    public func load(baseDirectory: String) throws(DataError) -> DatasetCatalog.Loaded {
        switch self {
        case .recipe(let recipe):
            let prepared = try recipe.loadPrepared(baseDirectory: baseDirectory)
            return DatasetCatalog.Loaded(dataset: prepared.dataset, provenance: recipe.provenance + " from \(baseDirectory)",
                                         source: self, preprocessing: prepared.preprocessing)
        case .synthetic(let synthetic):
            let prepared = synthetic.generatePrepared()
            return DatasetCatalog.Loaded(dataset: prepared.dataset, provenance: synthetic.provenance, source: self,
                                         preprocessing: prepared.preprocessing)
        }
    }
}
