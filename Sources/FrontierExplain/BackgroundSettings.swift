import FrontierML

/// How the background set is drawn from the training rows.
public struct BackgroundSettings: PluginSettings {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// `size` training rows drawn without replacement, equally weighted (`shap.sample`).
        case sample
        /// `size` k-means centroids weighted by their cluster sizes (`shap.kmeans`).
        case kmeans
    }

    public var kind: Kind = .kmeans
    /// Background rows (or centroids). With at least as many, all training rows are used.
    public var size: Int = 10
    /// Snap every centroid coordinate to the nearest value the feature takes in the
    /// training rows, so one-hot columns stay 0 or 1 (`shap.kmeans(round_values=True)`).
    public var roundValues: Bool = true
    /// k-means restarts; the best is kept (scikit-learn's `n_init`, 10 in `shap.kmeans`).
    public var restarts: Int = 10

    public init() {}

    public init(kind: Kind, size: Int, roundValues: Bool = true, restarts: Int = 10) {
        self.kind = kind
        self.size = size
        self.roundValues = roundValues
        self.restarts = restarts
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, size, roundValues = "round_values", restarts
    }

    public func validate(for plugin: String) throws(ExplainError) {
        guard size >= 1 else { throw ExplainError(plugin: plugin, field: "size", "must be at least 1 (got \(size))") }
        guard restarts >= 1 else { throw ExplainError(plugin: plugin, field: "restarts", "must be at least 1 (got \(restarts))") }
    }

    /// The background rows and their weights.
    func summarise(_ training: Matrix, generator: inout SeededGenerator) -> (Matrix, [Double]) {
        guard size < training.rows else { return (training, [Double](repeating: 1, count: training.rows)) }
        switch kind {
        case .sample:
            let chosen = Array(generator.permutation(training.rows).prefix(size))
            return (training.gatherRows(chosen), [Double](repeating: 1, count: size))
        case .kmeans:
            let clustering = KMeans(clusters: size, restarts: restarts).fit(training, generator: &generator)
            let centroids = roundValues ? Self.snapped(clustering.centroids, to: training) : clustering.centroids
            return (centroids, clustering.sizes.map(Double.init))
        }
    }

    /// Each coordinate replaced by the nearest value of that feature in `training`.
    private static func snapped(_ centroids: Matrix, to training: Matrix) -> Matrix {
        var out = centroids
        for j in 0..<training.cols {
            let values = Array(Set(training.column(j))).sorted()
            for c in 0..<centroids.rows {
                let v = centroids[c, j]
                // First value >= v, then the closer of it and its predecessor.
                var low = 0, high = values.count
                while low < high { let mid = (low + high) / 2; if values[mid] < v { low = mid + 1 } else { high = mid } }
                let above = min(low, values.count - 1), below = max(low - 1, 0)
                out[c, j] = abs(values[below] - v) <= abs(values[above] - v) ? values[below] : values[above]
            }
        }
        return out
    }
}
