/// One epoch of FEX training (one pass over the training rows, each row's masks drawn once
/// and each rollout optimised `update_epochs` times), as progress displays and a job
/// kind's progress stream report it.
public struct FEXEpochReport: Codable, Equatable, Sendable {
    public var epoch: Int
    public var maxEpochs: Int
    /// Mean score c(m, x) of the masks drawn this epoch (the sparsity price included).
    public var trainingScore: Double
    /// Mean score of masks drawn from the policy on the validation rows (the same draws
    /// every epoch, so epochs compare): the early-stopping criterion, higher is better.
    public var validationScore: Double
    /// Mean keep probability over the validation rows' groups: the expected share of
    /// groups a mask keeps.
    public var meanKeepProbability: Double
    /// Mean entropy of q per group, in nats (log 2 = 0.693 is a fair coin).
    public var entropyPerGroup: Double
    /// Mean KL(old || new) per row after each minibatch step, in nats.
    public var klDivergence: Double
    /// Share of sampled masks whose probability ratio was clipped.
    public var clippedFraction: Double
    /// Model evaluations so far (masked rows scored), validation included.
    public var modelEvaluations: Int
    public var seconds: Double
    /// The validation score improved on the best so far.
    public var improved: Bool

    enum CodingKeys: String, CodingKey {
        case epoch, maxEpochs = "max_epochs", trainingScore = "training_score", validationScore = "validation_score"
        case meanKeepProbability = "mean_keep_probability", entropyPerGroup = "entropy_per_group"
        case klDivergence = "kl_divergence", clippedFraction = "clipped_fraction"
        case modelEvaluations = "model_evaluations", seconds, improved
    }
}

/// The course of one FEX training.
public struct FEXHistory: Codable, Equatable, Sendable {
    public var epochs: [FEXEpochReport] = []
    /// The epoch whose policy was kept (1-based).
    public var bestEpoch = 0
    public var bestValidationScore = -Double.infinity
    public var stoppedEarly = false
    public var cancelled = false
    /// What training asked of the explained model.
    public var usage = ModelUsage()
    public var seconds = 0.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case epochs, bestEpoch = "best_epoch", bestValidationScore = "best_validation_score"
        case stoppedEarly = "stopped_early", cancelled, usage, seconds
    }
}

/// A trained FEX explainer and how it was trained.
public struct FEXTraining: Sendable {
    /// The policy of the best validation epoch.
    public var policy: FEXPolicy
    public var history: FEXHistory
}
