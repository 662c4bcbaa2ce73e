import Foundation
import FrontierExplain

/// One explained row as people read it: its strongest features (largest |attribution|)
/// with their raw values, the rest summed, and the base value and prediction.
struct AttributionView {
    struct Item {
        var label: String
        var value: Double
    }

    var title: String
    var kind: AttributionKind
    var items: [Item]
    /// The sum of the attributions not shown, and how many they are.
    var rest: Double
    var restCount: Int
    var baseValue: Double?
    var prediction: Double
    var outputLabel: String

    init(_ row: ExplanationReport.Row, featureNames: [String], raw: [String: String], kind: AttributionKind, top: Int) {
        let order = row.attributions.indices.sorted { abs(row.attributions[$0]) > abs(row.attributions[$1]) }
        let shown = order.prefix(top)
        items = shown.map { j in Item(label: Self.label(featureNames[j], raw: raw), value: row.attributions[j]) }
        rest = order.dropFirst(top).reduce(0) { $0 + row.attributions[$1] }
        restCount = max(0, order.count - top)
        title = row.row
        self.kind = kind
        baseValue = row.baseValue
        prediction = row.prediction
        outputLabel = row.outputLabel
    }

    /// `age = 38` for a numeric column with its raw value; a one-hot column's name says its value already.
    static func label(_ feature: String, raw: [String: String]) -> String {
        guard !feature.contains("="), let value = raw[feature] else { return feature }
        return "\(feature) = \(value)"
    }
}

/// Terminal bars: for each row its strongest features, positive bars (evidence for the output)
/// to the right of the axis and negative to the left, scaled to the row's largest attribution.
enum AttributionBars {
    static let halfWidth = 20

    static func render(_ view: AttributionView, colour: Bool) -> String {
        var lines: [String] = []
        let base = view.baseValue.map { String(format: ", base %.4g", $0) } ?? ""
        let reading = view.kind == .contribution ? "contributions: base + sum = \(view.outputLabel)" : "slopes of \(view.outputLabel)"
        lines.append(String(format: "%@  %@ = %.4g%@  (%@)", view.title, view.outputLabel, view.prediction, base, reading))
        let scale = view.items.map { abs($0.value) }.max() ?? 0
        let labelWidth = min(40, max(12, view.items.map(\.label.count).max() ?? 0))
        for item in view.items {
            let label = item.label.count > labelWidth ? String(item.label.prefix(labelWidth - 1)) + "…" : item.label
            lines.append("  " + label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + " "
                         + bar(item.value, scale: scale, colour: colour) + " " + String(format: "%+.4g", item.value))
        }
        if view.restCount > 0 {
            lines.append("  " + "\(view.restCount) other features".padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                         + " " + String(repeating: " ", count: 2 * halfWidth + 1) + " " + String(format: "%+.4g", view.rest))
        }
        return lines.joined(separator: "\n")
    }

    /// `        ████|` for negative values, `|████▌      ` for positive ones, in eighths on the right.
    static func bar(_ value: Double, scale: Double, colour: Bool) -> String {
        let eighths = scale > 0 ? Int((abs(value) / scale * Double(halfWidth * 8)).rounded()) : 0
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        let (red, blue, reset) = colour ? ("\u{1B}[31m", "\u{1B}[34m", "\u{1B}[0m") : ("", "", "")
        if value >= 0 {
            let body = String(repeating: "█", count: eighths / 8) + partials[eighths % 8]
            return String(repeating: " ", count: halfWidth) + "|" + red + body + reset
                + String(repeating: " ", count: halfWidth - body.count)
        }
        let cells = (eighths + 4) / 8
        let body = String(repeating: "█", count: cells)
        return String(repeating: " ", count: halfWidth - cells) + blue + body + reset + "|" + String(repeating: " ", count: halfWidth)
    }
}
