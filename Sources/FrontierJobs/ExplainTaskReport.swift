import Foundation
import FrontierExplain
import FrontierML
import FrontierModels
import FrontierSettings

/// What one `explain` task measured: the explainer with the settings it ran with, the model it
/// explained (by id and checksum, with its cache key), the property metrics and the cost.
struct ExplainTaskReport: TaskReportJSON {
    var job = "explain"
    var label: String
    var explainer: String
    /// The explainer's settings with the swept values laid over, every default filled in.
    var settings: SettingValue
    var parameters: [String: Double]
    var model: ModelReference
    /// Whether this task trained the model (else it was read from the worker's model cache).
    var trainedModel: Bool
    var rows: Int
    var metrics: [String: Double]
    var objectives: [String: Double]
    var cost: ExplanationCost
    /// The cost against its floor: model and gradient evaluations per row, and the time inside the model.
    var modelEvaluationsPerExplanation: Double
    var gradientEvaluationsPerExplanation: Double

    /// Explains `rows` and measures the job's metrics (agreement against the reference explainer's attributions).
    static func measure(_ explainer: any Explainer, job: ExplainJobSettings, model saved: SavedModel, reference: ModelReference,
                        trained: Bool, rows: Matrix, seed: UInt64, parameters: [String: Double]) throws -> ExplainTaskReport {
        let network = try saved.explainableModel()
        let context = try saved.explanationContext()
        let root = SeededGenerator(seed: seed)
        var generator = root.derived("explain")
        let explanation = try explainer.explain(rows, model: network, context: context, output: job.output, generator: &generator)
        guard let attributions = explanation.attributions.first else { throw ExplainError("the explainer returned no attributions") }
        var referenceAttributions: Attributions?
        if let name = job.reference, job.metrics.contains(where: { (try? PropertyMetrics.registry.make($0)).map { type(of: $0).needsReference } ?? false }) {
            var draws = root.derived("reference")
            referenceAttributions = try Explainers.registry.make(name)
                .explain(rows, model: network, context: context, output: job.output, generator: &draws).attributions.first
        }
        var metrics: [String: Double] = [:]
        for name in job.metrics {
            var draws = root.derived("metric-\(name)")
            let metric = try PropertyMetrics.registry.make(name, settings: job.metricSettings[name] ?? .null)
            metrics[name] = try metric.measure(MetricInput(rows: rows, attributions: attributions, reference: referenceAttributions),
                                               model: network, context: context, generator: &draws).value
        }
        let cost = explanation.cost
        var objectives = metrics.filter { $0.value.isFinite }
        objectives[ExplainJobKind.costObjective] = cost.millisecondsPerRow
        let n = Double(max(1, cost.rows))
        return ExplainTaskReport(label: job.label, explainer: job.explainer, settings: explainer.settings.tree,
                                 parameters: parameters, model: reference, trainedModel: trained, rows: rows.rows, metrics: metrics,
                                 objectives: objectives, cost: cost,
                                 modelEvaluationsPerExplanation: Double(cost.usage.modelEvaluations) / n,
                                 gradientEvaluationsPerExplanation: Double(cost.usage.gradientEvaluations) / n)
    }
}
