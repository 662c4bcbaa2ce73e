import Foundation

/// Means and standard deviations over seeds, and their table cells, for the result tables.
enum SeedStatistics {
    /// Mean and sample standard deviation of the finite values; nil without any.
    static func stats(_ values: [Double]) -> (mean: Double, std: Double)? {
        let v = values.filter { $0.isFinite }
        guard !v.isEmpty else { return nil }
        let mean = v.reduce(0, +) / Double(v.count)
        let variance = v.count > 1 ? v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1) : 0
        return (mean, variance.squareRoot())
    }

    /// `mean ± std` with `digits` decimals, or in exponent form below 0.01; `-` without values.
    static func cell(_ values: [Double], digits: Int = 3) -> String {
        guard let s = stats(values) else { return "-" }
        if abs(s.mean) < 0.01 && s.mean != 0 {
            return String(format: "%.2e ± %.1e", s.mean, s.std)
        }
        return String(format: "%.\(digits)f ± %.\(digits)f", s.mean, s.std)
    }
}
