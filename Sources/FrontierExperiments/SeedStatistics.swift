import Foundation
import FrontierPareto

/// Means and standard deviations over seeds, and their table cells, for the result tables.
public enum SeedStatistics {
    /// Mean and sample standard deviation of the finite values, as the fronts summarise
    /// replicates (`ObjectiveSummary`); nil without any.
    public static func stats(_ values: [Double]) -> (mean: Double, std: Double)? {
        let summary = ObjectiveSummary(values)
        guard summary.count > 0 else { return nil }
        return (summary.mean, summary.standardDeviation)
    }

    /// `mean ± std` with `digits` decimals, or in exponent form below 0.01; `-` without values.
    public static func cell(_ values: [Double], digits: Int = 3) -> String {
        guard let s = stats(values) else { return "-" }
        if abs(s.mean) < 0.01 && s.mean != 0 {
            return String(format: "%.2e ± %.1e", s.mean, s.std)
        }
        return String(format: "%.\(digits)f ± %.\(digits)f", s.mean, s.std)
    }
}
