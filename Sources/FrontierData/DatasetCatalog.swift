import Foundation
import FrontierML
import FrontierSettings

/// Every dataset Frontier knows by name: the recipes it ships (the MTL paper's five
/// and the image datasets, from `cluster/recipes/`) and the built-in synthetic
/// datasets; and recipe files a user names by path.
public enum DatasetCatalog {
    /// A loaded dataset with the one-line description of where it came from.
    public struct Loaded: Sendable {
        public var dataset: Dataset
        public var provenance: String
        /// The definition it was loaded from.
        public var source: DatasetSource
        /// The preprocessing fitted on the training rows (identity for generated data).
        public var preprocessing: FittedPreprocessing
    }

    /// The shipped datasets, in listing order.
    public static let entries: [DatasetSource] =
        DatasetRecipe.builtIn.map { .recipe($0) } + SyntheticDataset.Kind.allCases.map { .synthetic(SyntheticDataset(kind: $0)) }

    public static var names: [String] { entries.map(\.name) }

    /// A shipped dataset by name.
    public static func entry(named name: String) throws(DataError) -> DatasetSource {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw DataError(file: name, message: "unknown dataset; known datasets: \(names.joined(separator: ", ")) "
                            + "(or give a recipe file: --recipe FILE)")
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

    /// Loads a shipped dataset by name; file-backed ones are read from `dataDirectory`.
    public static func load(_ name: String, dataDirectory: String) throws(DataError) -> Loaded {
        try entry(named: name).load(baseDirectory: dataDirectory)
    }

    /// A recipe (or generator) file and the directory its relative paths resolve against (its own).
    public static func recipe(file path: String) throws(DataError) -> (source: DatasetSource, baseDirectory: String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "file not found")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw DataError(file: path, message: "is not UTF-8 text") }
        do {
            return (try DatasetSource.read(yaml: text), URL(fileURLWithPath: path).deletingLastPathComponent().path)
        } catch {
            throw DataError(file: path, message: error.description)
        }
    }
}
