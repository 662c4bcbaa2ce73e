import FrontierML

/// Complexity as sparsity (POE, Table 2i), per row:
///
///     C = (1/N) sum_n || w_n ||_1
///
/// Lower is better. Needs no model evaluations.
public struct ComplexityL1: PropertyMetric {
    public static let name = "complexity_l1"
    public static let summary = "mean L1 norm of the rows' attributions"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "attribution"
    public let settings: NoSettings

    public init(validated settings: NoSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let w = input.attributions.values
        guard w.rows > 0 else { return 0 }
        return w.scalars.reduce(0.0) { $0 + abs(Double($1)) } / Double(w.rows)
    }
}
