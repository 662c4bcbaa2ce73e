import Foundation
import FrontierML

/// A local linear explanation of a model around one instance.
public struct LocalExplanation: Equatable, Sendable {
    /// One coefficient per feature.
    public var coefficients: [Float]
    public var intercept: Float

    /// The explanation's prediction at `x`.
    public func predict(_ x: ArraySlice<Float>) -> Float {
        var s = intercept
        for (c, v) in zip(coefficients, x) { s += c * v }
        return s
    }

    /// The explanation's predictions for every row of `x`.
    public func predict(_ x: Matrix) -> [Float] {
        (0..<x.rows).map { predict(x.row($0)) }
    }
}

/// LIME for tabular data (Ribeiro et al., 2016) on standardised features:
/// perturb the instance with Gaussian noise, weight each perturbation by an
/// exponential kernel of its distance to the instance, and fit a weighted ridge
/// regression of the model's output on the perturbations.
///
/// Follows the reference implementation's defaults where they apply: kernel
/// width `0.75 * sqrt(features)`, weights `sqrt(exp(-d^2 / width^2))`, ridge 1,
/// the instance itself as the first sample, sampling around the instance.
public struct TabularLIME: Codable, Equatable, Sendable {
    /// Number of perturbed samples per explanation (the model is queried this many times).
    public var samples: Int
    /// Standard deviation of the perturbation, in standardised units.
    public var perturbationScale: Float
    /// Kernel width; `nil` means `0.75 * sqrt(feature count)`.
    public var kernelWidth: Float?
    /// L2 penalty of the local ridge fit.
    public var ridge: Double

    public init(samples: Int = 1000, perturbationScale: Float = 1, kernelWidth: Float? = nil, ridge: Double = 1) {
        precondition(samples >= 2, "LIME needs at least two samples")
        self.samples = samples
        self.perturbationScale = perturbationScale
        self.kernelWidth = kernelWidth
        self.ridge = ridge
    }

    /// Explains `model` (a batch function returning one value per row, e.g. the
    /// probability of the positive class) around `instance`.
    public func explain(_ instance: ArraySlice<Float>, model: (Matrix) -> [Float],
                        generator: inout SeededGenerator) -> LocalExplanation {
        explain(instance, outputs: { Matrix(column: model($0)) }, generator: &generator)[0]
    }

    /// Explains every output of `model` (a batch function returning one row of outputs
    /// per sample, e.g. class probabilities) around `instance`: one local model per
    /// output, all fitted on the same perturbations (LIME's per-class explanations).
    public func explain(_ instance: ArraySlice<Float>, outputs model: (Matrix) -> Matrix,
                        generator: inout SeededGenerator) -> [LocalExplanation] {
        let d = instance.count
        let scale = perturbationScale
        // The local model is fitted on perturbations in units of `scale` (as LIME fits on
        // scaled data), so the ridge penalty means the same thing whatever the scale.
        var u = Matrix(rows: samples, cols: d)
        var z = Matrix(rows: samples, cols: d)
        var weights = [Double](repeating: 0, count: samples)
        let width = Double(kernelWidth ?? 0.75 * Float(d).squareRoot())
        let x = Array(instance)
        for i in 0..<samples {
            var distance2 = 0.0
            for j in 0..<d {
                let unit: Float = i == 0 ? 0 : Float(generator.nextNormal())
                u.scalars[i * d + j] = unit
                z.scalars[i * d + j] = x[j] + scale * unit
                distance2 += Double(unit * unit)
            }
            weights[i] = Foundation.exp(-distance2 / (width * width)).squareRoot()
        }
        let y = model(z)
        precondition(y.rows == samples, "the model must return one row per sample")
        return (0..<y.cols).map { output in
            let fit = LinearFit.ridge(u, y.column(output).map(Double.init), sampleWeights: weights, ridge: ridge)
            // Back to the feature scale: b + c.(z - x)/s = (b - c.x/s) + (c/s).z
            let coefficients = fit.weights.map { Float($0) / scale }
            var intercept = Float(fit.intercept)
            for j in 0..<d { intercept -= coefficients[j] * x[j] }
            return LocalExplanation(coefficients: coefficients, intercept: intercept)
        }
    }
}
