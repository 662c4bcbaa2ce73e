import FrontierML

/// Infidelity (Yeh et al., 2019) with Gaussian perturbations: does the attribution, read as
/// a local linear model, predict how f changes in a neighbourhood of the row?
///
///     infidelity = (1/N) sum_n (1/S) sum_s ( w_n . e_ns - (f(x_n + e_ns) - f(x_n)) )^2,
///     e_ns ~ N(0, radius^2 I)
///
/// The local form of function matching (POE's Table 2e compares `w_n . x_n` with `f(x_n)`
/// at the row itself: that is `f_func`); centred on the row, it needs no intercept. A mean
/// over rows and samples. Lower is better; for a differentiable f the gradient scores
/// O(radius^4). Costs N (S + 1) model evaluations.
public struct LocalInfidelity: PropertyMetric {
    public struct Settings: PluginSettings {
        /// Standard deviation of the neighbourhood, in standardised feature units.
        public var radius: Double = 0.1
        /// Neighbours per row.
        public var samples = 50

        public init() {}

        public init(radius: Double = 0.1, samples: Int = 50) {
            self.radius = radius
            self.samples = samples
        }

        public enum CodingKeys: String, CodingKey, CaseIterable { case radius, samples }

        public func validate(for plugin: String) throws(ExplainError) {
            guard radius > 0, radius.isFinite else { throw ExplainError(plugin: plugin, field: "radius", "must be positive (got \(radius))") }
            guard samples >= 1 else { throw ExplainError(plugin: plugin, field: "samples", "must be at least 1 (got \(samples))") }
        }
    }

    public static let name = "infidelity"
    public static let summary = "mean squared error of the attributions' linear prediction of f's change in a Gaussian neighbourhood"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "squared output"
    public let settings: Settings

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let a = input.attributions, rows = input.rows
        let n = rows.rows, d = rows.cols, samples = settings.samples, radius = Float(settings.radius)
        guard n > 0 else { return 0 }
        let atRows = model.outputs(rows)
        // The perturbations, kept to pair each neighbour's output with its predicted change.
        let noise = Matrix(rows: n * samples, cols: d, scalars: generator.normals(n * samples * d, std: radius))
        let neighbours = model.outputs(ofSynthetic: n * samples) { first, chunk in
            for i in 0..<chunk.rows {
                let r = (first + i) / samples
                for j in 0..<d { chunk[i, j] = rows[r, j] + noise[first + i, j] }
            }
        }
        var total = 0.0
        for r in 0..<n {
            let k = a.outputs[r]
            for s in 0..<samples {
                let i = r * samples + s
                var predicted = 0.0
                for j in 0..<d { predicted += Double(a.values[r, j]) * Double(noise[i, j]) }
                let actual = Double(neighbours[i, k]) - Double(atRows[r, k])
                total += (predicted - actual) * (predicted - actual)
            }
        }
        return total / Double(n * samples)
    }
}
