import FrontierML

/// R-avg, robustness as similarity-weighted average difference (POE, Table 2f), per row:
///
///     R-avg = (1/N) sum_{n, n'} S_nn' || w_n - w_n' ||_2^2
///
/// over all ordered pairs of explained rows, S uniform or a Gaussian kernel of the rows'
/// distance (`RobustnessSettings`). Lower is better: similar rows get similar explanations.
/// Needs no model evaluations.
public struct AverageRobustness: PropertyMetric {
    public static let name = "r_avg"
    public static let summary = "similarity-weighted sum of squared differences between the rows' attributions, per row"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "squared attribution"
    public let settings: RobustnessSettings

    public init(validated settings: RobustnessSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let n = input.rows.rows
        return n > 0 ? settings.weightedSquaredDifferences(input).reduce(0, +) / Double(n) : 0
    }
}
