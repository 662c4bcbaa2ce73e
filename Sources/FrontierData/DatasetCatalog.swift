import Foundation
import FrontierML

/// Every dataset Frontier knows by name: the paper's file-backed recipes and the
/// built-in synthetic datasets.
public enum DatasetCatalog {
    /// A dataset by name, before loading.
    public enum Entry: Sendable {
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

        /// Files read, relative to the data directory (none for synthetic data).
        public var files: [String] {
            if case .recipe(let r) = self { return r.files }
            return []
        }
    }

    /// A loaded dataset with the one-line description of where it came from.
    public struct Loaded: Sendable {
        public var dataset: Dataset
        public var provenance: String
    }

    public static let entries: [Entry] =
        DatasetRecipe.builtIn.map { .recipe($0) }
        + SyntheticDataset.Kind.allCases.map { .synthetic(SyntheticDataset(kind: $0)) }

    public static var names: [String] { entries.map(\.name) }

    public static func entry(named name: String) throws(DataError) -> Entry {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw DataError(file: name, message: "unknown dataset; known datasets: \(names.joined(separator: ", "))")
        }
        return entry
    }

    /// The data directory: `explicit` (from `--data-dir`), else `$FRONTIER_DATA`, else `../shared/datasets`.
    public static func dataDirectory(explicit: String?,
                                     environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["FRONTIER_DATA"], !env.isEmpty { return env }
        return "../shared/datasets"
    }

    /// Loads a dataset by name; file-backed ones are read from `dataDirectory`.
    public static func load(_ name: String, dataDirectory: String) throws(DataError) -> Loaded {
        switch try entry(named: name) {
        case .recipe(let recipe):
            return Loaded(dataset: try recipe.load(dataDirectory: dataDirectory),
                          provenance: recipe.provenance + " from \(dataDirectory)")
        case .synthetic(let synthetic):
            return Loaded(dataset: synthetic.generate(), provenance: synthetic.provenance)
        }
    }
}
