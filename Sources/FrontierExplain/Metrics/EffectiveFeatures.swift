import Foundation
import FrontierML

/// Complexity as the effective number of features: the exponential of the entropy of each
/// row's attribution shares (Bhatt et al., 2020, whose complexity is that entropy), per row:
///
///     p_nd = |w_nd| / || w_n ||_1,   E = (1/N) sum_n exp( - sum_d p_nd log p_nd )
///
/// 1 when one feature carries everything, D when all carry the same; a row of zeros
/// counts 0 (it uses no feature). Lower is better. Needs no model evaluations.
public struct EffectiveFeatures: PropertyMetric {
    public static let name = "effective_features"
    public static let summary = "mean exponential of the entropy of the rows' attribution shares"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "features"
    public let settings: NoSettings

    public init(validated settings: NoSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let w = input.attributions.values
        guard w.rows > 0 else { return 0 }
        var total = 0.0
        for r in 0..<w.rows {
            let l1 = w.row(r).reduce(0.0) { $0 + abs(Double($1)) }
            guard l1 > 0 else { continue }
            var entropy = 0.0
            for v in w.row(r) where v != 0 {
                let p = abs(Double(v)) / l1
                entropy -= p * log(p)
            }
            total += exp(entropy)
        }
        return total / Double(w.rows)
    }
}
