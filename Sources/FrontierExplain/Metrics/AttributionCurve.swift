import FrontierML

/// The settings of the deletion and insertion curves.
public struct AttributionCurveSettings: PluginSettings {
    /// Rank features by signed attribution (most positive first) or by magnitude.
    public enum Order: String, Codable, CaseIterable, Sendable {
        case signed, absolute
    }

    /// What one step moves.
    public enum Unit: String, Codable, CaseIterable, Sendable {
        /// One feature: ranked by its attribution.
        case feature
        /// One of the context's feature groups (a user's column, an image patch), all its
        /// features at once: ranked by the sum of its features' attributions (their mean for
        /// selection probabilities, which every feature of a group shares).
        case group
    }

    /// What a removed (deletion) or not yet inserted (insertion) feature is set to.
    public var baseline: Baseline = .mean
    public var order: Order = .signed
    public var unit: Unit = .feature
    /// Points on the curve after the start; nil means one per unit (D features or G groups).
    public var steps: Int?

    public init() {}

    public init(baseline: Baseline = .mean, order: Order = .signed, unit: Unit = .feature, steps: Int? = nil) {
        self.baseline = baseline
        self.order = order
        self.unit = unit
        self.steps = steps
    }

    public enum CodingKeys: String, CodingKey, CaseIterable { case baseline, order, unit, steps }

    public func validate(for plugin: String) throws(ExplainError) {
        if let steps, steps < 1 { throw ExplainError(plugin: plugin, field: "steps", "must be at least 1 (got \(steps))") }
    }
}

/// Deletion and insertion curves (Petsiuk et al., 2018, RISE): features are moved in
/// attribution order, most important first, between the row and the baseline, and the
/// explained output is read after each step; the area under the curve over the fraction
/// of features moved (trapezoid rule on [0, 1]) is the score.
///
/// Signed order (the default) ranks the evidence *for* the explained output first, so
/// deleting it should lower the output fastest; ranking by magnitude mixes evidence for
/// and against. Ties keep feature order. All curve points of all rows go through the
/// model in batched calls: `N (steps + 1)` evaluations.
enum AttributionCurve {
    enum Direction { case deletion, insertion }

    /// The mean area under the curves of all rows.
    static func meanArea(_ input: MetricInput, direction: Direction, settings: AttributionCurveSettings, plugin: String,
                         model: inout MeteredModel, context: ExplanationContext) throws(ExplainError) -> Double {
        let rows = input.rows, a = input.attributions
        let n = rows.rows, d = rows.cols
        guard n > 0, d > 0 else { return 0 }
        let reference = try settings.baseline.row(width: d, context: context, plugin: plugin, field: "baseline")
        let units = settings.unit == .group ? context.featureGroups.members : (0..<d).map { [$0] }
        let steps = settings.steps ?? units.count
        let points = steps + 1
        let moved = (0...steps).map { Int((Double($0) * Double(units.count) / Double(steps)).rounded()) }
        let orders = (0..<n).map { r in
            let w = unitScores(a.values.row(r), units: units, kind: a.kind).map { settings.order == .signed ? $0 : abs($0) }
            return w.indices.sorted { w[$0] > w[$1] || (w[$0] == w[$1] && $0 < $1) }
        }
        let curves = model.outputs(ofSynthetic: n * points) { first, chunk in
            for i in 0..<chunk.rows {
                let r = (first + i) / points, count = moved[(first + i) % points]
                // Deletion starts from the row, insertion from the baseline.
                for j in 0..<d { chunk[i, j] = direction == .deletion ? rows[r, j] : reference[j] }
                for u in orders[r].prefix(count) {
                    for f in units[u] { chunk[i, f] = direction == .deletion ? reference[f] : rows[r, f] }
                }
            }
        }
        var total = 0.0
        for r in 0..<n {
            let k = a.outputs[r]
            for p in 0..<steps {
                total += (Double(curves[r * points + p, k]) + Double(curves[r * points + p + 1, k])) / 2 / Double(steps)
            }
        }
        return total / Double(n)
    }

    /// Each unit's attribution: the sum of its features' (their mean for selection probabilities).
    private static func unitScores(_ w: ArraySlice<Float>, units: [[Int]], kind: AttributionKind) -> [Float] {
        units.map { members in
            let sum = members.reduce(Float(0)) { $0 + w[w.startIndex + $1] }
            return kind == .selectionProbability ? sum / Float(members.count) : sum
        }
    }
}
