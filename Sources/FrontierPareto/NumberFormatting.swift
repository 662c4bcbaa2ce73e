import Foundation

/// Number formatting and axis arithmetic shared by the exporters and renderers,
/// kept in one place so the table, the scatter plot and the SVG agree.
enum NumberFormatting {
    /// Compact human form: four significant digits (`0.1523`, `2.1e-05`).
    static func short(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        return String(format: "%.4g", value)
    }

    /// `mean ± std`, the std with two significant digits (enough to judge overlap).
    static func meanStd(_ mean: Double, _ std: Double) -> String {
        "\(short(mean)) ± \(String(format: "%.2g", std))"
    }

    /// A finite, non-empty interval covering `values`, padded by `padding` of its
    /// span on each side; a degenerate interval is widened around its value.
    static func domain(_ values: [Double], padding: Double) -> (low: Double, high: Double) {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return (0, 1) }
        if high - low <= 0 {
            let half = low == 0 ? 1 : abs(low) * 0.1
            return (low - half, high + half)
        }
        let pad = (high - low) * padding
        low -= pad
        high += pad
        return (low, high)
    }

    /// About `target` "nice" tick values (steps of 1, 2 or 5 times a power of ten) within `low...high`.
    static func ticks(low: Double, high: Double, target: Int = 5) -> [Double] {
        let span = high - low
        guard span > 0, span.isFinite else { return [low] }
        let raw = span / Double(max(target, 1))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var k = (low / step).rounded(.up)
        while k * step <= high + step * 1e-9 {
            // Snap values like 0.30000000000000004 so labels stay short.
            let v = k * step
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return ticks
    }
}
