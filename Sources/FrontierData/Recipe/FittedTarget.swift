/// The target column: how its labels map to class indices, or its standardisation.
public struct FittedTarget: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable { case binary, multiclass, regression }

    public var column: String
    public var kind: Kind
    /// Characters stripped from the end of labels.
    public var stripSuffix: String?
    /// Classification: the label of each class index (binary: negative, positive).
    public var classLabels: [String]?
    /// Binary: the positive label, and the negative one when only it may be 0.
    public var positive: String?
    public var negative: String?
    /// Regression with standardising: the training mean and deviation of the target.
    public var mean: Double?
    public var deviation: Double?

    public init(column: String, kind: Kind, stripSuffix: String? = nil, classLabels: [String]? = nil, positive: String? = nil,
                negative: String? = nil, mean: Double? = nil, deviation: Double? = nil) {
        self.column = column
        self.kind = kind
        self.stripSuffix = stripSuffix
        self.classLabels = classLabels
        self.positive = positive
        self.negative = negative
        self.mean = mean
        self.deviation = deviation
    }

    /// The dataset's target scale (Float mean and deviation) for a standardised regression target.
    public var scale: (mean: Float, std: Float)? {
        guard let mean, let deviation else { return nil }
        return (Float(mean), Float(deviation))
    }

    /// A standardised prediction back in the target's own units (unchanged when not standardised).
    public func unstandardise(_ value: Double) -> Double {
        guard let mean, let deviation else { return value }
        return value * deviation + mean
    }

    enum CodingKeys: String, CodingKey {
        case column, kind, stripSuffix = "strip_suffix", classLabels = "class_labels", positive, negative, mean, deviation
    }
}
