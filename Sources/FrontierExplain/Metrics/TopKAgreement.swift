import FrontierML

/// Agreement with a reference explainer on the most important features: the share of the
/// reference's top k features (by magnitude) that are also among the explainer's top k,
/// averaged over rows:
///
///     A = mean_n | top_k(|w_n|) intersect top_k(|w_ref_n|) | / k
///
/// Ties keep feature order. Higher is better (1: the same top k).
public struct TopKAgreement: PropertyMetric {
    public struct Settings: PluginSettings {
        public var k = 5

        public init() {}

        public init(k: Int) {
            self.k = k
        }

        public enum CodingKeys: String, CodingKey, CaseIterable { case k }

        public func validate(for plugin: String) throws(ExplainError) {
            guard k >= 1 else { throw ExplainError(plugin: plugin, field: "k", "must be at least 1 (got \(k))") }
        }
    }

    public static let name = "top_k_agreement"
    public static let summary = "mean share of a reference explainer's top-k features that are also in the top k"
    public static let direction = MetricDirection.higherIsBetter
    public static let unit = "share"
    public static let needsReference = true
    public let settings: Settings

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let reference = try reference(of: input)
        let a = input.attributions.values, b = reference.values
        guard a.rows > 0 else { return 0 }
        guard settings.k <= a.cols else {
            throw ExplainError(plugin: Self.name, field: "k", "is \(settings.k) but rows have \(a.cols) features")
        }
        var total = 0.0
        for r in 0..<a.rows {
            let mine = Self.top(settings.k, of: a.row(r)), theirs = Self.top(settings.k, of: b.row(r))
            total += Double(mine.intersection(theirs).count) / Double(settings.k)
        }
        return total / Double(a.rows)
    }

    static func top(_ k: Int, of row: ArraySlice<Float>) -> Set<Int> {
        let magnitudes = row.map(abs)
        return Set(magnitudes.indices.sorted { magnitudes[$0] > magnitudes[$1] || (magnitudes[$0] == magnitudes[$1] && $0 < $1) }.prefix(k))
    }
}
