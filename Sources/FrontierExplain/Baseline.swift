/// A reference input: where Integrated Gradients' path starts, and what the deletion and
/// insertion curves put in place of a removed feature. Written in settings as `"zeros"`,
/// `"mean"` or an array with one number per feature.
public enum Baseline: Equatable, Sendable {
    /// All features zero: the training mean for standardised features (captum's default).
    case zeros
    /// The training rows' per-feature mean (`ExplanationContext.featureMeans`).
    case mean
    /// A given row.
    case values([Float])

    /// The baseline row for a model with `width` features.
    func row(width: Int, context: ExplanationContext, plugin: String, field: String) throws(ExplainError) -> [Float] {
        switch self {
        case .zeros: return [Float](repeating: 0, count: width)
        case .mean: return context.featureMeans
        case .values(let values):
            guard values.count == width else {
                throw ExplainError(plugin: plugin, field: field, "has \(values.count) values for \(width) features")
            }
            guard values.allSatisfy(\.isFinite) else { throw ExplainError(plugin: plugin, field: field, "values must be finite") }
            return values
        }
    }
}

extension Baseline: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let name = try? c.decode(String.self) {
            switch name {
            case "zeros": self = .zeros
            case "mean": self = .mean
            default: throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(name)' is not zeros, mean or a list of numbers")
            }
        } else {
            self = .values(try c.decode([Float].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .zeros: try c.encode("zeros")
        case .mean: try c.encode("mean")
        case .values(let values): try c.encode(values)
        }
    }
}
