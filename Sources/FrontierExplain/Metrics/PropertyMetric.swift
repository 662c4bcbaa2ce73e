import FrontierML

/// Whether a smaller or a larger value of a metric is better.
public enum MetricDirection: String, Codable, Sendable {
    case lowerIsBetter = "lower"
    case higherIsBetter = "higher"
}

/// What a metric measures: explained rows, their attributions, and for agreement metrics
/// the attributions of a reference explainer on the same rows and outputs.
public struct MetricInput: Sendable {
    /// `N x D`.
    public var rows: Matrix
    public var attributions: Attributions
    public var reference: Attributions?

    public init(rows: Matrix, attributions: Attributions, reference: Attributions? = nil) {
        self.rows = rows
        self.attributions = attributions
        self.reference = reference
    }
}

/// A property of explanations, measured over a batch of explained rows (POE's Table 2
/// and the usual evaluation curves). Each metric is one file: a type with its settings,
/// its direction and `evaluate`, plus one line in `PropertyMetrics.registry`. Every value
/// is a mean over the explained rows, so metrics of batches of different sizes compare.
public protocol PropertyMetric: Plugin {
    /// Which way is better.
    static var direction: MetricDirection { get }
    /// The unit of the value, in words.
    static var unit: String { get }
    /// Whether it compares with a reference explainer's attributions (`MetricInput.reference`).
    static var needsReference: Bool { get }

    /// The metric's value on `input`. Model evaluations go through `model`, randomness
    /// through `generator`.
    func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                  generator: inout SeededGenerator) throws(ExplainError) -> Double
}

/// One measured metric.
public struct MetricValue: Codable, Equatable, Sendable {
    /// The metric's registry name (the objective name).
    public var metric: String
    public var value: Double
    public var direction: MetricDirection
    /// The model evaluations the measurement took.
    public var usage: ModelUsage
}

extension PropertyMetric {
    /// Most metrics read one explanation alone.
    public static var needsReference: Bool { false }

    /// Measures `input` on `model`: checks that rows, attributions, reference, model and
    /// context agree, then evaluates and counts the model evaluations.
    public func measure(_ input: MetricInput, model: any ExplainableModel, context: ExplanationContext,
                        generator: inout SeededGenerator) throws(ExplainError) -> MetricValue {
        try Self.check(input, model: model, context: context)
        var metered = MeteredModel(model)
        let value = try evaluate(input, model: &metered, context: context, generator: &generator)
        return MetricValue(metric: Self.name, value: value, direction: Self.direction, usage: metered.usage)
    }

    static func check(_ input: MetricInput, model: any ExplainableModel, context: ExplanationContext) throws(ExplainError) {
        let a = input.attributions
        guard a.rowCount == input.rows.rows, a.featureCount == input.rows.cols else {
            throw ExplainError("\(name): \(a.rowCount) x \(a.featureCount) attributions for \(input.rows.rows) x \(input.rows.cols) rows")
        }
        guard input.rows.cols == model.inputWidth, context.featureCount == model.inputWidth else {
            throw ExplainError("\(name): rows have \(input.rows.cols) features, the context \(context.featureCount), the model reads \(model.inputWidth)")
        }
        if let bad = a.outputs.first(where: { $0 < 0 || $0 >= model.outputWidth }) {
            throw ExplainError("\(name): the attributions explain output \(bad), the model has \(model.outputWidth)")
        }
        if let reference = input.reference {
            guard reference.rowCount == a.rowCount, reference.featureCount == a.featureCount, reference.outputs == a.outputs else {
                throw ExplainError("\(name): the reference must explain the same rows, features and outputs")
            }
        }
    }

    /// The reference attributions, which agreement metrics need.
    func reference(of input: MetricInput) throws(ExplainError) -> Attributions {
        guard let reference = input.reference else { throw ExplainError("\(Self.name): needs the attributions of a reference explainer") }
        return reference
    }
}

/// The property metrics Frontier knows, by objective name.
public enum PropertyMetrics {
    public static let registry = PluginRegistry<any PropertyMetric>("metric", [
        .init(GradientFaithfulness.self),
        .init(FunctionalFaithfulness.self),
        .init(LocalInfidelity.self),
        .init(AverageRobustness.self),
        .init(MaximumRobustness.self),
        .init(Smoothness.self),
        .init(ComplexityL1.self),
        .init(EffectiveFeatures.self),
        .init(DeletionAUC.self),
        .init(InsertionAUC.self),
        .init(SpearmanAgreement.self),
        .init(TopKAgreement.self),
    ])
}

extension PluginRegistry.Entry where Made == any PropertyMetric {
    /// The registry entry of metric type `type`.
    public init<M: PropertyMetric>(_ type: M.Type) {
        self.init(type, wrap: { $0 })
    }
}
