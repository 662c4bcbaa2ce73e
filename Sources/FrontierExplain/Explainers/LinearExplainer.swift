import FrontierML

/// A linear model's coefficients as the explanation (the joint method's g, or a linear f):
/// globally the coefficients themselves, the same for every row (slopes); locally
/// `coefficient x (x - mean)` (contributions, with base value the model at the feature
/// means, so base + sum = the linear model's output at x).
///
/// The linear model is the context's `linearModel` when it has one, else the explained
/// model itself when it is linear. Its coefficients are on its own raw scale (logits for
/// classification): that is what g's coefficients mean. It costs no model evaluations.
public struct LinearExplainer: Explainer {
    public enum Form: String, Codable, CaseIterable, Sendable {
        /// The coefficients, for every row.
        case global
        /// coefficient x (x - training mean).
        case local
    }

    public struct Settings: PluginSettings {
        public var form: Form = .local

        public init() {}

        public init(form: Form) {
            self.form = form
        }

        public enum CodingKeys: String, CodingKey, CaseIterable { case form }

        public func validate(for plugin: String) throws(ExplainError) {}
    }

    public static let name = "linear"
    public static let summary = "a linear model's coefficients: global, or coefficient x (x - mean) per row"
    public let settings: Settings
    public var kind: AttributionKind { settings.form == .global ? .slope : .contribution }

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions] {
        guard let linear = context.linearModel ?? model.model.linearModel else {
            throw ExplainError("\(Self.name): the context has no linear model and the explained model is not linear")
        }
        let n = rows.rows, d = rows.cols
        guard linear.inputWidth == d else {
            throw ExplainError("\(Self.name): the linear model reads \(linear.inputWidth) features, the rows have \(d)")
        }
        let means = context.featureMeans
        return try outputs.map { (explained) throws(ExplainError) -> Attributions in
            if let k = explained.first(where: { $0 >= linear.outputWidth }) {
                throw ExplainError("\(Self.name): output \(k) is outside the linear model's \(linear.outputWidth) outputs")
            }
            var values = Matrix(rows: n, cols: d)
            var base = [Float](repeating: 0, count: n)
            for r in 0..<n {
                let k = explained[r]
                base[r] = linear.intercepts[k]
                for j in 0..<d {
                    let w = linear.weights[j, k]
                    switch settings.form {
                    case .global: values[r, j] = w
                    case .local:
                        values[r, j] = w * (rows[r, j] - means[j])
                        base[r] += w * means[j]
                    }
                }
            }
            return Attributions(kind: kind, values: values, outputs: explained, baseValues: base)
        }
    }
}
