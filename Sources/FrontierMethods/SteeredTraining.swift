import FrontierML
import FrontierSettings

/// The settings the steered methods (MGDA, EPO, STCH) share besides the network: how they
/// normalise the two losses, and where g starts and f and g are compared.
public struct SteeringSettings: Encodable, Hashable, Sendable {
    /// Where the steered phase starts f under the `anchors` normalisation.
    public enum Start: String, Codable, CaseIterable, Sendable {
        /// From the single-task f the scales were read from (the anchor).
        case anchor
        /// From a freshly drawn f and g (the joint method's start); the anchor still sets
        /// the scales and the paired prediction loss.
        case fresh
    }

    public var normalisation: LossNormalisation
    /// Where f starts with `anchors` (the other normalisations always start fresh).
    public var start = Start.anchor
    /// Where g starts (used by the `none` and `initial` normalisations; with `anchors` g
    /// starts at its best response to the single-task f) and where f and g are compared.
    public var surrogate = SurrogateSettings()

    public init(normalisation: LossNormalisation, start: Start = .anchor, surrogate: SurrogateSettings = SurrogateSettings()) {
        self.normalisation = normalisation
        self.start = start
        self.surrogate = surrogate
    }

    /// Reads `normalisation` and `steering_start` (defaults: the method's, in `defaults`) and the surrogate settings.
    public init(_ reader: inout SettingsReader, defaults: SteeringSettings) throws(SettingsError) {
        normalisation = try reader.choice("normalisation", default: defaults.normalisation)
        start = try reader.choice("steering_start", default: defaults.start)
        surrogate = try SurrogateSettings(&reader)
    }

    enum CodingKeys: String, CodingKey { case normalisation, start = "steering_start" }

    public func encode(to encoder: Encoder) throws {
        try surrogate.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(normalisation, forKey: .normalisation)
        try c.encode(start, forKey: .start)
    }
}

/// The fit both steered methods run: prepare the start (`SteeringStart`), then train
/// `SteeredObjective` with the network's schedule. With the `anchors` normalisation the
/// report's history holds the single-task phase's epochs followed by the steered phase's,
/// and its training time both.
enum SteeredTraining {
    static func fit(rule: SteeringRule, steering: SteeringSettings, network: NetworkSettings, seed: UInt64,
                    on dataset: Dataset, onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> FittedMethod {
        let losses = JointLosses(task: dataset.task, fidelitySpace: steering.surrogate.fidelitySpace)
        let start = try SteeringStart.prepare(normalisation: steering.normalisation, start: steering.start,
                                              surrogate: steering.surrogate,
                                              network: network, seed: seed, dataset: dataset, losses: losses,
                                              onEpoch: onEpoch)
        let fidelityRows = FidelityInputStream(steering.surrogate.fidelityInputs,
                                               generator: SeededGenerator(seed: seed).derived("fidelity-inputs"))
        var objective = SteeredObjective(f: start.f, g: start.g, losses: losses, scales: start.scales, rule: rule,
                                         anchor: start.anchor, fidelityInputs: fidelityRows,
                                         optimiser: Adam(learningRate: Float(network.learningRate)))
        // Progress continues the anchor phase's epoch count, so a display or the cluster sees one run.
        let offset = start.anchorHistory?.epochs.count ?? 0
        let steered = try MethodError.completed(Trainer(schedule: network.schedule)
            .fit(&objective, on: dataset.train, generator: SeededGenerator(seed: seed)) { epoch in
                var shifted = epoch
                shifted.epoch += offset
                shifted.maxEpochs += offset
                return onEpoch(shifted)
            })
        var diagnostics = start.scales.diagnostics.merging(objective.diagnostics) { $1 }
        diagnostics["anchor_epochs"] = Double(offset)
        if start.anchor != nil { diagnostics["anchor_cached"] = start.anchorCached ? 1 : 0 }
        // Where the run ended in the normalised loss plane (on the training split): EPO's ray check.
        let end = objective.normalisedLosses(on: dataset.train)
        diagnostics["prediction_normalised"] = end.prediction
        diagnostics["fidelity_normalised"] = end.fidelity
        return FittedMethod(model: ExplainedModel(f: objective.f, g: objective.g, task: dataset.task),
                            history: start.anchorHistory?.followed(by: steered) ?? steered, diagnostics: diagnostics)
    }
}
