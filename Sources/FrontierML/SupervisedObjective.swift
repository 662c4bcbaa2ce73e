/// A single network trained on a prediction loss with Adam: the objective of
/// single-task learning and of the linear baseline.
public struct SupervisedObjective: TrainableObjective, Sendable {
    public var model: MLP
    public var optimiser: Adam
    public let loss: PredictionLoss
    private var gradient: [Float] = []

    public init(model: MLP, loss: PredictionLoss, optimiser: Adam = Adam()) {
        self.model = model
        self.loss = loss
        self.optimiser = optimiser
    }

    public mutating func step(on batch: LabeledSamples, learningRate: Float) -> Float {
        let tape = model.forward(batch.features)
        let (value, dOutput) = loss.valueAndGradient(output: tape.output, targets: batch.targets)
        model.backward(tape, outputGradient: dOutput, into: &gradient)
        optimiser.learningRate = learningRate
        optimiser.update(&model.parameters, gradient: gradient)
        return value
    }

    public func loss(on samples: LabeledSamples) -> Float {
        loss.value(output: model(samples.features), targets: samples.targets)
    }
}
