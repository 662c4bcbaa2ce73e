import FrontierML

/// The ways Frontier fits a black box and its global explanation.
public enum MethodKind: String, Codable, CaseIterable, Sendable {
    /// Single-task learning: f on the prediction loss, then a post-hoc linear surrogate g.
    case stl
    /// Joint f/g training on alpha * prediction loss + (1 - alpha) * fidelity loss.
    case joint
    /// A linear model alone (the paper's Table 2 baseline); it is its own explanation.
    case linear
}

/// Everything that determines a training run besides the data.
public struct MethodSettings: Codable, Hashable, Sendable {
    public var method: MethodKind
    /// Weight of the prediction loss in joint training, in (0, 1). Ignored by the other methods.
    public var alpha: Float?
    public var hiddenWidths: [Int]
    public var activation: Activation
    public var schedule: TrainingSchedule
    public var seed: UInt64
    /// Where the surrogate g starts in joint training.
    public var surrogateStart: SurrogateStart
    /// How f's (and a randomly started linear model's) weights are drawn.
    public var initialisation: WeightInitialisation

    /// Glorot-uniform: the paper trained with Keras, whose dense layers draw
    /// Glorot-uniform unless told otherwise (docs/results compares He-normal).
    public static let defaultInitialisation = WeightInitialisation.glorotUniform
    /// The closed-form linear model of the data (see `SurrogateStart`).
    public static let defaultSurrogateStart = SurrogateStart.linearFit

    public init(method: MethodKind, alpha: Float? = nil, hiddenWidths: [Int] = [512, 256, 128],
                activation: Activation = .relu, schedule: TrainingSchedule = .paper, seed: UInt64 = 1,
                surrogateStart: SurrogateStart = defaultSurrogateStart,
                initialisation: WeightInitialisation = defaultInitialisation) {
        self.method = method
        self.alpha = alpha
        self.hiddenWidths = hiddenWidths
        self.activation = activation
        self.schedule = schedule
        self.seed = seed
        self.surrogateStart = surrogateStart
        self.initialisation = initialisation
    }

    /// Checks the settings and names the first bad field.
    public func validate() throws(MethodError) {
        if method == .joint {
            guard let alpha else { throw MethodError("the joint method needs alpha (a value in (0, 1))") }
            guard alpha > 0, alpha < 1 else { throw MethodError("alpha must lie strictly between 0 and 1 (got \(alpha))") }
        }
        if let bad = hiddenWidths.first(where: { $0 < 1 }) {
            throw MethodError("hidden layer widths must be positive (got \(bad))")
        }
        do { try schedule.validate() } catch { throw MethodError("training schedule: \(error)") }
    }
}

/// Invalid method settings, or a run that was cancelled.
public struct MethodError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// The run stopped because a progress handler asked it to, not because anything was wrong.
    public let isCancellation: Bool
    public init(_ description: String) {
        self.description = description
        self.isCancellation = false
    }

    private init(cancelledAfter epochs: Int) {
        description = "cancelled after \(epochs) epoch\(epochs == 1 ? "" : "s")"
        isCancellation = true
    }

    /// Training was cancelled by its progress handler after `epochs` epochs.
    public static func cancelled(afterEpochs epochs: Int) -> MethodError { MethodError(cancelledAfter: epochs) }
}

/// A trained black box f and its global linear surrogate g.
public struct ExplainedModel: Sendable {
    public var f: MLP
    public var g: MLP
    public var task: PredictionTask

    /// f's outputs on the output scale (probabilities for classification).
    public func blackBoxOutputs(_ x: Matrix) -> Matrix { OutputLink.apply(f(x), task: task) }
    /// g's outputs on the output scale.
    public func surrogateOutputs(_ x: Matrix) -> Matrix { OutputLink.apply(g(x), task: task) }
}

/// The result of fitting one method: the models and the course of training.
public struct FittedMethod: Sendable {
    public var model: ExplainedModel
    public var history: TrainingHistory
}

extension MethodSettings {
    /// Trains this method on `dataset`'s training split. `onEpoch` sees every epoch
    /// (progress display) and can cancel the run, which then throws
    /// `MethodError.cancelled` before any work after training (STL's post-hoc fit).
    public func fit(_ dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl = { _ in .proceed }) throws(MethodError) -> FittedMethod {
        try validate()
        let root = SeededGenerator(seed: seed)
        var initGenerator = root.derived("init")
        let task = dataset.task
        let trainer = Trainer(schedule: schedule)
        let adam = Adam(learningRate: schedule.learningRate)
        let blackBox = MLPArchitecture(inputWidth: dataset.featureCount, hiddenWidths: hiddenWidths,
                                       outputWidth: task.outputWidth, hiddenActivation: activation)
        let linear = MLPArchitecture.linear(inputWidth: dataset.featureCount, outputWidth: task.outputWidth)
        switch method {
        case .stl:
            var objective = SupervisedObjective(model: MLP(blackBox, initialisation: initialisation, generator: &initGenerator),
                                                loss: .standard(for: task), optimiser: adam)
            let history = try Self.completed(trainer.fit(&objective, on: dataset.train, generator: root, onEpoch: onEpoch))
            let g = PostHocSurrogate.fit(to: objective.model, on: dataset.train.features, task: task, generator: root)
            return FittedMethod(model: ExplainedModel(f: objective.model, g: g, task: task), history: history)
        case .joint:
            let f = MLP(blackBox, initialisation: initialisation, generator: &initGenerator)
            let g = surrogateStart.initialSurrogate(linear, on: dataset.train, task: task,
                                                          generator: &initGenerator)
            var objective = JointObjective(f: f, g: g, alpha: alpha!, task: task, optimiser: adam)
            let history = try Self.completed(trainer.fit(&objective, on: dataset.train, generator: root, onEpoch: onEpoch))
            return FittedMethod(model: ExplainedModel(f: objective.f, g: objective.g, task: task), history: history)
        case .linear:
            var objective = SupervisedObjective(model: MLP(linear, initialisation: initialisation, generator: &initGenerator),
                                                loss: .standard(for: task), optimiser: adam)
            let history = try Self.completed(trainer.fit(&objective, on: dataset.train, generator: root, onEpoch: onEpoch))
            return FittedMethod(model: ExplainedModel(f: objective.model, g: objective.model, task: task),
                                history: history)
        }
    }

    /// The history of a training run that was not cancelled.
    private static func completed(_ history: TrainingHistory) throws(MethodError) -> TrainingHistory {
        if history.cancelled { throw .cancelled(afterEpochs: history.epochs.count) }
        return history
    }
}
