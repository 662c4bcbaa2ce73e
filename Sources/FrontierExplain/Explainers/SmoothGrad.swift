import FrontierML

/// SmoothGrad (Smilkov et al., 2017): the mean gradient of the explained output over
/// `samples` noisy copies of the row, `x + N(0, sigma^2)` per feature.
///
/// sigma is `noise` times the feature's range over the training rows (`relative`, the
/// paper's "noise level" of 10-20% of the input range, taken per feature for tabular
/// data), or `noise` itself in standardised units (`absolute`, POE's delta and captum's
/// `NoiseTunnel(stdevs=...)`). All noisy copies of all rows go through the model in
/// batched gradient calls; with several explained outputs they share the same noise.
public struct SmoothGrad: Explainer {
    public enum NoiseScale: String, Codable, CaseIterable, Sendable {
        /// sigma_d = noise x (max_d - min_d) over the training rows.
        case relative
        /// sigma_d = noise.
        case absolute
    }

    public struct Settings: PluginSettings {
        /// Noisy copies per row.
        public var samples = 50
        public var noise: Double = 0.15
        public var noiseScale: NoiseScale = .relative

        public init() {}

        public init(samples: Int = 50, noise: Double = 0.15, noiseScale: NoiseScale = .relative) {
            self.samples = samples
            self.noise = noise
            self.noiseScale = noiseScale
        }

        public enum CodingKeys: String, CodingKey, CaseIterable {
            case samples, noise, noiseScale = "noise_scale"
        }

        public func validate(for plugin: String) throws(ExplainError) {
            guard samples >= 1 else { throw ExplainError(plugin: plugin, field: "samples", "must be at least 1 (got \(samples))") }
            guard noise >= 0, noise.isFinite else { throw ExplainError(plugin: plugin, field: "noise", "must be non-negative (got \(noise))") }
        }
    }

    public static let name = "smoothgrad"
    public static let summary = "the mean gradient over Gaussian-noised copies of the row"
    public let settings: Settings
    public var kind: AttributionKind { .slope }

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions] {
        let n = rows.rows, d = rows.cols, samples = settings.samples
        let sigma = (0..<d).map { j in
            Float(settings.noiseScale == .absolute
                  ? settings.noise
                  : settings.noise * Double(context.featureMaximums[j] - context.featureMinimums[j]))
        }
        let start = generator
        var after = generator
        let result = outputs.map { explained in
            var noise = start
            var sums = [Double](repeating: 0, count: n * d)
            model.inputGradients(ofSynthetic: n * samples, output: { explained[$0 / samples] }, build: { first, chunk in
                for i in 0..<chunk.rows {
                    let r = (first + i) / samples
                    for j in 0..<d { chunk[i, j] = rows[r, j] + sigma[j] * Float(noise.nextNormal()) }
                }
            }, consume: { first, gradients in
                for i in 0..<gradients.rows {
                    let r = (first + i) / samples
                    for j in 0..<d { sums[r * d + j] += Double(gradients[i, j]) }
                }
            })
            after = noise
            let mean = Matrix(rows: n, cols: d, scalars: sums.map { Float($0 / Double(samples)) })
            return Attributions(kind: kind, values: mean, outputs: explained)
        }
        generator = after
        return result
    }
}
