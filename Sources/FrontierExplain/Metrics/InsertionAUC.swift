import FrontierML

/// Insertion AUC: the area under the explained output as the most important features are
/// put back into the baseline, one step at a time (`AttributionCurve`). Higher is better:
/// a faithful ranking restores the output first.
public struct InsertionAUC: PropertyMetric {
    public static let name = "insertion_auc"
    public static let summary = "area under the output as features are inserted into the baseline in attribution order"
    public static let direction = MetricDirection.higherIsBetter
    public static let unit = "output"
    public let settings: AttributionCurveSettings

    public init(validated settings: AttributionCurveSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        try AttributionCurve.meanArea(input, direction: .insertion, settings: settings, plugin: Self.name,
                                      model: &model, context: context)
    }
}
