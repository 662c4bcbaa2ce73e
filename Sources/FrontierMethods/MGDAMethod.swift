import FrontierML
import FrontierSettings

/// MGDA (`mgda`; Désidéri 2012, Sener and Koltun 2018): every step moves f along the
/// minimum-norm convex combination of its prediction-loss and fidelity-loss gradients,
/// which lowers both losses while they do not oppose each other outright and vanishes at a
/// Pareto-stationary point; g descends its fidelity gradient (`SteeredObjective`).
///
/// It has no preference to set: where it ends depends on where it starts, so it has
/// nothing to sweep but the width of f.
public struct MGDAMethod: TrainingMethod {
    public struct Settings: MethodSettings {
        public var network = NetworkSettings()
        /// Default normalisation `initial`: the minimum-norm point of the gradients of the losses
        /// relative to their start, which does not depend on the losses' units (with the raw
        /// losses the larger gradient is all but ignored: on digits, whose fidelity is compared
        /// on logits, MGDA then trains f on prediction alone).
        public var steering = SteeringSettings(normalisation: .initial)

        /// The defaults (each property's initial value: their one home).
        public init() {}

        public init(_ reader: inout SettingsReader) throws(SettingsError) {
            network = try NetworkSettings(&reader)
            steering = try SteeringSettings(&reader, defaults: steering)
        }

        public func encode(to encoder: Encoder) throws {
            try network.encode(to: encoder)
            try steering.encode(to: encoder)
        }

        public var pointParameters: [String: Double] { network.pointParameters }
    }

    public init() {}

    public var name: String { "mgda" }
    public var summary: String { "f moves along the minimum-norm combination of its prediction and fidelity gradients (MGDA) to a Pareto-stationary point" }
    public var sweepableSettings: [String: ClosedRange<Double>] { NetworkSettings.sweepable }

    public func fit(_ settings: Settings, seed: UInt64, on dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> FittedMethod {
        try SteeredTraining.fit(rule: .minimumNorm, steering: settings.steering, network: settings.network, seed: seed,
                                on: dataset, onEpoch: onEpoch)
    }
}
