import FrontierData
import FrontierML
import FrontierSettings

/// A linear model alone (`linear`, the paper's Table 2 baseline): it is its own explanation.
public struct LinearMethod: TrainingMethod {
    public struct Settings: MethodSettings {
        public var network = NetworkSettings()

        public init(network: NetworkSettings = NetworkSettings()) { self.network = network }

        public init(_ reader: inout SettingsReader) throws(SettingsError) {
            network = try NetworkSettings(&reader)
        }

        public func encode(to encoder: Encoder) throws { try network.encode(to: encoder) }
    }

    public init() {}

    public var name: String { "linear" }
    public var summary: String { "a linear model alone, which is its own explanation" }
    public var sweepableSettings: [String: ClosedRange<Double>] { [:] }

    public func fit(_ settings: Settings, seed: UInt64, on dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> FittedMethod {
        let root = SeededGenerator(seed: seed)
        var initGenerator = root.derived("init")
        let task = dataset.task
        let network = settings.network
        let linear = MLPArchitecture.linear(inputWidth: dataset.featureCount, outputWidth: task.outputWidth)
        var objective = SupervisedObjective(
            model: MLP(linear, initialisation: network.initialisation, generator: &initGenerator),
            loss: .standard(for: task), optimiser: Adam(learningRate: Float(network.learningRate)))
        let history = try MethodError.completed(Trainer(schedule: network.schedule)
            .fit(&objective, on: dataset.train, generator: root, onEpoch: onEpoch))
        return FittedMethod(model: ExplainedModel(f: objective.model, g: objective.model, task: task), history: history)
    }
}
