import FrontierML
import FrontierSettings

/// Bi-level training (`bilevel`): g always best-responds exactly to f (least squares on
/// f's raw outputs, or a soft-target logistic fit on its probabilities; see
/// `SurrogateBestResponse`), refitted each epoch or every `refit_steps` steps, while f
/// descends `alpha · prediction + (1 − alpha) · fidelity` to the current g
/// (`BilevelObjective`). After training g is refitted once more, to the f that is kept, on
/// the whole training split (the rows a post-hoc surrogate is fitted on): the g reported is
/// exactly the best linear imitation of the reported f.
///
/// Compared with the single-level joint method at the same alpha, g is never a
/// half-trained linear model that holds f back, and it explains the f it is reported with
/// as well as a linear model can.
public struct BilevelMethod: TrainingMethod {
    public struct Settings: MethodSettings {
        public var network = NetworkSettings()
        /// Weight of the prediction loss in f's objective, strictly inside (0, 1), as joint's alpha.
        public var alpha = 0.5
        /// Where f and g are compared (see `FidelitySpace`), which also fixes what g's fit minimises.
        public var fidelitySpace = FidelitySpace.auto
        /// Optimiser steps between two refits of g; 0 refits at the start of every epoch.
        public var refitSteps = 0

        public init(alpha: Double = 0.5, network: NetworkSettings = NetworkSettings(), refitSteps: Int = 0) {
            self.alpha = alpha
            self.network = network
            self.refitSteps = refitSteps
        }

        public init(_ reader: inout SettingsReader) throws(SettingsError) {
            network = try NetworkSettings(&reader)
            alpha = try reader.weight("alpha", default: alpha)
            fidelitySpace = try FidelitySpace.read(&reader)
            refitSteps = try reader.int("refit_steps", default: refitSteps, in: 0...1_000_000_000)
        }

        enum CodingKeys: String, CodingKey { case alpha, fidelitySpace = "fidelity_space", refitSteps = "refit_steps" }

        public func encode(to encoder: Encoder) throws {
            try network.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(alpha, forKey: .alpha)
            try c.encode(fidelitySpace, forKey: .fidelitySpace)
            try c.encode(refitSteps, forKey: .refitSteps)
        }

        public var pointParameters: [String: Double] { network.pointParameters.merging(["alpha": alpha]) { $1 } }
    }

    public init() {}

    public var name: String { "bilevel" }
    public var summary: String { "g refitted exactly to f (its best response) each epoch or k steps while f descends alpha · prediction + (1 − alpha) · fidelity" }
    public var sweepableSettings: [String: ClosedRange<Double>] { NetworkSettings.sweepable.merging(["alpha": 0...1]) { $1 } }

    public func fit(_ settings: Settings, seed: UInt64, on dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> FittedMethod {
        let root = SeededGenerator(seed: seed)
        var initGenerator = root.derived("init")
        let network = settings.network
        let losses = JointLosses(task: dataset.task, fidelitySpace: settings.fidelitySpace)
        let f = network.blackBox(inputs: dataset.featureCount, task: dataset.task, generator: &initGenerator)
        let linear = MLPArchitecture.linear(inputWidth: dataset.featureCount, outputWidth: dataset.task.outputWidth)
        // A placeholder until the first epoch's refit.
        let g = MLP(linear, parameters: [Float](repeating: 0, count: linear.parameterCount))
        var objective = BilevelObjective(f: f, g: g, alpha: Float(settings.alpha), losses: losses,
                                         refitSteps: settings.refitSteps,
                                         optimiser: Adam(learningRate: Float(network.learningRate)))
        let history = try MethodError.completed(Trainer(schedule: network.schedule)
            .fit(&objective, on: dataset.train, generator: root, onEpoch: onEpoch))
        let finalG = SurrogateBestResponse.fit(to: objective.f, on: dataset.train.features, losses: losses)
        return FittedMethod(model: ExplainedModel(f: objective.f, g: finalG, task: dataset.task), history: history,
                            diagnostics: ["refits": Double(objective.refits + 1)])
    }
}
