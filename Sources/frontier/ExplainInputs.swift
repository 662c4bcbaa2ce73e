import ArgumentParser
import Foundation
import FrontierData
import FrontierJobs
import FrontierML
import FrontierMethods
import FrontierModels
import FrontierSettings

/// The rows an explanation is about: feature values, and how to name each row.
struct ExplainedRows {
    var features: Matrix
    /// Per row, where it came from (`rows.csv:12`, `adult.test:5`).
    var names: [String]
    /// Per row, the raw text of each column the model reads (for the plots' `value = feature` labels).
    var raw: [[String: String]]
}

/// How `frontier explain` gets its model: a model directory, or a dataset it trains on first.
struct ModelSource {
    var model: SavedModel
    var reference: ModelReference?
    /// The prepared dataset when the model was trained here (its test rows are explained by `--rows`).
    var prepared: PreparedDataset?

    /// Trains `run` on `loaded` and builds the model file (written to `saveTo` when given).
    static func train(_ run: MethodRun, on loaded: DatasetCatalog.Loaded, saveTo: String?, quiet: Bool) throws -> ModelSource {
        let progress = ProgressDisplay(label: "\(loaded.dataset.name) \(run.method.name)", quiet: quiet)
        let (report, trained) = try run.runKeepingModel(on: loaded.dataset) { progress.epoch($0); return .proceed }
        progress.finish(String(format: "%d epochs (best %d), %.1f s", report.timings.epochs, report.timings.bestEpoch,
                               report.timings.trainingSeconds))
        let prepared = PreparedDataset(dataset: loaded.dataset, preprocessing: loaded.preprocessing)
        let model = try ModelFiles.savedModel(trained, report: report, prepared: prepared, source: loaded.source)
        let reference = try saveTo.map { directory throws in try model.write(to: directory) }
        return ModelSource(model: model, reference: reference, prepared: prepared)
    }

    /// The first `count` test rows of the model's dataset: the prepared split when it was
    /// trained here, else the recipe's test rows read from `dataDirectory` and encoded with
    /// the model's own fitted preprocessing.
    func testRows(_ count: Int, dataDirectory: String) throws -> ExplainedRows {
        let preprocessing = model.metadata.preprocessing
        let table: DelimitedTable
        let source: DatasetSource
        do { source = try DatasetSource.read(model.metadata.dataset.recipe, at: "dataset.recipe") } catch {
            throw RuntimeFailure("the model's dataset recipe cannot be read: \(error)")
        }
        switch source {
        case .recipe(let recipe):
            do { table = try recipe.testTable(try recipe.readTables(baseDirectory: dataDirectory)) } catch {
                throw RuntimeFailure("the model's test rows (dataset \(recipe.name), from \(dataDirectory)): \(error)")
            }
        case .synthetic(let synthetic):
            let generated = synthetic.generate()
            let test = generated.test.features, names = generated.featureNames
            table = DelimitedTable(source: synthetic.name, columnNames: names,
                                   rows: (0..<test.rows).map { r in test.row(r).map { "\($0)" } },
                                   lineNumbers: Array(1...max(1, test.rows)).prefix(test.rows).map { $0 })
        }
        let kept = Self.prefix(table, count)
        let features: Matrix
        if let prepared, prepared.dataset.test.count == table.rows.count {
            features = prepared.dataset.test.features.gatherRows(0..<kept.rows.count)
        } else {
            do { features = try preprocessing.features(of: kept) } catch { throw RuntimeFailure("\(error)") }
        }
        let isSynthetic = if case .synthetic = source { true } else { false }
        return ExplainedRows(features: features,
                             names: kept.lineNumbers.map { isSynthetic ? "\(kept.source) test row \($0)" : "\(kept.source):\($0)" },
                             raw: Self.rawValues(kept, columns: preprocessing.requiredColumns))
    }

    /// The rows of a CSV file of raw rows.
    func csvRows(_ path: String) throws -> ExplainedRows {
        let preprocessing = model.metadata.preprocessing
        let (table, features) = try preprocessing.commandLineFeatures(csv: path)
        return ExplainedRows(features: features, names: table.lineNumbers.map { "\(table.source):\($0)" },
                             raw: Self.rawValues(table, columns: preprocessing.requiredColumns))
    }

    static func prefix(_ table: DelimitedTable, _ count: Int) -> DelimitedTable {
        var kept = table
        kept.rows = Array(table.rows.prefix(count))
        kept.lineNumbers = Array(table.lineNumbers.prefix(count))
        return kept
    }

    static func rawValues(_ table: DelimitedTable, columns: [String]) -> [[String: String]] {
        let positions = columns.compactMap { name in table.columnNames.firstIndex(of: name).map { (name, $0) } }
        return table.rows.map { row in Dictionary(uniqueKeysWithValues: positions.map { ($0.0, row[$0.1]) }) }
    }
}
