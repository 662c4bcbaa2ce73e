import ArgumentParser
import Foundation
import FrontierData
import FrontierML

/// `--data-dir`, shared by every command that reads datasets.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"),
            help: "Directory holding the shipped recipes' files (default: $FRONTIER_DATA, else ../shared/datasets).")
    var dataDirectory: String?

    /// The directory the shipped recipes' files are read from.
    var resolvedDirectory: String { DatasetCatalog.dataDirectory(explicit: dataDirectory) }

    /// A shipped dataset by name, or a recipe file (whose paths resolve against its own folder).
    func source(name: String?, recipe: String?) throws -> (source: DatasetSource, baseDirectory: String) {
        switch (name, recipe) {
        case (.some, .some): throw ValidationError("give a dataset name or --recipe FILE, not both")
        case (nil, .some(let file)):
            do { return try DatasetCatalog.recipe(file: file) } catch { throw RuntimeFailure("\(error)") }
        case (.some(let name), nil):
            do { return (try DatasetCatalog.entry(named: name), resolvedDirectory) } catch {
                throw ValidationError("\(error)")
            }
        case (nil, nil): throw ValidationError("name a dataset (see `frontier datasets`) or give --recipe FILE")
        }
    }

    /// Loads a shipped dataset by name or a recipe file; errors name the file, line and column.
    func load(name: String?, recipe: String? = nil) throws -> DatasetCatalog.Loaded {
        let (source, base) = try self.source(name: name, recipe: recipe)
        do { return try source.load(baseDirectory: base) } catch {
            throw RuntimeFailure("dataset \(source.name): \(error)")
        }
    }
}
