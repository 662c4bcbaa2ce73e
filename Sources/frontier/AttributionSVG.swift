import Foundation
import FrontierExplain

/// One row's explanation as an SVG plot, as shap draws it: a waterfall for additive
/// contributions (from the base value E[f(X)] at the bottom, the other features first, then
/// the strongest features up to f(x) at the top) and a bar plot from zero for slopes. Red bars
/// raise the output, blue ones lower it.
enum AttributionSVG {
    static let positive = "#ff0051", negative = "#008bfb"

    static func render(_ view: AttributionView) -> String {
        let waterfall = view.kind == .contribution && view.baseValue != nil
        var entries = view.items.map { ($0.label, $0.value) }
        if view.restCount > 0 { entries.append(("\(view.restCount) other features", view.rest)) }
        // Each bar's start and end: chained from the base value (bottom bar first) or from zero.
        var spans = [(Double, Double)](repeating: (0, 0), count: entries.count)
        var running = view.baseValue ?? 0
        for i in entries.indices.reversed() {
            let value = entries[i].1
            spans[i] = waterfall ? (running, running + value) : (0, value)
            if waterfall { running += value }
        }
        // A waterfall spans its bars and both ends; a bar plot starts at zero.
        var bounds: [Double] = spans.flatMap { [$0.0, $0.1] }
        bounds += waterfall ? [view.baseValue!, view.prediction] : [0]
        var low: Double = bounds.min()!, high: Double = bounds.max()!
        if high - low < 1e-12 { (low, high) = (low - 1, high + 1) }
        // Room for the value labels beside the outermost bars.
        let pad = (high - low) * 0.16
        (low, high) = (low - pad, high + pad)

        let rowHeight = 26.0, top = 64.0, labelWidth = 280.0, plotWidth = 420.0, width = labelWidth + plotWidth + 40
        let height = top + rowHeight * Double(entries.count) + 70
        func x(_ v: Double) -> Double { labelWidth + (v - low) / (high - low) * plotWidth }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="12" y="22" font-size="14">\(escape(view.title))</text>
            <text x="12" y="42" fill="#555">\(escape(subtitle(view, waterfall: waterfall)))</text>

            """
        for (i, (label, value)) in entries.enumerated() {
            let y = top + rowHeight * Double(i)
            let (a, b) = spans[i]
            let left = x(min(a, b)), right = x(max(a, b))
            let colour = value >= 0 ? positive : negative
            out += "<text x=\"\(f(labelWidth - 10))\" y=\"\(f(y + rowHeight / 2 + 4))\" text-anchor=\"end\">\(escape(label))</text>\n"
            out += "<rect x=\"\(f(left))\" y=\"\(f(y + 4))\" width=\"\(f(max(1, right - left)))\" height=\"\(f(rowHeight - 8))\" fill=\"\(colour)\"/>\n"
            let anchor = value >= 0 ? "start" : "end"
            let labelX = value >= 0 ? right + 4 : left - 4
            out += "<text x=\"\(f(labelX))\" y=\"\(f(y + rowHeight / 2 + 4))\" text-anchor=\"\(anchor)\" fill=\"\(colour)\">\(String(format: "%+.3g", value))</text>\n"
        }
        let axisY = top + rowHeight * Double(entries.count) + 6
        out += "<line x1=\"\(f(labelWidth))\" y1=\"\(f(axisY))\" x2=\"\(f(labelWidth + plotWidth))\" y2=\"\(f(axisY))\" stroke=\"#333\"/>\n"
        for tick in ticks(low, high) {
            out += "<line x1=\"\(f(x(tick)))\" y1=\"\(f(axisY))\" x2=\"\(f(x(tick)))\" y2=\"\(f(axisY + 5))\" stroke=\"#333\"/>\n"
            out += "<text x=\"\(f(x(tick)))\" y=\"\(f(axisY + 18))\" text-anchor=\"middle\" fill=\"#333\">\(String(format: "%.3g", tick))</text>\n"
        }
        let reference = waterfall ? [(view.baseValue!, "E[f(X)] = \(String(format: "%.3g", view.baseValue!))", axisY + 36),
                                     (view.prediction, "f(x) = \(String(format: "%.3g", view.prediction))", top - 6)]
            : [(0, "", axisY + 36)]
        for (value, text, y) in reference {
            out += "<line x1=\"\(f(x(value)))\" y1=\"\(f(top - 2))\" x2=\"\(f(x(value)))\" y2=\"\(f(axisY))\" stroke=\"#999\" stroke-dasharray=\"3,3\"/>\n"
            out += "<text x=\"\(f(x(value)))\" y=\"\(f(y))\" text-anchor=\"middle\" fill=\"#333\">\(escape(text))</text>\n"
        }
        return out + "</svg>\n"
    }

    static func subtitle(_ view: AttributionView, waterfall: Bool) -> String {
        let prediction = "\(view.outputLabel) = \(String(format: "%.4g", view.prediction))"
        return waterfall ? "\(prediction): contributions from E[f(X)] to f(x)"
            : "\(prediction): \(view.kind == .slope ? "local slopes" : "contributions")"
    }

    /// About five round tick values covering [low, high].
    static func ticks(_ low: Double, _ high: Double) -> [Double] {
        let raw = (high - low) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var values: [Double] = []
        var v = ceil(low / step) * step
        while v <= high + step * 1e-9 { values.append(abs(v) < step * 1e-9 ? 0 : v); v += step }
        return values
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
