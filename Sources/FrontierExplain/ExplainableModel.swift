import FrontierML

/// The model an explainer reads: a batch of rows in, a batch of outputs out, and the
/// gradient of any weighted sum of outputs with respect to the inputs.
///
/// Outputs are on the output scale the explanation speaks of (probabilities for
/// classification, values for regression, unless the model is built on another scale),
/// one column per output. Implementations must be pure: the same rows give the same
/// outputs, whatever the batch they arrive in.
public protocol ExplainableModel: Sendable {
    /// Features per row.
    var inputWidth: Int { get }
    /// Outputs per row (1 for binary classification and regression, K for K classes).
    var outputWidth: Int { get }

    /// Outputs for a batch: `rows.rows x outputWidth`.
    func outputs(_ rows: Matrix) -> Matrix

    /// For every row n, the gradient of `sum_k outputWeights[n, k] * output_k(x_n)` with
    /// respect to `x_n` (`rows.rows x inputWidth`). A one-hot row of weights selects one output.
    func inputGradients(_ rows: Matrix, outputWeights: Matrix) -> Matrix

    /// The model's coefficients when it is linear (on the scale its `linearModel` documents), else nil.
    var linearModel: LinearModel? { get }

    /// Whether the outputs are regression values rather than class scores: an explainer that
    /// scores how well a masked row keeps the prediction (FEX) compares values by closeness
    /// and class scores by their size.
    var predictsValues: Bool { get }
}

extension ExplainableModel {
    public var linearModel: LinearModel? { nil }
    public var predictsValues: Bool { false }
}

/// An affine model `x -> x W + b`: the global explanation a linear surrogate g carries.
public struct LinearModel: Equatable, Sendable {
    /// `features x outputs`.
    public var weights: Matrix
    /// One per output.
    public var intercepts: [Float]

    public init(weights: Matrix, intercepts: [Float]) throws(ExplainError) {
        guard intercepts.count == weights.cols else {
            throw ExplainError("linear model: \(weights.cols) outputs but \(intercepts.count) intercepts")
        }
        self.weights = weights
        self.intercepts = intercepts
    }

    /// The coefficients of a network without hidden layers (on its raw scale: logits
    /// for classification), or an error for a network that has hidden layers.
    public init(network: MLP) throws(ExplainError) {
        guard network.architecture.hiddenWidths.isEmpty else {
            throw ExplainError("linear model: the network has hidden layers \(network.architecture.hiddenWidths)")
        }
        try self.init(weights: network.weights(layer: 0), intercepts: network.bias(layer: 0))
    }

    public var inputWidth: Int { weights.rows }
    public var outputWidth: Int { weights.cols }
}
