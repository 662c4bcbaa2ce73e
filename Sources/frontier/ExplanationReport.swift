import Foundation
import FrontierExplain
import FrontierML
import FrontierModels
import FrontierSettings

/// What `frontier explain` reports (`--json`, snake_case keys; `--out` writes its rows as CSV):
/// the explainer and its settings, the model, every explained row's attributions with the
/// output it explains, f's value there and the base value, property metrics when asked for,
/// and the cost, per explanation, against the evaluation floor.
struct ExplanationReport: Encodable {
    struct Model: Encodable {
        var id: String?
        var checksum: String?
        var method: String
        var dataset: String
        var seed: UInt64
    }

    struct Row: Encodable {
        /// Where the row came from (`rows.csv:3`, `adult.test:12`).
        var row: String
        var output: Int
        /// The explained output's name: a class label (`P(>50K)`), `value` or `logit`.
        var outputLabel: String
        /// f's explained output at the row.
        var prediction: Double
        var baseValue: Double?
        /// One per feature, in `feature_names` order.
        var attributions: [Double]
    }

    struct Cost: Encodable {
        var rows: Int
        var wallSeconds: Double
        var msPerExplanation: Double
        var modelEvaluations: Int
        var gradientEvaluations: Int
        var modelEvaluationsPerExplanation: Double
        var modelSeconds: Double
        var residentBytesAtStart: Int?
        var peakResidentBytes: Int?
        /// Peak minus the resident set at the start (an upper bound; see ExplanationCost).
        var explanationBytes: Int?

        init(_ cost: ExplanationCost) {
            rows = cost.rows
            wallSeconds = cost.wallSeconds
            msPerExplanation = cost.millisecondsPerRow
            modelEvaluations = cost.usage.modelEvaluations
            gradientEvaluations = cost.usage.gradientEvaluations
            modelEvaluationsPerExplanation = cost.rows > 0 ? Double(cost.usage.modelEvaluations) / Double(cost.rows) : 0
            modelSeconds = cost.usage.modelSeconds
            residentBytesAtStart = cost.residentBytesAtStart
            peakResidentBytes = cost.peakResidentBytes
            explanationBytes = cost.explanationBytes
        }
    }

    var explainer: String
    var settings: SettingValue
    var kind: AttributionKind
    /// `output` (probabilities, values) or `raw` (logits).
    var scale: NetworkModel.Scale
    var model: Model
    var featureNames: [String]
    var rows: [Row]
    var metrics: [String: Double]?
    /// POE's lambdas, losses and objective (`--explainer poe` only).
    var poe: POELossReport?
    var cost: Cost

    /// The attributions as CSV: one line per explained row and output.
    var csv: String {
        var lines = [(["row", "output", "output_label", "prediction", "base_value"] + featureNames).map(Self.field).joined(separator: ",")]
        for r in rows {
            let fields = [r.row, String(r.output), r.outputLabel, Self.number(r.prediction), r.baseValue.map(Self.number) ?? ""]
                + r.attributions.map(Self.number)
            lines.append(fields.map(Self.field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ v: Double) -> String { String(format: "%.9g", v) }

    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// The name of output `k` of a model: `P(label)` for classification on the output scale,
    /// `logit(label)` on the raw scale, `value` for regression.
    static func outputLabel(_ k: Int, task: PredictionTask, classLabels: [String]?, scale: NetworkModel.Scale) -> String {
        switch task {
        case .regression: return "value"
        case .binaryClassification:
            let positive = classLabels?.last ?? "1"
            return scale == .raw ? "logit(\(positive))" : "P(\(positive))"
        case .multiclass:
            let label = classLabels.flatMap { k < $0.count ? $0[k] : nil } ?? String(k)
            return scale == .raw ? "logit(\(label))" : "P(\(label))"
        }
    }
}
