import FrontierData
import FrontierML
import FrontierSettings

/// Joint f/g training ("Exploring Multi-Task Learning for Explainability"): f and
/// the linear surrogate g trained together on
/// alpha · prediction loss + (1 − alpha) · fidelity loss (`JointObjective`).
public struct JointMethod: TrainingMethod {
    public struct Settings: MethodSettings {
        public var network = NetworkSettings()
        /// Weight of the prediction loss, strictly inside (0, 1): at 0 or 1 one loss
        /// vanishes. 0.5 weighs both losses equally; sweeps vary it.
        public var alpha = 0.5
        /// Where g starts and where training compares f and g.
        public var surrogate = SurrogateSettings()

        /// Where g starts (see `SurrogateStart`).
        public var surrogateStart: SurrogateStart {
            get { surrogate.start }
            set { surrogate.start = newValue }
        }
        /// Where training compares f and g (see `FidelitySpace`).
        public var fidelitySpace: FidelitySpace {
            get { surrogate.fidelitySpace }
            set { surrogate.fidelitySpace = newValue }
        }

        public init(alpha: Double = 0.5, network: NetworkSettings = NetworkSettings(),
                    surrogateStart: SurrogateStart = .linearFit) {
            self.alpha = alpha
            self.network = network
            self.surrogate.start = surrogateStart
        }

        public init(_ reader: inout SettingsReader) throws(SettingsError) {
            network = try NetworkSettings(&reader)
            alpha = try reader.weight("alpha", default: alpha)
            surrogate = try SurrogateSettings(&reader)
        }

        enum CodingKeys: String, CodingKey { case alpha }

        public func encode(to encoder: Encoder) throws {
            try network.encode(to: encoder)
            try surrogate.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(alpha, forKey: .alpha)
        }

        public var pointParameters: [String: Double] { network.pointParameters.merging(["alpha": alpha]) { $1 } }
    }

    public init() {}

    public var name: String { "joint" }
    public var summary: String { "f and the linear surrogate g trained together on alpha · prediction + (1 − alpha) · fidelity loss" }
    public var sweepableSettings: [String: ClosedRange<Double>] { NetworkSettings.sweepable.merging(["alpha": 0...1]) { $1 } }

    public func fit(_ settings: Settings, seed: UInt64, on dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> FittedMethod {
        let root = SeededGenerator(seed: seed)
        var initGenerator = root.derived("init")
        let task = dataset.task
        let network = settings.network
        let (f, g) = settings.surrogate.initialModels(network: network, dataset: dataset, generator: &initGenerator)
        var objective = JointObjective(f: f, g: g, alpha: Float(settings.alpha), task: task,
                                       fidelitySpace: settings.fidelitySpace,
                                       fidelityInputs: FidelityInputStream(settings.surrogate.fidelityInputs,
                                                                           generator: root.derived("fidelity-inputs")),
                                       optimiser: Adam(learningRate: Float(network.learningRate)))
        let history = try MethodError.completed(Trainer(schedule: network.schedule)
            .fit(&objective, on: dataset.train, generator: root, onEpoch: onEpoch))
        return FittedMethod(model: ExplainedModel(f: objective.f, g: objective.g, task: task), history: history)
    }
}
