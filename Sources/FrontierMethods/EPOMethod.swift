import FrontierML
import FrontierSettings

/// Exact Pareto optimal search along a preference ray (`epo`; Mahapatra and Rajan 2020):
/// f is steered until its normalised losses satisfy `ray · l_prediction = (1 − ray) ·
/// l_fidelity`, then descends along that ray to the front (`ExactParetoDescent`,
/// `SteeredObjective`). Sweeping `ray` places runs along the front where the user asks,
/// where sweeping the joint method's alpha lands them wherever the front's slope matches.
public struct EPOMethod: TrainingMethod {
    public struct Settings: MethodSettings {
        public var network = NetworkSettings()
        /// The preference for prediction, strictly inside (0, 1): the ray is
        /// `r = (ray, 1 − ray)` over the normalised (prediction, fidelity) losses, and a
        /// larger ray asks for a smaller prediction loss relative to the fidelity loss.
        /// 0.5 asks for both normalised losses to end equal.
        public var ray = 0.5
        /// Default normalisation `auto` (`anchors`, or `initial` for multiclass), so rays spread
        /// over the whole front (docs/moo.md).
        public var steering = SteeringSettings(normalisation: .auto)

        /// The defaults (each property's initial value: their one home).
        public init() {}

        public init(_ reader: inout SettingsReader) throws(SettingsError) {
            network = try NetworkSettings(&reader)
            ray = try reader.weight("ray", default: ray)
            steering = try SteeringSettings(&reader, defaults: steering)
        }

        enum CodingKeys: String, CodingKey { case ray }

        public func encode(to encoder: Encoder) throws {
            try network.encode(to: encoder)
            try steering.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(ray, forKey: .ray)
        }

        public var pointParameters: [String: Double] { network.pointParameters.merging(["ray": ray]) { $1 } }
    }

    public init() {}

    public var name: String { "epo" }
    public var summary: String { "f steered to the Pareto point on a preference ray over the normalised prediction and fidelity losses (EPO)" }
    public var sweepableSettings: [String: ClosedRange<Double>] { NetworkSettings.sweepable.merging(["ray": 0...1]) { $1 } }

    public func fit(_ settings: Settings, seed: UInt64, on dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> FittedMethod {
        try SteeredTraining.fit(rule: .exactPareto(ExactParetoDescent(preference: settings.ray, 1 - settings.ray)),
                                steering: settings.steering, network: settings.network, seed: seed, on: dataset,
                                onEpoch: onEpoch)
    }
}
