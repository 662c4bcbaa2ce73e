import FrontierML
import FrontierSolvers

/// Smoothness, "internal robustness" (POE, Table 2h):
///
///     S = sum_n sum_{d, d'} S~_dd' ( w_nd - w_nd' )^2
///
/// over ordered pairs of features, with S~ the similarity of two features: `uniform` (every
/// pair 1, so each row contributes `2 D^2` times the variance of its attributions), `grid`
/// (1 between 4-neighbours of a `grid_width`-wide row-major image, 0 otherwise; image pixels
/// or patches), or a `given` `D x D` matrix. Lower is better. Needs no model evaluations.
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

        /// S~ for `features` features (`D x D`), or an error naming the field that does not fit.
        public func featureMatrix(features d: Int, plugin: String = Smoothness.name) throws(ExplainError) -> DenseMatrix {
            switch similarity {
            case .uniform:
                return DenseMatrix(rows: d, cols: d, repeating: 1)
            case .grid:
                let width = gridWidth!
                guard d % width == 0 else {
                    throw ExplainError(plugin: plugin, field: "grid_width", "\(d) features do not fill rows of \(width)")
                }
                var s = DenseMatrix(rows: d, cols: d)
                for f in 0..<d {
                    if (f + 1) % width != 0 { s[f, f + 1] = 1; s[f + 1, f] = 1 }
                    if f + width < d { s[f, f + width] = 1; s[f + width, f] = 1 }
                }
                return s
            case .given:
                let given = matrix!
                guard given.count == d else {
                    throw ExplainError(plugin: plugin, field: "matrix", "is \(given.count) x \(given.count) for \(d) features")
                }
                return DenseMatrix(given)
            }
        }

        /// The spectrum of S~'s Laplacian (closed form for uniform similarity).
        public func featureSpectrum(features d: Int, plugin: String = Smoothness.name) throws(ExplainError) -> any Spectrum {
            if similarity == .uniform { return CompleteGraphSpectrum(size: d) }
            let s = try featureMatrix(features: d, plugin: plugin)
            do { return try DenseSpectrum.laplacian(of: s) } catch {
                throw ExplainError(plugin: plugin, field: "matrix", error.description)
            }
        }
    }

    public static let name = "smoothness"
    public static let summary = "feature-similarity-weighted squared differences within each row's attributions, summed over rows"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "squared attribution"
    public let settings: Settings

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let w = DenseMatrix(input.attributions.values)
        guard w.rows > 0 else { return 0 }
        if settings.similarity == .uniform {
            // sum_{d,d'} (w_d - w_d')^2 = 2 D sum w_d^2 - 2 (sum w_d)^2
            var total = 0.0
            for r in 0..<w.rows {
                var sum = 0.0, squares = 0.0
                for v in w.row(r) { sum += v; squares += v * v }
                total += 2 * Double(w.cols) * squares - 2 * sum * sum
            }
            return total
        }
        if settings.similarity == .grid {
            // O(N D) over the 4-neighbour pairs, each counted in both orders (D may be an image's pixels).
            let width = settings.gridWidth!, d = w.cols
            guard d % width == 0 else {
                throw ExplainError(plugin: Self.name, field: "grid_width", "\(d) features do not fill rows of \(width)")
            }
            var total = 0.0
            for r in 0..<w.rows {
                for f in 0..<d {
                    if (f + 1) % width != 0 { let t = w[r, f] - w[r, f + 1]; total += 2 * t * t }
                    if f + width < d { let t = w[r, f] - w[r, f + width]; total += 2 * t * t }
                }
            }
            return total
        }
        return PropertyLosses.smoothness(w, featureSimilarity: try settings.featureMatrix(features: w.cols))
    }
}
