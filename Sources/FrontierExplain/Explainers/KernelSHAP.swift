import FrontierML

/// KernelSHAP (Lundberg and Lee, 2017), as shap's `KernelExplainer` computes it.
///
/// The value of a coalition S of features is the background-weighted mean output with
/// S's features taken from the row and the others from each background row
/// (`v(S) = sum_b w_b f(x_S, b_rest)`); the Shapley values are the solution of the
/// Shapley-kernel weighted regression of v on the coalition masks under the efficiency
/// constraint, so they sum exactly to `f(x) - E f(background)` (the base value).
///
/// Features equal to the row in every background row cannot change the output: they get
/// 0 and are left out of the coalitions (shap's "varying features"). With at most
/// `exactUpTo` varying features every coalition is enumerated and the values are exact;
/// otherwise `samples` coalitions are drawn with shap's scheme (see `ShapleyCoalitions`).
/// All coalitions of a row go through the model in batched calls of up to a chunk each.
public struct KernelSHAP: Explainer {
    public struct Settings: PluginSettings {
        /// Coalitions evaluated per row; nil means shap's `"auto"`, `2 M + 2048` for M varying
        /// features. Never more than the `2^M - 2` coalitions there are.
        public var samples: Int?
        /// Enumerate all `2^M - 2` coalitions (exact Shapley values) when M is at most this.
        public var exactUpTo: Int = 12

        public init() {}

        public init(samples: Int? = nil, exactUpTo: Int = 12) {
            self.samples = samples
            self.exactUpTo = exactUpTo
        }

        public enum CodingKeys: String, CodingKey, CaseIterable {
            case samples, exactUpTo = "exact_up_to"
        }

        public func validate(for plugin: String) throws(ExplainError) {
            if let samples, samples < 2 {
                throw ExplainError(plugin: plugin, field: "samples", "must be at least 2 (got \(samples))")
            }
            guard (0...20).contains(exactUpTo) else {
                throw ExplainError(plugin: plugin, field: "exact_up_to", "must lie in 0...20 (got \(exactUpTo)): 2^M coalitions are evaluated")
            }
        }
    }

    public static let name = "kernelshap"
    public static let summary = "Shapley values by Shapley-kernel weighted regression over feature coalitions (shap's KernelExplainer)"
    public let settings: Settings
    public var kind: AttributionKind { .contribution }

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions] {
        let n = rows.rows, d = rows.cols
        let base = context.expectedOutput(of: &model)
        let fx = model.outputs(rows)
        var values = outputs.map { _ in Matrix(rows: n, cols: d) }
        for r in 0..<n {
            let x = rows.row(r)
            let varying = Self.varyingFeatures(x, background: context.background)
            let explained = outputs.map { $0[r] }
            let totals = explained.map { Double(fx[r, $0]) - base[$0] }
            let phis: [[Double]]
            switch varying.count {
            case 0: phis = explained.map { _ in [] }
            case 1: phis = totals.map { [$0] }
            default:
                let coalitions = plan(players: varying.count, generator: &generator)
                let coalitionValues = Self.evaluate(coalitions, row: x, varying: varying, context: context, model: &model)
                let regression = ShapleyRegression(coalitions)
                let width = model.outputWidth
                phis = try explained.indices.map { (s) throws(ExplainError) -> [Double] in
                    let k = explained[s]
                    let v = (0..<coalitions.count).map { coalitionValues[$0 * width + k] - base[k] }
                    return try regression.solve(values: v, total: totals[s])
                }
            }
            for s in outputs.indices {
                for (i, j) in varying.enumerated() { values[s][r, j] = Float(phis[s][i]) }
            }
        }
        return outputs.indices.map { s in
            Attributions(kind: kind, values: values[s], outputs: outputs[s], baseValues: outputs[s].map { Float(base[$0]) })
        }
    }

    /// The coalitions to evaluate for M varying features.
    private func plan(players m: Int, generator: inout SeededGenerator) -> ShapleyCoalitions {
        if m <= settings.exactUpTo { return .exhaustive(players: m) }
        var budget = settings.samples ?? 2 * m + 2048
        if m <= 30 { budget = min(budget, (1 << m) - 2) }
        return .sampled(players: m, budget: budget, generator: &generator)
    }

    /// Features where some background row differs from the row (numpy's `isclose`:
    /// `|a - b| <= 1e-8 + 1e-5 |b|`).
    static func varyingFeatures(_ x: ArraySlice<Float>, background: Matrix) -> [Int] {
        let values = Array(x)
        return values.indices.filter { j in
            let v = Double(values[j])
            return (0..<background.rows).contains { b in
                let reference = Double(background[b, j])
                return abs(v - reference) > 1e-8 + 1e-5 * abs(reference)
            }
        }
    }

    /// `v(S)` for every coalition and output: `count x outputs`, flattened.
    private static func evaluate(_ coalitions: ShapleyCoalitions, row x: ArraySlice<Float>, varying: [Int],
                                 context: ExplanationContext, model: inout MeteredModel) -> [Double] {
        let background = context.background, b = background.rows, d = background.cols
        let instance = Array(x)
        let out = model.outputs(ofSynthetic: coalitions.count * b) { first, chunk in
            chunk.scalars.withUnsafeMutableBufferPointer { z in
                background.scalars.withUnsafeBufferPointer { bg in
                    for i in 0..<chunk.rows {
                        let synthetic = first + i, coalition = synthetic / b, reference = synthetic % b
                        let row = z.baseAddress! + i * d
                        row.update(from: bg.baseAddress! + reference * d, count: d)
                        let mask = coalitions.mask(coalition)
                        for (p, j) in varying.enumerated() where mask[mask.startIndex + p] == 1 { row[j] = instance[j] }
                    }
                }
            }
        }
        let k = out.cols
        var values = [Double](repeating: 0, count: coalitions.count * k)
        for c in 0..<coalitions.count {
            for r in 0..<b {
                let w = context.backgroundWeights[r]
                for j in 0..<k { values[c * k + j] += w * Double(out.scalars[(c * b + r) * k + j]) }
            }
        }
        return values
    }
}
