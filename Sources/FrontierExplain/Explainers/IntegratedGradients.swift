import FrontierML

/// Integrated Gradients (Sundararajan et al., 2017): `(x - x') * integral_0^1 grad f(x' +
/// a (x - x')) da` for a baseline x', the integral by `steps`-point quadrature along the
/// straight path. The attributions sum to `f(x) - f(x')` up to the quadrature error
/// (completeness); the base value is f(x'). Every path point of every row goes through the
/// model in batched gradient calls. Defaults follow captum: the all-zero baseline (the
/// training mean on standardised features), 50 Gauss-Legendre points.
public struct IntegratedGradients: Explainer {
    public struct Settings: PluginSettings {
        public var steps = 50
        public var method: PathQuadrature = .gaussLegendre
        public var baseline: Baseline = .zeros

        public init() {}

        public init(steps: Int = 50, method: PathQuadrature = .gaussLegendre, baseline: Baseline = .zeros) {
            self.steps = steps
            self.method = method
            self.baseline = baseline
        }

        public enum CodingKeys: String, CodingKey, CaseIterable { case steps, method, baseline }

        public func validate(for plugin: String) throws(ExplainError) {
            let least = method == .riemannTrapezoid ? 2 : 1
            guard steps >= least else { throw ExplainError(plugin: plugin, field: "steps", "must be at least \(least) (got \(steps))") }
        }
    }

    public static let name = "integrated_gradients"
    public static let summary = "the path integral of the gradient from a baseline to the row, times the difference"
    public let settings: Settings
    public var kind: AttributionKind { .contribution }

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions] {
        let n = rows.rows, d = rows.cols, steps = settings.steps
        let reference = try settings.baseline.row(width: d, context: context, plugin: Self.name, field: "baseline")
        let (points, weights) = settings.method.rule(steps: steps)
        let atBaseline = model.outputs(Matrix(rows: 1, cols: d, scalars: reference))
        return outputs.map { explained in
            var integral = [Double](repeating: 0, count: n * d)
            model.inputGradients(ofSynthetic: n * steps, output: { explained[$0 / steps] }, build: { first, chunk in
                for i in 0..<chunk.rows {
                    let r = (first + i) / steps, alpha = Float(points[(first + i) % steps])
                    for j in 0..<d { chunk[i, j] = reference[j] + alpha * (rows[r, j] - reference[j]) }
                }
            }, consume: { first, gradients in
                for i in 0..<gradients.rows {
                    let r = (first + i) / steps, w = weights[(first + i) % steps]
                    for j in 0..<d { integral[r * d + j] += w * Double(gradients[i, j]) }
                }
            })
            var values = Matrix(rows: n, cols: d)
            for r in 0..<n {
                for j in 0..<d { values[r, j] = Float(integral[r * d + j] * (Double(rows[r, j]) - Double(reference[j]))) }
            }
            return Attributions(kind: kind, values: values, outputs: explained,
                                baseValues: explained.map { atBaseline[0, $0] })
        }
    }
}
