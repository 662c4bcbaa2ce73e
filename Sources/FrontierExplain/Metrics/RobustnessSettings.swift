import Foundation
import FrontierML

/// How similar two explained rows are, S_nn' in POE's robustness losses (Table 2f-g).
public enum InputSimilarity: String, Codable, CaseIterable, Sendable {
    /// S = 1 for every pair (POE's experiments).
    case uniform
    /// S = exp(-|x_n - x_n'|^2 / (2 lengthScale^2)) (POE's appendix A kernel).
    case gaussian

    /// The `N x N` similarity matrix of the rows, row-major.
    func matrix(_ rows: Matrix, lengthScale: Double) -> [Double] {
        let n = rows.rows
        guard self == .gaussian else { return [Double](repeating: 1, count: n * n) }
        var s = [Double](repeating: 1, count: n * n)
        for a in 0..<n {
            for b in (a + 1)..<n {
                var distance2 = 0.0
                for (u, v) in zip(rows.row(a), rows.row(b)) { let t = Double(u) - Double(v); distance2 += t * t }
                let similarity = exp(-distance2 / (2 * lengthScale * lengthScale))
                s[a * n + b] = similarity
                s[b * n + a] = similarity
            }
        }
        return s
    }
}

/// Settings shared by the two robustness metrics.
public struct RobustnessSettings: PluginSettings {
    public var similarity: InputSimilarity = .uniform
    /// The Gaussian kernel's length scale Lambda, in standardised feature units.
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

    /// `S_nn' |w_n - w_n'|^2` for every ordered pair of explained rows, row-major `N x N`.
    func weightedSquaredDifferences(_ input: MetricInput) -> [Double] {
        let similarity = self.similarity.matrix(input.rows, lengthScale: lengthScale)
        return zip(similarity, pairwiseSquaredDistances(input.attributions.values)).map { $0 * $1 }
    }
}

/// `|w_a - w_b|^2` for every pair of attribution rows, row-major `N x N`, in double precision.
private func pairwiseSquaredDistances(_ values: Matrix) -> [Double] {
    let n = values.rows
    var distances = [Double](repeating: 0, count: n * n)
    for a in 0..<n {
        for b in (a + 1)..<n {
            var s = 0.0
            for (u, v) in zip(values.row(a), values.row(b)) { let t = Double(u) - Double(v); s += t * t }
            distances[a * n + b] = s
            distances[b * n + a] = s
        }
    }
    return distances
}
