import FrontierML

/// Where the linear surrogate g starts in joint training.
///
/// With the paper's recipe (Adam at 1e-3, early stopping with patience 3) a small
/// dataset gets only a few hundred optimiser steps, and Adam moves each weight by
/// about the learning rate per step: a g started at random or at zero is still far
/// from any good linear model when training stops, and the fidelity term then ties
/// f to that half-trained g. Starting g at the linear model of the data removes
/// that handicap; both models are still trained jointly from there.
public enum SurrogateStart: String, Codable, CaseIterable, Sendable {
    /// The closed-form linear model of the training targets: least squares for
    /// regression, L2 logistic regression (C = 1) for binary classification,
    /// multinomial logistic regression (C = 1) for multiclass.
    case linearFit = "linear-fit"
    /// All weights and the bias zero: g explains nothing yet.
    case zero
    /// Glorot-uniform weights and a zero bias, as Keras draws the paper's `Dense(1)`
    /// explainer.
    case glorot

    /// The initial g for a training split.
    public func initialSurrogate(_ architecture: MLPArchitecture, on train: LabeledSamples,
                                 task: PredictionTask, generator: inout SeededGenerator) -> MLP {
        let zero = { MLP(architecture, parameters: [Float](repeating: 0, count: architecture.parameterCount)) }
        switch self {
        case .zero: return zero()
        case .glorot: return MLP(architecture, initialisation: .glorotUniform, generator: &generator)
        case .linearFit: break
        }
        let fit: LinearFit.Coefficients
        switch task {
        case .regression:
            fit = LinearFit.ridge(train.features, train.targets.scalars.map(Double.init), ridge: 1e-3)
        case .binaryClassification:
            fit = LinearFit.logistic(train.features, labels: train.targets.scalars.map { $0 >= 0.5 ? 1 : 0 })
        case .multiclass(let classes):
            let labels = train.targets.scalars.map { Int($0) }
            return LinearFit.multinomialLogistic(train.features, labels: labels, classCount: classes).model(architecture)
        }
        return fit.model(architecture)
    }
}
