import FrontierML
import FrontierSolvers

/// Complexity as sparsity (POE, Table 2i):
///
///     C = sum_n || w_n ||_1
///
/// Lower is better. Needs no model evaluations.
public struct ComplexityL1: PropertyMetric {
    public static let name = "complexity_l1"
    public static let summary = "sum of the L1 norms of the rows' attributions"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "attribution"
    public let settings: NoSettings

    public init(validated settings: NoSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        PropertyLosses.complexity(DenseMatrix(input.attributions.values))
    }
}
