import FrontierML
import FrontierSolvers

/// The base explanations AGG combines and MOFAE starts from, as POE's experiments make
/// them: SmoothGrad and LIME over a range of neighbourhood sizes delta, with Gaussian
/// perturbations of standard deviation delta around each row (`x + N(0, delta^2 I)`);
/// LIME is the unweighted least-squares fit with an intercept (scikit-learn's
/// `LinearRegression` in the authors' code: no kernel, no penalty).
public struct BaseExplanationSettings: Codable, Equatable, Sendable {
    /// SmoothGrad's deltas; default `linspace(1e-5, 3, 3)` (three explanations, as the paper picks).
    public var smoothgradDeltas: [Double] = [1e-5, 1.500005, 3]
    /// LIME's deltas; default the same three.
    public var limeDeltas: [Double] = [1e-5, 1.500005, 3]
    /// Perturbations per row and explanation (the authors' code draws 10 000).
    public var samples = 1000

    public init() {}

    public init(smoothgradDeltas: [Double], limeDeltas: [Double], samples: Int) {
        self.smoothgradDeltas = smoothgradDeltas
        self.limeDeltas = limeDeltas
        self.samples = samples
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case smoothgradDeltas = "smoothgrad_deltas", limeDeltas = "lime_deltas", samples = "base_samples"
    }

    public func validate(for plugin: String) throws(ExplainError) {
        for (field, deltas) in [("smoothgrad_deltas", smoothgradDeltas), ("lime_deltas", limeDeltas)] {
            if let bad = deltas.first(where: { !($0 > 0 && $0.isFinite) }) {
                throw ExplainError(plugin: plugin, field: field, "every delta must be positive (got \(bad))")
            }
        }
        guard smoothgradDeltas.count + limeDeltas.count >= 1 else {
            throw ExplainError(plugin: plugin, field: "smoothgrad_deltas", "at least one base explanation is needed")
        }
        guard samples >= 2 else { throw ExplainError(plugin: plugin, field: "base_samples", "must be at least 2 (got \(samples))") }
    }

    /// `count` deltas evenly spaced from 1e-5 to `high` (numpy's `linspace(1e-5, high, count)`).
    public static func deltas(_ count: Int, upTo high: Double = 3) -> [Double] {
        count == 1 ? [1e-5] : (0..<count).map { 1e-5 + (high - 1e-5) * Double($0) / Double(count - 1) }
    }

    /// SmoothGrad with noise delta.
    public func smoothGrad(_ delta: Double) -> SmoothGrad {
        SmoothGrad(validated: .init(samples: samples, noise: delta, noiseScale: .absolute))
    }

    /// LIME with perturbation scale delta, uniform weights and no penalty.
    public func lime(_ delta: Double) -> LIME {
        LIME(validated: .init(samples: samples, perturbationScale: Float(delta), kernelWidth: 1e30, ridge: 0))
    }

    /// The base explanations of `rows` (SmoothGrad's, then LIME's), for the outputs in `explained`.
    public func explanations(_ rows: Matrix, explaining explained: [Int], model: inout MeteredModel,
                             context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [DenseMatrix] {
        var out: [DenseMatrix] = []
        for delta in smoothgradDeltas {
            out.append(DenseMatrix(try smoothGrad(delta).attribute(rows, explaining: [explained], model: &model,
                                                                   context: context, generator: &generator)[0].values))
        }
        for delta in limeDeltas {
            out.append(DenseMatrix(try lime(delta).attribute(rows, explaining: [explained], model: &model,
                                                             context: context, generator: &generator)[0].values))
        }
        return out
    }
}
