import Foundation
import FrontierML

/// LIME for tabular data (Ribeiro et al., 2016) on standardised features: perturb the row
/// with Gaussian noise, weight each perturbation by an exponential kernel of its distance
/// to the row, and fit a weighted ridge regression of the model's output on the
/// perturbations. The attributions are the local model's coefficients (slopes); its
/// intercept is the base value.
///
/// The algorithm of FrontierMethods's `TabularLIME` (which the GNF evaluation keeps using,
/// unchanged): the row itself is the first sample, the others are `x + scale * u` with
/// `u ~ N(0, I)` drawn row by row, feature by feature from the given generator, weighted by
/// `sqrt(exp(-|u|^2 / width^2))` (width `0.75 sqrt(D)` unless set), and the ridge fit
/// (intercept unpenalised) is on u, so the penalty means the same whatever the scale. Three
/// things make it several times cheaper per row, so that its cost is its model evaluations:
/// the perturbations of several rows go through the model in one batch, the normal draws use
/// the ziggurat method (`SeededGenerator.fillNormals`) instead of Box-Muller, and the ridge's
/// Gram matrix is one BLAS `syrk` shared by every explained output
/// (`LinearFit.ridge(_:targets:sampleWeights:ridge:)`). The draws and the last bits of the
/// fit therefore differ from `TabularLIME`'s; the local models estimate the same thing.
public struct LIME: Explainer {
    public struct Settings: PluginSettings {
        /// Perturbed samples per row (the model is evaluated this many times per row).
        public var samples: Int = 1000
        /// Standard deviation of the perturbation, in standardised units.
        public var perturbationScale: Float = 1
        /// Kernel width; nil means `0.75 * sqrt(features)` (lime's default).
        public var kernelWidth: Float?
        /// L2 penalty of the local ridge fit (scikit-learn's `Ridge(alpha=1)`, lime's default).
        public var ridge: Double = 1

        public init() {}

        public init(samples: Int = 1000, perturbationScale: Float = 1, kernelWidth: Float? = nil, ridge: Double = 1) {
            self.samples = samples
            self.perturbationScale = perturbationScale
            self.kernelWidth = kernelWidth
            self.ridge = ridge
        }

        public enum CodingKeys: String, CodingKey, CaseIterable {
            case samples, perturbationScale = "perturbation_scale", kernelWidth = "kernel_width", ridge
        }

        public func validate(for plugin: String) throws(ExplainError) {
            guard samples >= 2 else { throw ExplainError(plugin: plugin, field: "samples", "must be at least 2 (got \(samples))") }
            guard perturbationScale > 0, perturbationScale.isFinite else {
                throw ExplainError(plugin: plugin, field: "perturbation_scale", "must be positive (got \(perturbationScale))")
            }
            if let kernelWidth, !(kernelWidth > 0 && kernelWidth.isFinite) {
                throw ExplainError(plugin: plugin, field: "kernel_width", "must be positive (got \(kernelWidth))")
            }
            guard ridge >= 0, ridge.isFinite else { throw ExplainError(plugin: plugin, field: "ridge", "must be non-negative (got \(ridge))") }
        }
    }

    public static let name = "lime"
    public static let summary = "local weighted ridge regression on Gaussian perturbations (lime's tabular explainer)"
    public let settings: Settings
    public var kind: AttributionKind { .slope }

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions] {
        let n = rows.rows, d = rows.cols, samples = settings.samples
        var values = outputs.map { _ in Matrix(rows: n, cols: d) }
        var intercepts = outputs.map { _ in [Float](repeating: 0, count: n) }
        // Rows per model call: as many as fill one chunk.
        let group = max(1, model.chunkRows / samples)
        for start in stride(from: 0, to: n, by: group) {
            let members = start..<min(n, start + group)
            var perturbed = Matrix(rows: members.count * samples, cols: d)
            var neighbourhoods = [Neighbourhood]()
            for (i, r) in members.enumerated() {
                neighbourhoods.append(draw(around: rows.row(r), into: &perturbed, at: i * samples, generator: &generator))
            }
            let y = model.outputs(perturbed)
            for (i, r) in members.enumerated() {
                let targets = outputs.map { explained in
                    let k = explained[r]
                    return (0..<samples).map { Double(y.scalars[(i * samples + $0) * y.cols + k]) }
                }
                let fits = LinearFit.ridge(neighbourhoods[i].units, targets: targets, sampleWeights: neighbourhoods[i].weights,
                                           ridge: settings.ridge)
                for s in outputs.indices {
                    let local = localModel(fits[s], at: rows.row(r))
                    values[s].scalars.replaceSubrange((r * d)..<((r + 1) * d), with: local.coefficients)
                    intercepts[s][r] = local.intercept
                }
            }
        }
        return outputs.indices.map { Attributions(kind: kind, values: values[$0], outputs: outputs[$0], baseValues: intercepts[$0]) }
    }

    /// The unit perturbations of one row and their kernel weights.
    struct Neighbourhood {
        var units: Matrix
        var weights: [Double]
    }

    /// Draws the row's perturbations (the row itself first), writing them into `perturbed`
    /// from row `offset` on.
    private func draw(around instance: ArraySlice<Float>, into perturbed: inout Matrix, at offset: Int,
                      generator: inout SeededGenerator) -> Neighbourhood {
        let d = instance.count, samples = settings.samples, scale = settings.perturbationScale
        var units = Matrix(rows: samples, cols: d)
        units.scalars.withUnsafeMutableBufferPointer { u in
            generator.fillNormals(UnsafeMutableBufferPointer(rebasing: u[d...]))
        }
        var weights = [Double](repeating: 0, count: samples)
        let width = Double(settings.kernelWidth ?? 0.75 * Float(d).squareRoot())
        let x = Array(instance)
        units.scalars.withUnsafeBufferPointer { u in
            perturbed.scalars.withUnsafeMutableBufferPointer { p in
                for i in 0..<samples {
                    var distance2: Float = 0
                    let row = p.baseAddress! + (offset + i) * d, unit = u.baseAddress! + i * d
                    for j in 0..<d {
                        row[j] = x[j] + scale * unit[j]
                        distance2 += unit[j] * unit[j]
                    }
                    weights[i] = Foundation.exp(-Double(distance2) / (width * width)).squareRoot()
                }
            }
        }
        return Neighbourhood(units: units, weights: weights)
    }

    /// The local model in feature units: `b + c.(z - x)/s = (b - c.x/s) + (c/s).z`.
    private func localModel(_ fit: LinearFit.Coefficients, at instance: ArraySlice<Float>) -> (coefficients: [Float], intercept: Float) {
        let scale = settings.perturbationScale
        let coefficients = fit.weights.map { Float($0) / scale }
        var intercept = Float(fit.intercept)
        for (j, x) in instance.enumerated() { intercept -= coefficients[j] * x }
        return (coefficients, intercept)
    }
}
