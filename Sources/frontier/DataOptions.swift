import ArgumentParser
import Foundation
import FrontierData
import FrontierML

/// `--data-dir`, shared by every command that reads datasets.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: "Directory holding the dataset files (default: $FRONTIER_DATA, else ../shared/datasets).")
    var dataDirectory: String?

    /// A loaded dataset with a one-line description of its recipe.
    struct Loaded: Sendable {
        var dataset: Dataset
        var description: String
    }

    /// Loads a built-in dataset by name; errors name the file, line and column.
    func load(_ name: String, seed: UInt64) throws -> Loaded {
        fatalError("pending FrontierData API")
    }
}
