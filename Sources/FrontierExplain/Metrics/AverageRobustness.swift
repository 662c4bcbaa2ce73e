import FrontierML
import FrontierSolvers

/// R-avg, robustness as similarity-weighted average difference (POE, Table 2f):
///
///     R-avg = sum_{n, n'} S_nn' || w_n - w_n' ||_2^2
///
/// over all ordered pairs of explained rows, with S uniform, a Gaussian kernel of the rows'
/// distance, or that kernel's negated precision (`RobustnessSettings`). Lower is better:
/// similar rows get similar explanations. Needs no model evaluations.
public struct AverageRobustness: PropertyMetric {
    public static let name = "r_avg"
    public static let summary = "similarity-weighted sum of squared differences between the rows' attributions"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "squared attribution"
    public let settings: RobustnessSettings

    public init(validated settings: RobustnessSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let w = DenseMatrix(input.attributions.values)
        if settings.similarity == .uniform { return PropertyLosses.averageRobustnessUniform(w) }
        return PropertyLosses.averageRobustness(w, similarity: try settings.matrix(DenseMatrix(input.rows)))
    }
}
