import ArgumentParser
import FrontierData
import FrontierML
import FrontierModels

/// `--model DIR`: a saved model directory (`frontier train --save-model`).
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A model directory written by `frontier train --save-model` (or a worker's model cache).",
                               valueName: "dir"))
    var model: String?

    /// The verified model; an unreadable, tampered or other-version file is an error naming the file.
    func load() throws -> (model: SavedModel, reference: ModelReference)? {
        guard let model else { return nil }
        do { return try SavedModel.read(from: model) } catch { throw RuntimeFailure("\(error)") }
    }
}

extension FittedPreprocessing {
    /// The feature rows of a CSV file of raw rows, errors as the command line prints them.
    func commandLineFeatures(csv path: String) throws -> (table: DelimitedTable, features: Matrix) {
        do { return try features(csv: path) } catch { throw RuntimeFailure("\(error)") }
    }
}
