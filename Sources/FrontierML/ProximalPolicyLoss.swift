import Foundation

/// The loss PPO minimises (Schulman et al., 2017) for a policy whose action is a binary
/// vector drawn from a factorised Bernoulli distribution over the policy's logits:
///
///     L = -mean_s min(r_s A_s, clip(r_s, 1 - eps, 1 + eps) A_s)    (clipped surrogate)
///         - entropyCoefficient * mean_n H(q_n)                      (entropy bonus)
///         + klCoefficient * mean_n KL(q_old,n || q_n)               (penalty toward the old policy)
///
/// where `r_s = q(m_s) / q_old(m_s)` is the probability ratio of sample s under the
/// current and the behaviour (old) logits of its row, and `A_s` its advantage. Each row
/// (state) carries `samplesPerRow` sampled actions.
///
/// The gradient with respect to the logits has a closed form, so a network producing the
/// logits back-propagates it with its ordinary backward pass:
///
/// - surrogate: `d log q(m) / dz_g = m_g - sigmoid(z_g)`, so a sample whose unclipped term
///   is the minimum (`A > 0` and `r < 1 + eps`, or `A < 0` and `r > 1 - eps`) contributes
///   `-r A (m - sigmoid(z)) / S`; a clipped one contributes nothing;
/// - entropy: `dH / dz_g = -sigmoid(z_g)(1 - sigmoid(z_g)) z_g`;
/// - KL: `dKL / dz_g = sigmoid(z_g) - sigmoid(z_old,g)`.
///
/// It knows nothing of what the actions mean.
public struct ProximalPolicyLoss: Sendable {
    /// eps: how far the probability ratio may move before its gradient is cut.
    public var clipRange: Double
    /// Weight of the entropy bonus (encourages exploration).
    public var entropyCoefficient: Double
    /// Weight of the KL penalty toward the behaviour policy.
    public var klCoefficient: Double

    public init(clipRange: Double = 0.2, entropyCoefficient: Double = 0, klCoefficient: Double = 0) {
        self.clipRange = clipRange
        self.entropyCoefficient = entropyCoefficient
        self.klCoefficient = klCoefficient
    }

    /// The loss of one minibatch, its terms and its gradient with respect to the logits.
    public struct Evaluation: Sendable {
        /// The clipped surrogate term (`-mean min(...)`).
        public var surrogate: Double
        /// Mean entropy of the rows' distributions, in nats.
        public var entropy: Double
        /// Mean `KL(old || current)` over the rows, in nats.
        public var kl: Double
        /// The loss: `surrogate - entropyCoefficient * entropy + klCoefficient * kl`.
        public var value: Double
        /// The share of samples whose ratio was clipped (their gradient is zero).
        public var clippedFraction: Double
        /// `dvalue / dlogits`, `rows x coordinates`.
        public var gradient: Matrix
    }

    /// Evaluates the loss for `logits` (`rows x G`, the current policy) against
    /// `oldLogits` (`rows x G`, the policy that drew the actions); `actions` holds
    /// `samplesPerRow` binary vectors per row (`rows * samplesPerRow x G`, row n's samples
    /// first), `advantages` one value per action.
    public func evaluate(logits: Matrix, oldLogits: Matrix, actions: Matrix, advantages: [Float]) -> Evaluation {
        let n = logits.rows, g = logits.cols
        precondition(oldLogits.rows == n && oldLogits.cols == g, "old logits must match the logits")
        precondition(actions.cols == g && n > 0 && actions.rows % n == 0, "actions must be whole groups of rows x G")
        precondition(advantages.count == actions.rows, "one advantage per action")
        let k = actions.rows / n
        let samples = Double(actions.rows)
        var gradient = [Double](repeating: 0, count: n * g)
        var surrogate = 0.0, entropy = 0.0, kl = 0.0, clipped = 0
        for r in 0..<n {
            let z = logits.row(r), zOld = oldLogits.row(r)
            let p = z.map { FactorisedBernoulli.sigmoid(Double($0)) }
            let base = r * g
            for s in (r * k)..<((r + 1) * k) {
                let m = actions.row(s)
                let ratio = Foundation.exp(FactorisedBernoulli.logProbability(of: m, logits: z)
                                           - FactorisedBernoulli.logProbability(of: m, logits: zOld))
                let a = Double(advantages[s])
                let unclipped = ratio * a
                let bounded = min(max(ratio, 1 - clipRange), 1 + clipRange) * a
                surrogate -= min(unclipped, bounded) / samples
                // The unclipped term is the minimum, and so carries the gradient, only inside the clip range's open side.
                let active = a > 0 ? ratio < 1 + clipRange : (a < 0 ? ratio > 1 - clipRange : false)
                if a != 0 && !active { clipped += 1 }
                guard active else { continue }
                let weight = -unclipped / samples
                for (j, mj) in m.enumerated() { gradient[base + j] += weight * (Double(mj) - p[j]) }
            }
            entropy += FactorisedBernoulli.entropy(logits: z) / Double(n)
            kl += FactorisedBernoulli.klDivergence(from: zOld, to: z) / Double(n)
            for j in 0..<g {
                let zj = Double(z[z.startIndex + j])
                let pOld = FactorisedBernoulli.sigmoid(Double(zOld[zOld.startIndex + j]))
                gradient[base + j] += entropyCoefficient * p[j] * (1 - p[j]) * zj / Double(n)
                gradient[base + j] += klCoefficient * (p[j] - pOld) / Double(n)
            }
        }
        return Evaluation(surrogate: surrogate, entropy: entropy, kl: kl,
                          value: surrogate - entropyCoefficient * entropy + klCoefficient * kl,
                          clippedFraction: Double(clipped) / samples,
                          gradient: Matrix(rows: n, cols: g, scalars: gradient.map { Float($0) }))
    }
}
