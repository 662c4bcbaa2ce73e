import Foundation
import FrontierML
import FrontierSolvers

/// How similar two explained rows are, S_nn' in POE's robustness losses (Table 2f-g).
public enum InputSimilarity: String, Codable, CaseIterable, Sendable {
    /// S = 1 for every pair (POE's transductive experiments).
    case uniform
    /// S = k(x_n, x_n') = exp(-|x_n - x_n'|^2 / (2 lengthScale^2)), a Gaussian kernel's values.
    case gaussian
    /// S = -(K^-1), the negated precision of that kernel (POE's appendix A, the similarity
    /// under which R-avg is a Gaussian-process prior), with the constant mean marginalised
    /// (the prior `mu ~ N(0, sigma^2)`, `sigma -> infinity`, of the paper's Eq. 6): the
    /// precision `K^-1 - K^-1 1 1^T K^-1 / (1^T K^-1 1)`, whose rows sum to zero, so its
    /// off-diagonal negation has exactly that precision as Laplacian and R-avg stays convex.
    /// K^-1 is the pseudo-inverse (eigenvalues below `N eps` of the largest dropped).
    /// Weights of both signs: for R-avg only.
    case gaussianPrecision = "gaussian_precision"

    /// The `N x N` similarity matrix of the rows.
    public func matrix(_ rows: DenseMatrix, lengthScale: Double) throws(SolverError) -> DenseMatrix {
        let n = rows.rows
        switch self {
        case .uniform:
            return DenseMatrix(rows: n, cols: n, repeating: 1)
        case .gaussian:
            return GaussianKernel.matrix(rows, rows, lengthScale: lengthScale)
        case .gaussianPrecision:
            let eigen = try SymmetricEigen(GaussianKernel.matrix(rows, rows, lengthScale: lengthScale))
            let cutoff = Double(n) * Double.ulpOfOne * (eigen.values.last ?? 0)
            let inverse = eigen.function { $0 > cutoff ? 1 / $0 : 0 }
            let column = inverse.multiplied(by: [Double](repeating: 1, count: n))
            let total = column.reduce(0, +)
            var s = DenseMatrix(rows: n, cols: n)
            for a in 0..<n {
                for b in 0..<n { s.values[a * n + b] = -(inverse.values[a * n + b] - column[a] * column[b] / total) }
            }
            return s
        }
    }
}

/// Settings shared by the two robustness metrics and POE's robustness terms.
public struct RobustnessSettings: PluginSettings {
    public var similarity: InputSimilarity = .uniform
    /// The Gaussian kernel's length scale Lambda, in feature units.
    public var lengthScale: Double = 1

    public init() {}

    public init(similarity: InputSimilarity, lengthScale: Double = 1) {
        self.similarity = similarity
        self.lengthScale = lengthScale
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case similarity, lengthScale = "length_scale"
    }

    public func validate(for plugin: String) throws(ExplainError) {
        guard lengthScale > 0, lengthScale.isFinite else {
            throw ExplainError(plugin: plugin, field: "length_scale", "must be positive (got \(lengthScale))")
        }
    }

    /// The similarity matrix of `rows`.
    public func matrix(_ rows: DenseMatrix) throws(ExplainError) -> DenseMatrix {
        do { return try similarity.matrix(rows, lengthScale: lengthScale) } catch {
            throw ExplainError("similarity \(similarity.rawValue): \(error.description)")
        }
    }
}
