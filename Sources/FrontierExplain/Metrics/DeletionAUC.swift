import FrontierML

/// Deletion AUC: the area under the explained output as the most important features are
/// replaced by the baseline, one step at a time (`AttributionCurve`). Lower is better: a
/// faithful ranking removes what holds the output up first.
public struct DeletionAUC: PropertyMetric {
    public static let name = "deletion_auc"
    public static let summary = "area under the output as features are deleted in attribution order"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "output"
    public let settings: AttributionCurveSettings

    public init(validated settings: AttributionCurveSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        try AttributionCurve.meanArea(input, direction: .deletion, settings: settings, plugin: Self.name,
                                      model: &model, context: context)
    }
}
