import FrontierML

/// A trained network f read through its prediction task's link: what explainers see of
/// Frontier's models.
///
/// On the `output` scale (the default) outputs are probabilities for classification
/// (sigmoid or softmax, as `OutputLink` applies them) and values for regression, and
/// gradients are taken through the link; on the `raw` scale they are f's logits (shap's
/// `link="logit"`). The input gradient skips f's parameter gradients.
public struct NetworkModel: ExplainableModel {
    /// Which scale outputs and gradients are on.
    public enum Scale: String, Codable, CaseIterable, Sendable {
        /// Probabilities for classification, values for regression.
        case output
        /// The network's raw outputs (logits for classification).
        case raw
    }

    public let f: MLP
    public let task: PredictionTask
    public let scale: Scale

    public init(f: MLP, task: PredictionTask, scale: Scale = .output) throws(ExplainError) {
        guard f.architecture.outputWidth == task.outputWidth else {
            throw ExplainError("network model: f has \(f.architecture.outputWidth) outputs but a \(task.name) task needs \(task.outputWidth)")
        }
        self.f = f
        self.task = task
        self.scale = scale
    }

    public var inputWidth: Int { f.architecture.inputWidth }
    public var outputWidth: Int { f.architecture.outputWidth }

    public func outputs(_ rows: Matrix) -> Matrix {
        let raw = f(rows)
        return scale == .raw ? raw : OutputLink.apply(raw, task: task)
    }

    public func inputGradients(_ rows: Matrix, outputWeights: Matrix) -> Matrix {
        let tape = f.forward(rows)
        guard scale == .output else { return f.inputGradient(tape, outputGradient: outputWeights) }
        let linked = OutputLink.apply(tape.output, task: task)
        let rawWeights = OutputLink.backprop(linked: linked, gradient: outputWeights, task: task)
        return f.inputGradient(tape, outputGradient: rawWeights)
    }

    public var predictsValues: Bool { task == .regression }

    /// f's coefficients when f has no hidden layers; they act on the raw scale.
    public var linearModel: LinearModel? { try? LinearModel(network: f) }
}
