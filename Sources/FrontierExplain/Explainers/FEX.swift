import FrontierML

/// FEX (Pan et al., 2024, "Fast Explanations via Policy Gradient-Optimized Explainer"): a
/// network trained with PPO to give, in one forward pass, the probability that each
/// feature group belongs to the masks that keep the model's prediction (`FEXTrainer`).
/// The attribution of a feature is its group's keep probability (`selectionProbability`).
///
/// `FEX(policy:)` explains with a trained policy and costs no model evaluations. Made from
/// settings alone (the registry's way), it has no policy yet and trains one on the
/// context's training rows and feature groups each time it explains, with a seed drawn
/// from the given generator: a caller that explains more than once trains once with
/// `FEXTrainer` and keeps the policy.
public struct FEX: Explainer {
    public typealias Settings = FEXSettings
    public static let name = "fex"
    public static let summary = "a PPO-trained explainer network: the probability that each feature group is kept by masks that keep the prediction"
    public let settings: FEXSettings
    /// The trained explainer; nil until trained.
    public let policy: FEXPolicy?
    public var kind: AttributionKind { .selectionProbability }

    public init(validated settings: FEXSettings) {
        self.settings = settings
        self.policy = nil
    }

    /// The explainer of a trained policy (`FEXTrainer.train(...).policy`).
    public init(policy: FEXPolicy, settings: FEXSettings = FEXSettings()) {
        self.settings = settings
        self.policy = policy
    }

    public func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions] {
        let policy: FEXPolicy
        if let trained = self.policy {
            policy = trained
        } else {
            let training = try FEXTrainer(settings: settings)
                .train(model: model.model, context: context, generator: SeededGenerator(seed: generator.next()))
            model.add(training.history.usage)
            policy = training.policy
        }
        guard policy.groups.featureCount == rows.cols, policy.outputCount == model.outputWidth else {
            throw ExplainError("fex: the policy explains \(policy.outputCount) outputs of \(policy.groups.featureCount) features, "
                               + "the model has \(model.outputWidth) outputs of \(rows.cols)")
        }
        let networkOutput = policy.network(rows)
        return outputs.map { explained in
            Attributions(kind: kind, values: policy.attributions(networkOutput: networkOutput, outputs: explained),
                         outputs: explained)
        }
    }
}
