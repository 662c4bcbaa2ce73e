import FrontierML

/// R-max, robustness as maximum difference (POE, Table 2g), per row:
///
///     R-max = (1/N) sum_n max_n' S_nn' || w_n - w_n' ||_2^2
///
/// With uniform S (the default) this is Table 2g exactly; a Gaussian S restricts the
/// maximum to nearby rows, as max-sensitivity (Yeh et al., 2019) does with its radius.
/// Lower is better. Needs no model evaluations.
public struct MaximumRobustness: PropertyMetric {
    public static let name = "r_max"
    public static let summary = "mean over rows of the largest similarity-weighted squared difference to another row's attributions"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "squared attribution"
    public let settings: RobustnessSettings

    public init(validated settings: RobustnessSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let n = input.rows.rows
        guard n > 0 else { return 0 }
        let differences = settings.weightedSquaredDifferences(input)
        let largest = (0..<n).map { a in differences[(a * n)..<((a + 1) * n)].max()! }
        return largest.reduce(0, +) / Double(n)
    }
}
