import FrontierML

/// Agreement with a reference explainer: the Spearman rank correlation between each row's
/// attributions and the reference's (ties get average ranks, as scipy's `spearmanr`),
/// averaged over rows:
///
///     rho_n = Pearson( rank(w_n), rank(w_ref_n) ),   A = mean_n rho_n
///
/// Rows where either vector is constant have no rank order and are left out (NaN when all
/// are). Signed by default; `absolute` ranks magnitudes. Higher is better (1: same order).
public struct SpearmanAgreement: PropertyMetric {
    public static let name = "spearman_agreement"
    public static let summary = "mean Spearman rank correlation with a reference explainer's attributions"
    public static let direction = MetricDirection.higherIsBetter
    public static let unit = "correlation"
    public static let needsReference = true
    public let settings: MagnitudeSettings

    public init(validated settings: MagnitudeSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let reference = try reference(of: input)
        let a = input.attributions.values, b = reference.values
        var total = 0.0, counted = 0
        for r in 0..<a.rows {
            let read = { (v: Float) in Double(settings.absolute ? abs(v) : v) }
            if let rho = Self.spearman(a.row(r).map(read), b.row(r).map(read)) {
                total += rho
                counted += 1
            }
        }
        return counted > 0 ? total / Double(counted) : .nan
    }

    /// Spearman's rho, or nil when either vector is constant.
    static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        let rx = ranks(x), ry = ranks(y)
        let n = Double(x.count)
        let mx = rx.reduce(0, +) / n, my = ry.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (u, v) in zip(rx, ry) {
            sxy += (u - mx) * (v - my)
            sxx += (u - mx) * (u - mx)
            syy += (v - my) * (v - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// 1-based ranks, ties sharing their average rank.
    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let average = Double(start + end) / 2 + 1
            for i in start...end { ranks[order[i]] = average }
            start = end + 1
        }
        return ranks
    }
}
