/// What a model predicts, which fixes its output layer, its loss and its metrics.
public enum PredictionTask: Equatable, Hashable, Codable, Sendable {
    /// Targets are 0 or 1; the model outputs one logit.
    case binaryClassification
    /// Targets are real numbers (standardised by the dataset recipe); one output.
    case regression
    /// Targets are class indices `0..<classes`; the model outputs one logit per class.
    case multiclass(classes: Int)

    /// Width of the model's output layer.
    public var outputWidth: Int {
        switch self {
        case .binaryClassification, .regression: return 1
        case .multiclass(let classes): return classes
        }
    }

    /// Short name used in recipes, results and the CLI.
    public var name: String {
        switch self {
        case .binaryClassification: return "binary"
        case .regression: return "regression"
        case .multiclass(let k): return "multiclass(\(k))"
        }
    }

    public var isClassification: Bool { self != .regression }
}
