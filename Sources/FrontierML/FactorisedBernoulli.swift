import Foundation

/// A factorised (multivariate) Bernoulli distribution over binary vectors, one independent
/// coin per coordinate, parameterised by logits: `P(m_g = 1) = sigmoid(z_g)`.
///
/// Every quantity is computed from the logits in a form that neither overflows nor loses
/// the tails (`log sigmoid(z) = z - softplus(z)`), in double precision, because policy
/// ratios are exponentials of differences of these sums.
public enum FactorisedBernoulli {
    /// `log(1 + exp(z))` without overflow.
    @inlinable
    public static func softplus(_ z: Double) -> Double {
        max(z, 0) + Foundation.log1p(Foundation.exp(-abs(z)))
    }

    /// `log P(m | z) = sum_g m_g z_g - softplus(z_g)` for a binary `sample` (0 or 1 entries).
    public static func logProbability(of sample: ArraySlice<Float>, logits: ArraySlice<Float>) -> Double {
        precondition(sample.count == logits.count, "one logit per coordinate")
        var total = 0.0
        for (m, z) in zip(sample, logits) {
            let z = Double(z)
            total += Double(m) * z - softplus(z)
        }
        return total
    }

    /// The entropy `sum_g softplus(z_g) - sigmoid(z_g) z_g`, in nats.
    public static func entropy(logits: ArraySlice<Float>) -> Double {
        var total = 0.0
        for z in logits {
            let z = Double(z)
            total += softplus(z) - sigmoid(z) * z
        }
        return total
    }

    /// `KL(P_old || P_new)`, summed over the coordinates:
    /// `sum_g p_g (log p_g - log q_g) + (1 - p_g)(log(1 - p_g) - log(1 - q_g))`.
    public static func klDivergence(from old: ArraySlice<Float>, to new: ArraySlice<Float>) -> Double {
        precondition(old.count == new.count, "one logit per coordinate on both sides")
        var total = 0.0
        for (a, b) in zip(old, new) {
            let a = Double(a), b = Double(b)
            let p = sigmoid(a)
            // log p - log q = (a - softplus(a)) - (b - softplus(b)); log(1-p) - log(1-q) = softplus(b) - softplus(a).
            let spa = softplus(a), spb = softplus(b)
            total += p * ((a - spa) - (b - spb)) + (1 - p) * (spb - spa)
        }
        return total
    }

    /// Draws one binary vector: coordinate g is 1 when a uniform draw falls below
    /// `sigmoid(z_g)` (one draw per coordinate, in order, so a seed fixes the sample).
    public static func sample(logits: ArraySlice<Float>, into sample: inout ArraySlice<Float>,
                              generator: inout SeededGenerator) {
        precondition(sample.count == logits.count, "one logit per coordinate")
        for (i, z) in zip(sample.indices, logits) {
            sample[i] = generator.nextUniform() < sigmoid(Double(z)) ? 1 : 0
        }
    }

    /// The logistic function in double precision.
    @inlinable
    public static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + Foundation.exp(-z)) }
        let e = Foundation.exp(z)
        return e / (1 + e)
    }
}
