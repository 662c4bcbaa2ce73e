import Foundation
import FrontierExplain
import FrontierML
import FrontierSolvers

/// A synthetic function explained at a fixed set of query points: the setting of POE's
/// experiments, with the context explainers need (statistics of the query points, and as
/// background their mean, the reference the authors' KernelSHAP uses).
public struct ExplanationTarget: Sendable {
    public let kind: SyntheticFunctionKind
    public let model: SyntheticFunction
    public let rows: Matrix
    public let context: ExplanationContext

    public init(_ kind: SyntheticFunctionKind, points: [[Double]]) throws {
        let d = points.first?.count ?? 0
        self.kind = kind
        self.model = SyntheticFunction(kind, dimensions: d)
        self.rows = Matrix(rows: points.count, cols: d, scalars: points.flatMap { $0.map(Float.init) })
        let stats = try ExplanationContext(training: rows, generator: SeededGenerator(seed: 1))
        let mean = Matrix(rows: 1, cols: d, scalars: stats.featureMeans)
        self.context = try ExplanationContext(background: mean, featureMeans: stats.featureMeans,
                                              featureMinimums: stats.featureMinimums, featureMaximums: stats.featureMaximums)
    }

    /// Every row explains the model's one output.
    public var outputs: [Int] { [Int](repeating: 0, count: rows.rows) }

    /// The transductive problem of these rows for `objective`'s similarities (f's values included).
    public func problem(_ objective: PropertyObjectiveSettings) throws -> TransductiveProblem {
        var metered = MeteredModel(model)
        let gradients = metered.inputGradients(rows, outputs: outputs)
        let values = metered.outputs(rows).scalars.map(Double.init)
        return try objective.problem(rows: rows, gradients: gradients, outputs: values)
    }
}

/// Lambda-mixes along a trade-off: the ratio of the second weight to the first log-spaced
/// over `decades` around `1 / (2 scale)` (scale: the typical Laplacian eigenvalue, where the
/// two terms weigh alike), normalised to sum 1 with `extra` added at fixed ratios to the first.
public enum MixSweep {
    public static func ratios(count: Int, scale: Double, decades: Double = 6) -> [Double] {
        (0..<count).map { k in
            let t = count == 1 ? 0.5 : Double(k) / Double(count - 1)
            return pow(10, decades * (t - 0.5)) / (2 * max(scale, 1e-300))
        }
    }

    /// The mean of the non-zero eigenvalues of a spectrum.
    public static func typicalEigenvalue(_ spectrum: any Spectrum) -> Double {
        let positive = spectrum.eigenvalues.filter { $0 > 1e-12 * (spectrum.eigenvalues.max() ?? 1) }
        return positive.isEmpty ? 1 : positive.reduce(0, +) / Double(positive.count)
    }
}
