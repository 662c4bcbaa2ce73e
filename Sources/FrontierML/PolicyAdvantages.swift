/// Advantages for policy-gradient updates when every state has several sampled actions and
/// no learned value function: each action's score minus the mean score of its state's
/// actions (the per-state baseline of REINFORCE with several samples, RLOO and GRPO).
public enum PolicyAdvantages {
    /// `scores` in groups of `groupSize` consecutive samples (one group per state), each
    /// minus its group's mean. A state whose actions all scored the same gets zeros.
    public static func centred(_ scores: [Double], groupSize: Int) -> [Double] {
        precondition(groupSize > 0 && scores.count % groupSize == 0, "scores must be whole groups")
        var out = scores
        for start in stride(from: 0, to: scores.count, by: groupSize) {
            let group = start..<(start + groupSize)
            let mean = scores[group].reduce(0, +) / Double(groupSize)
            for i in group { out[i] -= mean }
        }
        return out
    }

    /// `advantages` divided by their standard deviation (plus 1e-8), after subtracting their
    /// mean: the normalisation PPO implementations apply per minibatch, which makes the
    /// step size independent of the scores' scale.
    public static func normalised(_ advantages: [Double]) -> [Double] {
        guard !advantages.isEmpty else { return [] }
        let count = Double(advantages.count)
        let mean = advantages.reduce(0, +) / count
        let variance = advantages.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        let scale = 1 / (variance.squareRoot() + 1e-8)
        return advantages.map { ($0 - mean) * scale }
    }
}
