import FrontierML

/// The settings of FEX: the objective (sparsity price, baseline, score), PPO's
/// hyper-parameters and the explainer network's shape. Defaults follow the
/// policy-gradient literature where FEX's paper leaves them open; `docs/fex.md` gives the
/// reason for each.
public struct FEXSettings: PluginSettings {
    /// What a removed group's features are replaced by while scoring a mask.
    public enum Baseline: String, Codable, CaseIterable, Sendable {
        /// The training rows' per-feature mean.
        case mean
        /// The same features of a training row drawn at random for each mask (an
        /// interventional background sample: a removed feature takes values it really takes).
        case sample
    }

    /// How a masked row's output is scored against the row's own prediction.
    public enum Score: String, Codable, CaseIterable, Sendable {
        /// `closeness` for a model that predicts values (regression), else `output`.
        case auto
        /// The explained output itself (a class probability): keep what holds it up.
        case output
        /// `exp(-(f(masked) - f(x))^2 / (2 w^2))`, w = `closeness_width` standard deviations
        /// of f over the training rows: keep what keeps the value where it was.
        case closeness
    }

    // The objective.
    /// lambda: the price of the mask's size, `lambda |m| / G` with G groups.
    public var sparsity: Double = 0.2
    public var baseline: Baseline = .mean
    public var score: Score = .auto
    /// w of the closeness score, in standard deviations of f over the training rows.
    public var closenessWidth: Double = 1

    // PPO.
    /// K: masks drawn per row in a rollout.
    public var masksPerRow: Int = 8
    /// Rows per rollout batch (a rollout has `rows_per_batch * masks_per_row` masks).
    public var rowsPerBatch: Int = 256
    /// Optimisation passes over each rollout.
    public var updateEpochs: Int = 4
    /// Minibatches each pass is cut into.
    public var minibatches: Int = 4
    /// eps of the clipped probability ratio.
    public var clipRange: Double = 0.2
    /// beta_H: weight of the entropy bonus.
    public var entropyBonus: Double = 0.1
    /// beta_KL: weight of the KL penalty toward the policy that drew the rollout.
    public var klPenalty: Double = 0.3
    /// Adam's step size.
    public var learningRate: Double = 3e-4
    /// The gradient's global norm is clipped to this before each step; 0: no clipping.
    public var maxGradientNorm: Double = 0.5
    /// Scale each minibatch's advantages to unit standard deviation.
    public var normaliseAdvantages: Bool = false

    // The course of training.
    /// Passes over the training rows, at most.
    public var maxEpochs: Int = 100
    /// Epochs without a better validation score before stopping (the best policy is kept).
    public var patience: Int = 5
    /// Share of the training rows held out to measure the validation score.
    public var validationFraction: Double = 0.1

    // The explainer network g(x).
    public var hiddenWidths: [Int] = [64, 64]
    public var activation: Activation = .tanh

    public init() {}

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case sparsity, baseline, score, closenessWidth = "closeness_width"
        case masksPerRow = "masks_per_row", rowsPerBatch = "rows_per_batch", updateEpochs = "update_epochs", minibatches
        case clipRange = "clip_range", entropyBonus = "entropy_bonus", klPenalty = "kl_penalty"
        case learningRate = "learning_rate", maxGradientNorm = "max_gradient_norm", normaliseAdvantages = "normalise_advantages"
        case maxEpochs = "max_epochs", patience, validationFraction = "validation_fraction"
        case hiddenWidths = "hidden_widths", activation
    }

    public func validate(for plugin: String) throws(ExplainError) {
        func check(_ ok: Bool, _ field: String, _ message: String) throws(ExplainError) {
            if !ok { throw ExplainError(plugin: plugin, field: field, message) }
        }
        try check(sparsity >= 0 && sparsity.isFinite, "sparsity", "must be non-negative (got \(sparsity))")
        try check(closenessWidth > 0 && closenessWidth.isFinite, "closeness_width", "must be positive (got \(closenessWidth))")
        try check(masksPerRow >= 2, "masks_per_row", "must be at least 2: advantages compare a row's masks (got \(masksPerRow))")
        try check(rowsPerBatch >= 1, "rows_per_batch", "must be at least 1 (got \(rowsPerBatch))")
        try check(updateEpochs >= 1, "update_epochs", "must be at least 1 (got \(updateEpochs))")
        try check(minibatches >= 1 && minibatches <= rowsPerBatch, "minibatches",
                  "must lie in 1...rows_per_batch (\(rowsPerBatch)) (got \(minibatches))")
        try check(clipRange > 0 && clipRange < 1, "clip_range", "must lie in (0, 1) (got \(clipRange))")
        try check(entropyBonus >= 0 && entropyBonus.isFinite, "entropy_bonus", "must be non-negative (got \(entropyBonus))")
        try check(klPenalty >= 0 && klPenalty.isFinite, "kl_penalty", "must be non-negative (got \(klPenalty))")
        try check(learningRate > 0 && learningRate.isFinite, "learning_rate", "must be positive (got \(learningRate))")
        try check(maxGradientNorm >= 0 && maxGradientNorm.isFinite, "max_gradient_norm",
                  "must be non-negative, 0 for no clipping (got \(maxGradientNorm))")
        try check(maxEpochs >= 1, "max_epochs", "must be at least 1 (got \(maxEpochs))")
        try check(patience >= 1, "patience", "must be at least 1 (got \(patience))")
        try check(validationFraction > 0 && validationFraction < 1, "validation_fraction",
                  "must lie in (0, 1) (got \(validationFraction))")
        try check(hiddenWidths.allSatisfy { $0 >= 1 }, "hidden_widths", "every width must be at least 1 (got \(hiddenWidths))")
    }

    /// The PPO loss these settings describe.
    var loss: ProximalPolicyLoss {
        ProximalPolicyLoss(clipRange: clipRange, entropyCoefficient: entropyBonus, klCoefficient: klPenalty)
    }
}
