import FrontierML

/// How to read an attribution vector.
public enum AttributionKind: String, Codable, Sendable {
    /// Local slopes: the explanation predicts the output as `base + sum_d w_d x_d`
    /// (gradients, SmoothGrad, LIME's coefficients, a linear model's coefficients).
    case slope
    /// Additive contributions: `base + sum_d w_d` is the output at the row (KernelSHAP,
    /// gradient x input, Integrated Gradients, coefficient x (x - mean)).
    case contribution
    /// Probabilities in [0, 1] that a feature belongs to the masks that keep the output (FEX's
    /// q): they rank features and predict no output.
    case selectionProbability = "selection_probability"
}

/// Attributions of N rows to one output each: an `N x D` matrix, with the output every
/// row explains and, where the method has one, the explanation's constant term.
public struct Attributions: Equatable, Sendable {
    public var kind: AttributionKind
    /// `rows x features`.
    public var values: Matrix
    /// The output each row explains (0 for one-output models).
    public var outputs: [Int]
    /// Per row: KernelSHAP's base value E f(background), LIME's local intercept, IG's f(baseline),
    /// a linear model's prediction at the feature means; nil for pure gradients.
    public var baseValues: [Float]?

    public init(kind: AttributionKind, values: Matrix, outputs: [Int], baseValues: [Float]? = nil) {
        precondition(outputs.count == values.rows && (baseValues?.count ?? values.rows) == values.rows,
                     "attributions: one output and base value per row")
        self.kind = kind
        self.values = values
        self.outputs = outputs
        self.baseValues = baseValues
    }

    public var rowCount: Int { values.rows }
    public var featureCount: Int { values.cols }
}

extension Attributions: Codable {
    enum CodingKeys: String, CodingKey { case kind, values, outputs, baseValues = "base_values" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try c.decode([[Float]].self, forKey: .values)
        let outputs = try c.decode([Int].self, forKey: .outputs)
        let base = try c.decodeIfPresent([Float].self, forKey: .baseValues)
        let width = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == width }), outputs.count == rows.count,
              (base?.count ?? rows.count) == rows.count else {
            throw DecodingError.dataCorruptedError(forKey: .values, in: c,
                                                   debugDescription: "rows of unequal width, or outputs/base values not one per row")
        }
        self.init(kind: try c.decode(AttributionKind.self, forKey: .kind),
                  values: Matrix(rows: rows.count, cols: width, scalars: rows.flatMap { $0 }),
                  outputs: outputs, baseValues: base)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode((0..<values.rows).map { Array(values.row($0)) }, forKey: .values)
        try c.encode(outputs, forKey: .outputs)
        try c.encodeIfPresent(baseValues, forKey: .baseValues)
    }
}

/// Which output of the model a row's attributions explain.
public enum ExplainedOutput: Equatable, Sendable {
    /// The class f predicts for the row (argmax of the outputs); output 0 for one-output
    /// models. The default, as shap users read the predicted class's explanation.
    case predicted
    /// One fixed output for every row.
    case output(Int)
    /// Every output: one set of attributions per output, in output order.
    case all

    /// The outputs to explain: one list per set of attributions, one entry per row.
    public func resolve(_ rows: Matrix, model: inout MeteredModel) throws(ExplainError) -> [[Int]] {
        let k = model.outputWidth
        switch self {
        case .output(let index):
            guard index >= 0 && index < k else { throw ExplainError("output \(index) is outside the model's 0..<\(k)") }
            return [[Int](repeating: index, count: rows.rows)]
        case .all:
            return (0..<k).map { [Int](repeating: $0, count: rows.rows) }
        case .predicted:
            guard k > 1 else { return [[Int](repeating: 0, count: rows.rows)] }
            return [Metrics.argmaxLabels(model.outputs(rows))]
        }
    }
}

extension ExplainedOutput: Codable {
    /// Written `"predicted"`, `"all"` or an output index.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let index = try? c.decode(Int.self) {
            self = .output(index)
            return
        }
        switch try c.decode(String.self) {
        case "predicted": self = .predicted
        case "all": self = .all
        case let other: throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(other)' is not predicted, all or an output index")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .predicted: try c.encode("predicted")
        case .all: try c.encode("all")
        case .output(let index): try c.encode(index)
        }
    }
}

/// The result of one explainer run over a batch of rows.
public struct Explanation: Codable, Equatable, Sendable {
    /// The explainer's registry name.
    public var explainer: String
    /// One set per explained output (one unless `ExplainedOutput.all` on a multi-output model).
    public var attributions: [Attributions]
    public var cost: ExplanationCost

    public init(explainer: String, attributions: [Attributions], cost: ExplanationCost) {
        self.explainer = explainer
        self.attributions = attributions
        self.cost = cost
    }
}
