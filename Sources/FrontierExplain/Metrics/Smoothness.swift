import FrontierML

/// Smoothness, "internal robustness" (POE, Table 2h), per row:
///
///     S = (1/N) sum_n sum_{d, d'} S~_dd' ( w_nd - w_nd' )^2
///
/// over ordered pairs of features, with S~ the similarity of two features: `uniform` (every
/// pair 1, so S = 2 D^2 times the variance of each row's attributions), `grid` (1 between
/// 4-neighbours of a `grid_width`-wide row-major image, 0 otherwise; image pixels or
/// patches), or a `given` `D x D` matrix. Lower is better. Needs no model evaluations.
public struct Smoothness: PropertyMetric {
    public enum FeatureSimilarity: String, Codable, CaseIterable, Sendable {
        case uniform, grid, given
    }

    public struct Settings: PluginSettings {
        public var similarity: FeatureSimilarity = .uniform
        /// Features per image row, for `grid`.
        public var gridWidth: Int?
        /// The `D x D` matrix, for `given`.
        public var matrix: [[Double]]?

        public init() {}

        public init(similarity: FeatureSimilarity, gridWidth: Int? = nil, matrix: [[Double]]? = nil) {
            self.similarity = similarity
            self.gridWidth = gridWidth
            self.matrix = matrix
        }

        public enum CodingKeys: String, CodingKey, CaseIterable {
            case similarity, gridWidth = "grid_width", matrix
        }

        public func validate(for plugin: String) throws(ExplainError) {
            switch similarity {
            case .uniform: break
            case .grid:
                guard let gridWidth, gridWidth >= 1 else {
                    throw ExplainError(plugin: plugin, field: "grid_width", "grid similarity needs a positive grid width")
                }
            case .given:
                guard let matrix, !matrix.isEmpty, matrix.allSatisfy({ $0.count == matrix.count }) else {
                    throw ExplainError(plugin: plugin, field: "matrix", "given similarity needs a square matrix")
                }
            }
        }
    }

    public static let name = "smoothness"
    public static let summary = "feature-similarity-weighted squared differences within each row's attributions"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "squared attribution"
    public let settings: Settings

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let w = input.attributions.values
        let n = w.rows, d = w.cols
        guard n > 0 else { return 0 }
        var total = 0.0
        switch settings.similarity {
        case .uniform:
            // sum_{d,d'} (w_d - w_d')^2 = 2 D sum w_d^2 - 2 (sum w_d)^2
            for r in 0..<n {
                var sum = 0.0, squares = 0.0
                for v in w.row(r) { sum += Double(v); squares += Double(v) * Double(v) }
                total += 2 * Double(d) * squares - 2 * sum * sum
            }
        case .grid:
            let width = settings.gridWidth!
            guard d % width == 0 else {
                throw ExplainError(plugin: Self.name, field: "grid_width", "\(d) features do not fill rows of \(width)")
            }
            for r in 0..<n {
                for f in 0..<d {
                    // Each 4-neighbour pair appears twice among ordered pairs.
                    if (f + 1) % width != 0 { total += 2 * square(Double(w[r, f]) - Double(w[r, f + 1])) }
                    if f + width < d { total += 2 * square(Double(w[r, f]) - Double(w[r, f + width])) }
                }
            }
        case .given:
            let s = settings.matrix!
            guard s.count == d else {
                throw ExplainError(plugin: Self.name, field: "matrix", "is \(s.count) x \(s.count) for \(d) features")
            }
            for r in 0..<n {
                for a in 0..<d {
                    for b in 0..<d where s[a][b] != 0 { total += s[a][b] * square(Double(w[r, a]) - Double(w[r, b])) }
                }
            }
        }
        return total / Double(n)
    }
}

@inline(__always) func square(_ x: Double) -> Double { x * x }
