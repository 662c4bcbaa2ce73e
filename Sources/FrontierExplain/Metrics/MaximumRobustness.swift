import FrontierML
import FrontierSolvers

/// R-max, robustness as maximum difference (POE, Table 2g):
///
///     R-max = sum_n max_n' S_nn' || w_n - w_n' ||_2^2
///
/// With uniform S (the default) this is Table 2g exactly; a Gaussian S restricts the
/// maximum to nearby rows, as max-sensitivity (Yeh et al., 2019) does with its radius.
/// A precision similarity (weights of both signs) is refused. Lower is better. Needs no
/// model evaluations.
public struct MaximumRobustness: PropertyMetric {
    public static let name = "r_max"
    public static let summary = "sum over rows of the largest similarity-weighted squared difference to another row's attributions"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "squared attribution"
    public let settings: RobustnessSettings

    public init(validated settings: RobustnessSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let w = DenseMatrix(input.attributions.values)
        switch settings.similarity {
        case .uniform: return PropertyLosses.maximumRobustness(w, similarity: nil)
        case .gaussian: return PropertyLosses.maximumRobustness(w, similarity: try settings.matrix(DenseMatrix(input.rows)))
        case .gaussianPrecision:
            throw ExplainError(plugin: Self.name, field: "similarity", "a maximum needs non-negative similarities (uniform or gaussian)")
        }
    }
}
