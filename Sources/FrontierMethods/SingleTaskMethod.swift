import FrontierData
import FrontierML
import FrontierSettings

/// Single-task learning (`stl`): f trained on the prediction loss alone, then a
/// linear surrogate g fitted to imitate it (`PostHocSurrogate`): the paper's baseline.
public struct SingleTaskMethod: TrainingMethod {
    public struct Settings: MethodSettings {
        public var network = NetworkSettings()

        public init(network: NetworkSettings = NetworkSettings()) { self.network = network }

        public init(_ reader: inout SettingsReader) throws(SettingsError) {
            network = try NetworkSettings(&reader)
        }

        public func encode(to encoder: Encoder) throws { try network.encode(to: encoder) }

        public var pointParameters: [String: Double] { network.pointParameters }
    }

    public init() {}

    public var name: String { "stl" }
    public var summary: String { "f trained alone on the prediction loss, then a post-hoc linear surrogate g" }
    public var sweepableSettings: [String: ClosedRange<Double>] { NetworkSettings.sweepable }

    public func fit(_ settings: Settings, seed: UInt64, on dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> FittedMethod {
        let root = SeededGenerator(seed: seed)
        var initGenerator = root.derived("init")
        let task = dataset.task
        let network = settings.network
        var objective = SupervisedObjective(
            model: network.blackBox(inputs: dataset.featureCount, task: task, generator: &initGenerator),
            loss: .standard(for: task), optimiser: Adam(learningRate: Float(network.learningRate)))
        let history = try MethodError.completed(Trainer(schedule: network.schedule)
            .fit(&objective, on: dataset.train, generator: root, onEpoch: onEpoch))
        let g = PostHocSurrogate.fit(to: objective.model, on: dataset.train.features, task: task)
        return FittedMethod(model: ExplainedModel(f: objective.model, g: g, task: task), history: history)
    }
}
