import FrontierML
import FrontierSettings

/// Smooth Tchebycheff steering along a preference ray (`stch`; Lin et al., ICML 2024): f
/// descends the smoothed weighted Chebyshev value `μ log Σ e^(r_j l_j / μ)` of its normalised
/// losses (`SmoothTchebycheff`, `SteeredObjective`), whose minimiser on the front is the point
/// on the ray `ray · l_prediction = (1 − ray) · l_fidelity`, the same point EPO's ray asks for.
/// Where EPO balances with "controlled ascent" (it may push a loss up to reach the ray),
/// this rule only ever mixes two descent directions, which is steadier on mini-batches
/// (docs/moo.md has the comparison).
///
/// The defaults trace fronts: `smoothing` 1 (between the Chebyshev point, small μ, and the
/// weighted sum of the normalised losses, large μ) from a fresh start. Nine rays gave a 2-5%
/// larger mean hypervolume than the joint method's nine αs on the five tabular datasets (ten
/// seeds, docs/results/moo.md). To land on a ray, set `smoothing: 0.01` and `steering_start:
/// anchor`, or use `epo`.
public struct TchebycheffMethod: TrainingMethod {
    public struct Settings: MethodSettings {
        public var network = NetworkSettings()
        /// The preference for prediction, strictly inside (0, 1), as EPO's `ray`.
        public var ray = 0.5
        /// The smoothing `μ` on the ray-weighted normalised losses: small is close to the
        /// exact Chebyshev value (and its ray), large is close to the weighted sum `r·l`.
        public var smoothing = 1.0
        /// Default normalisation `auto`, as EPO's; unlike EPO, f starts fresh (the anchor sets the scales).
        public var steering = SteeringSettings(normalisation: .auto, start: .fresh)

        /// The defaults (each property's initial value: their one home).
        public init() {}

        public init(_ reader: inout SettingsReader) throws(SettingsError) {
            network = try NetworkSettings(&reader)
            ray = try reader.weight("ray", default: ray)
            smoothing = try reader.double("smoothing", default: smoothing, in: 1e-6...10)
            steering = try SteeringSettings(&reader, defaults: steering)
        }

        enum CodingKeys: String, CodingKey { case ray, smoothing }

        public func encode(to encoder: Encoder) throws {
            try network.encode(to: encoder)
            try steering.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(ray, forKey: .ray)
            try c.encode(smoothing, forKey: .smoothing)
        }

        public var pointParameters: [String: Double] { network.pointParameters.merging(["ray": ray]) { $1 } }
    }

    public init() {}

    public var name: String { "stch" }
    public var summary: String { "f steered down the smooth Tchebycheff value of a preference ray over the normalised prediction and fidelity losses (STCH)" }
    public var sweepableSettings: [String: ClosedRange<Double>] { NetworkSettings.sweepable.merging(["ray": 0...1]) { $1 } }

    public func fit(_ settings: Settings, seed: UInt64, on dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> FittedMethod {
        let rule = SmoothTchebycheff(preference: settings.ray, 1 - settings.ray, smoothing: settings.smoothing)
        return try SteeredTraining.fit(rule: .smoothTchebycheff(rule), steering: settings.steering, network: settings.network,
                                       seed: seed, on: dataset, onEpoch: onEpoch)
    }
}
