import ArgumentParser
import Foundation
import FrontierData
import FrontierML

/// `--data-dir`, shared by every command that reads datasets.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: "Directory holding the dataset files (default: $FRONTIER_DATA, else ../shared/datasets).")
    var dataDirectory: String?

    /// The directory datasets are read from.
    var resolvedDirectory: String { DatasetCatalog.dataDirectory(explicit: dataDirectory) }

    /// Loads a dataset by name; errors name the file, line and column.
    func load(_ name: String) throws -> DatasetCatalog.Loaded {
        do {
            return try DatasetCatalog.load(name, dataDirectory: resolvedDirectory)
        } catch {
            throw ValidationError("dataset \(name): \(error)")
        }
    }
}
