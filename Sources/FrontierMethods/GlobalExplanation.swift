import FrontierML

/// The global explanation of a run: the linear surrogate g's coefficients,
/// named by feature. For classification they act on the logit of the positive
/// class (one set per class for multiclass).
public struct GlobalExplanation: Codable, Equatable, Sendable {
    public struct Term: Codable, Equatable, Sendable {
        public var feature: String
        public var weight: Float
    }

    /// Which output the coefficients produce: `logit`, `value` or `logit[class]`.
    public var output: String
    public var intercept: Float
    /// Terms in feature order.
    public var terms: [Term]

    /// The `count` terms with the largest absolute weights.
    public func strongest(_ count: Int) -> [Term] {
        Array(terms.sorted { abs($0.weight) > abs($1.weight) }.prefix(count))
    }

    /// An explanation of one output with these weights, named by feature, and a zero intercept.
    public static func of(weights: [Float], featureNames: [String], output: String = "value") -> GlobalExplanation {
        precondition(weights.count == featureNames.count, "one weight per feature")
        return GlobalExplanation(output: output, intercept: 0,
                                 terms: zip(featureNames, weights).map { Term(feature: $0, weight: $1) })
    }

    /// One explanation per output of the linear model `g`.
    public static func of(surrogate g: MLP, featureNames: [String], task: PredictionTask,
                          classLabels: [String]? = nil) -> [GlobalExplanation] {
        precondition(g.architecture.hiddenWidths.isEmpty, "a global explanation needs a linear surrogate")
        let w = g.weights(layer: 0), b = g.bias(layer: 0)
        return (0..<w.cols).map { k in
            let output: String
            switch task {
            case .regression: output = "value"
            case .binaryClassification: output = "logit"
            case .multiclass: output = "logit[\(classLabels?[k] ?? String(k))]"
            }
            return GlobalExplanation(output: output, intercept: b[k],
                                     terms: featureNames.enumerated().map { Term(feature: $1, weight: w[$0, k]) })
        }
    }
}
