import Foundation

/// One scatter plot's frame in an SVG: the plot area, the value-to-pixel maps of its two
/// axes, and its axes, ticks, grid and axis labels. Shared by the front plot and the
/// projection plot so both draw axes alike.
struct SVGPlotFrame {
    /// The plot area in SVG user units.
    let left: Double, top: Double, width: Double, height: Double
    let xDomain: (low: Double, high: Double)
    let yDomain: (low: Double, high: Double)

    var right: Double { left + width }
    var bottom: Double { top + height }

    func px(_ v: Double) -> Double { left + (v - xDomain.low) / (xDomain.high - xDomain.low) * width }
    func py(_ v: Double) -> Double { top + height - (v - yDomain.low) / (yDomain.high - yDomain.low) * height }

    /// Axis lines, tick marks with labels and light grid lines, then the two axis labels:
    /// `xLabel` centred at height `xLabelY`, `yLabel` rotated, centred at `yLabelX`.
    func axes(xLabel: String, yLabel: String, xLabelY: Double, yLabelX: Double) -> [String] {
        let n = Self.n, escape = FrontExport.escape
        var s: [String] = []
        s.append(##"<g class="axes" stroke="#333" stroke-width="1">"##)
        s.append(##"<line x1="\##(n(left))" y1="\##(n(bottom))" x2="\##(n(right))" y2="\##(n(bottom))"/>"##)
        s.append(##"<line x1="\##(n(left))" y1="\##(n(top))" x2="\##(n(left))" y2="\##(n(bottom))"/>"##)
        s.append("</g>")
        s.append(##"<g class="ticks" font-size="11" fill="#333">"##)
        for t in NumberFormatting.ticks(low: xDomain.low, high: xDomain.high) {
            let tx = n(px(t))
            s.append(##"<line x1="\##(tx)" y1="\##(n(bottom))" x2="\##(tx)" y2="\##(n(bottom + 5))" stroke="#333"/>"##)
            s.append(##"<line x1="\##(tx)" y1="\##(n(top))" x2="\##(tx)" y2="\##(n(bottom))" stroke="#eee"/>"##)
            s.append(##"<text x="\##(tx)" y="\##(n(bottom + 18))" text-anchor="middle">\##(escape(NumberFormatting.short(t)))</text>"##)
        }
        for t in NumberFormatting.ticks(low: yDomain.low, high: yDomain.high) {
            let ty = n(py(t))
            s.append(##"<line x1="\##(n(left - 5))" y1="\##(ty)" x2="\##(n(left))" y2="\##(ty)" stroke="#333"/>"##)
            s.append(##"<line x1="\##(n(left))" y1="\##(ty)" x2="\##(n(right))" y2="\##(ty)" stroke="#eee"/>"##)
            s.append(##"<text x="\##(n(left - 8))" y="\##(n(py(t) + 4))" text-anchor="end">\##(escape(NumberFormatting.short(t)))</text>"##)
        }
        s.append("</g>")
        let midY = top + height / 2
        s.append(##"<text class="axis-label" x="\##(n(left + width / 2))" y="\##(n(xLabelY))" text-anchor="middle">\##(escape(xLabel))</text>"##)
        s.append(##"<text class="axis-label" x="\##(n(yLabelX))" y="\##(n(midY))" text-anchor="middle" transform="rotate(-90 \##(n(yLabelX)) \##(n(midY)))">\##(escape(yLabel))</text>"##)
        return s
    }

    /// Coordinates with two decimals: plenty for a plot and keeps files small and stable.
    static func n(_ v: Double) -> String {
        String(format: "%.2f", v)
    }

    /// The opening of an SVG figure every plot shares: the root element, the title as
    /// tooltip and as a heading centred on `titleX` at `titleY`, and a white background.
    static func header(width: Double, height: Double, title: String, titleX: Double, titleY: Int,
                       fontSize: Int = 12) -> [String] {
        let escaped = FrontExport.escape(title)
        return [
            ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(n(width))" height="\##(n(height))" viewBox="0 0 \##(n(width)) \##(n(height))" font-family="Helvetica, Arial, sans-serif" font-size="\##(fontSize)">"##,
            "<title>\(escaped)</title>",
            ##"<rect x="0" y="0" width="\##(n(width))" height="\##(n(height))" fill="white"/>"##,
            ##"<text x="\##(n(titleX))" y="\##(titleY)" text-anchor="middle" font-size="15">\##(escaped)</text>"##,
        ]
    }
}
