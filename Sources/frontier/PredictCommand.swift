import ArgumentParser
import Foundation
import FrontierData
import FrontierML
import FrontierModels

/// `frontier predict`: a saved model's predictions for raw rows.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Score raw rows with a saved model: f's prediction for each row of a CSV file.",
        discussion: """
        The CSV file has a header naming the recipe's columns (any order; the target and other \
        columns are ignored) and holds the values as the dataset's files write them: the model's \
        fitted preprocessing turns them into features exactly as the training rows were. A bad value \
        is an error naming its line and column.

        Examples:
          frontier train --dataset adult --method stl --save-model models/adult-stl
          frontier predict --model models/adult-stl --csv people.csv
          frontier predict --model models/adult-stl --csv people.csv --json | jq '.rows[0]'
        """)

    @OptionGroup var model: ModelOptions

    @Option(help: ArgumentHelp("Raw rows to score (CSV with a header).", valueName: "file"))
    var csv: String

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    /// One row's prediction.
    struct Row: Encodable {
        var line: Int
        /// The predicted class label, or the value in the target's units.
        var prediction: String
        /// Classification: each class's probability, by label.
        var probabilities: [String: Double]?
        /// Regression: the prediction in the target's units, and as the model outputs it (standardised).
        var value: Double?
        var standardisedValue: Double?
    }

    struct Output: Encodable {
        var model: ModelReference
        var rows: [Row]
    }

    func validate() throws {
        guard model.model != nil else { throw ValidationError("--model DIR is required") }
    }

    func run() throws {
        guard let (saved, reference) = try model.load() else { return }
        let (table, x) = try saved.metadata.preprocessing.commandLineFeatures(csv: csv)
        let outputs = OutputLink.apply(saved.f(x), task: saved.metadata.task)
        let rows = (0..<x.rows).map { r in Self.row(line: table.lineNumbers[r], outputs: Array(outputs.row(r)), model: saved) }
        if json {
            print(try JSONOutput.string(Output(model: reference, rows: rows)))
            return
        }
        let labelWidth = max(10, rows.map(\.prediction.count).max() ?? 0)
        print("line  " + "prediction".padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  detail")
        for row in rows {
            let detail = row.probabilities.map { p in
                p.sorted { $0.value > $1.value }.prefix(3).map { String(format: "P(%@) %.3f", $0.key, $0.value) }.joined(separator: "  ")
            } ?? row.standardisedValue.map { String(format: "standardised %.4f", $0) } ?? ""
            print(String(row.line).padding(toLength: 6, withPad: " ", startingAt: 0)
                  + row.prediction.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + detail)
        }
    }

    /// The prediction of one row's outputs (on the output scale).
    static func row(line: Int, outputs: [Float], model: SavedModel) -> Row {
        let target = model.metadata.preprocessing.target
        switch model.metadata.task {
        case .regression:
            let value = target.unstandardise(Double(outputs[0]))
            return Row(line: line, prediction: String(format: "%.6g", value), value: value, standardisedValue: Double(outputs[0]))
        case .binaryClassification, .multiclass:
            let probabilities = outputs.count == 1 ? [1 - Double(outputs[0]), Double(outputs[0])] : outputs.map(Double.init)
            let labels = model.metadata.classLabels ?? probabilities.indices.map(String.init)
            let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
            return Row(line: line, prediction: labels[best],
                       probabilities: Dictionary(uniqueKeysWithValues: zip(labels, probabilities)))
        }
    }
}
