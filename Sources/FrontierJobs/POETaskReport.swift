import Foundation
import FrontierExplain
import FrontierML
import FrontierModels
import FrontierSettings

/// What one `poe` task measured: POE's settings with the swept lambdas, the model it explained,
/// Table 2's losses of the explanation and the cost.
struct POETaskReport: TaskReportJSON {
    var job = "poe"
    var label: String
    /// POE's settings with the swept values laid over, every default filled in.
    var settings: SettingValue
    var parameters: [String: Double]
    var model: ModelReference
    /// Whether this task trained the model (else it was read from the worker's model cache).
    var trainedModel: Bool
    var rows: Int
    /// Table 2's losses of the explanation, as sums over the rows, under the job's similarities.
    var losses: [String: Double]
    /// The weighted objective `sum_i lambda_i L_i` POE minimised.
    var objective: Double
    var objectives: [String: Double]
    var cost: ExplanationCost
    var gradientEvaluationsPerExplanation: Double

    /// Every loss of Table 2, by its property metric's name.
    static let lossNames = PropertyValues.CodingKeys.allCases.map(\.stringValue)

    /// Explains `rows` with `poe` (timed as the explainer's run) and measures Table 2's losses
    /// of the result on a transductive problem with f's values (so F-func is measured even when
    /// not weighed). R-max is left at 0 under the Gaussian-precision similarity, whose weights
    /// have both signs.
    static func measure(_ poe: POEExplainer, job: POEJobSettings, model saved: SavedModel, reference: ModelReference,
                        trained: Bool, rows: Matrix, seed: UInt64, parameters: [String: Double]) throws -> POETaskReport {
        let network = try saved.explainableModel()
        let context = try saved.explanationContext()
        var generator = SeededGenerator(seed: seed).derived("explain")
        let explanation = try poe.explain(rows, model: network, context: context, output: job.explained.output, generator: &generator)
        guard let attributions = explanation.attributions.first else { throw ExplainError("poe returned no attributions") }
        var metered = MeteredModel(network)
        let values = try poe.settings.objective.losses(of: attributions, rows: rows, model: &metered)
        let losses = Dictionary(uniqueKeysWithValues: values.named.map { ($0.key, $0.value) })
        var objectives = losses.filter { $0.value.isFinite }
        objectives[ExplainJobKind.costObjective] = explanation.cost.millisecondsPerRow
        let n = Double(max(1, explanation.cost.rows))
        return POETaskReport(label: job.label, settings: poe.settings.tree, parameters: parameters, model: reference,
                             trainedModel: trained, rows: rows.rows, losses: losses, objective: poe.settings.objective.weights.total(values),
                             objectives: objectives, cost: explanation.cost,
                             gradientEvaluationsPerExplanation: Double(explanation.cost.usage.gradientEvaluations) / n)
    }
}
