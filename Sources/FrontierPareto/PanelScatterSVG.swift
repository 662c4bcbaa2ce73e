import Foundation

/// A grid of scatter panels in one self-contained SVG, for figures that compare methods on
/// several problems (POE's Figures 2 and 3: one panel per function, one series per method).
public enum PanelScatterSVG {
    /// How a series is drawn.
    public enum Marker: String, Sendable {
        case circle, cross, square
        /// Points joined in the given order by a line, each with a small dot.
        case line
    }

    public struct Series: Sendable {
        public var name: String
        public var colour: String
        public var marker: Marker
        public var points: [(x: Double, y: Double)]

        public init(name: String, colour: String, marker: Marker, points: [(x: Double, y: Double)]) {
            self.name = name
            self.colour = colour
            self.marker = marker
            self.points = points
        }
    }

    public struct Panel: Sendable {
        public var title: String
        public var xLabel: String
        public var yLabel: String
        public var series: [Series]

        public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
            self.title = title
            self.xLabel = xLabel
            self.yLabel = yLabel
            self.series = series
        }
    }

    /// The Okabe-Ito palette, colour-blind safe.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// `panels` in rows of `columns`, a shared legend (every series name once) below, a title on top.
    public static func render(_ panels: [Panel], columns: Int, title: String) -> String {
        let (panelWidth, panelHeight) = (300.0, 240.0)
        let (left, right, top, bottom) = (62.0, 12.0, 30.0, 44.0)
        let rows = (panels.count + columns - 1) / max(columns, 1)
        var legend: [(String, String, Marker)] = []
        for s in panels.flatMap(\.series) where !legend.contains(where: { $0.0 == s.name }) { legend.append((s.name, s.colour, s.marker)) }
        let width = Double(columns) * panelWidth
        let height = 40 + Double(rows) * panelHeight + 30
        var out: [String] = []
        out.append(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        out += SVGPlotFrame.header(width: width, height: height, title: title, titleX: width / 2, titleY: 22, fontSize: 10)
        for (index, panel) in panels.enumerated() {
            let ox = Double(index % columns) * panelWidth, oy = 40 + Double(index / columns) * panelHeight
            out.append(contentsOf: render(panel, x0: ox + left, y0: oy + top, width: panelWidth - left - right,
                                          height: panelHeight - top - bottom, originY: oy))
        }
        var lx = 20.0
        let ly = height - 14
        out.append(#"<g class="legend">"#)
        for (name, colour, marker) in legend {
            out.append(symbol(marker, x: lx + 5, y: ly - 3, colour: colour))
            out.append(#"<text x="\#(n(lx + 14))" y="\#(n(ly + 1))">\#(FrontExport.escape(name))</text>"#)
            lx += 24 + 6.5 * Double(name.count)
        }
        out.append("</g>")
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private static func render(_ panel: Panel, x0: Double, y0: Double, width: Double, height: Double, originY: Double) -> [String] {
        let all = panel.series.flatMap(\.points)
        let xs = NumberFormatting.domain(all.map(\.x), padding: 0.05), ys = NumberFormatting.domain(all.map(\.y), padding: 0.05)
        func px(_ v: Double) -> Double { x0 + (v - xs.low) / (xs.high - xs.low) * width }
        func py(_ v: Double) -> Double { y0 + height - (v - ys.low) / (ys.high - ys.low) * height }
        var out: [String] = [#"<g class="panel" data-title="\#(FrontExport.escape(panel.title))">"#]
        out.append(#"<text x="\#(n(x0 + width / 2))" y="\#(n(originY + 20))" text-anchor="middle" font-size="12">\#(FrontExport.escape(panel.title))</text>"#)
        out.append(#"<rect x="\#(n(x0))" y="\#(n(y0))" width="\#(n(width))" height="\#(n(height))" fill="none" stroke="rgb(51,51,51)"/>"#)
        for t in NumberFormatting.ticks(low: xs.low, high: xs.high, target: 4) {
            out.append(#"<line x1="\#(n(px(t)))" y1="\#(n(y0 + height))" x2="\#(n(px(t)))" y2="\#(n(y0 + height + 4))" stroke="rgb(51,51,51)"/>"#)
            out.append(#"<text x="\#(n(px(t)))" y="\#(n(y0 + height + 14))" text-anchor="middle">\#(NumberFormatting.short(t))</text>"#)
        }
        for t in NumberFormatting.ticks(low: ys.low, high: ys.high, target: 4) {
            out.append(#"<line x1="\#(n(x0 - 4))" y1="\#(n(py(t)))" x2="\#(n(x0))" y2="\#(n(py(t)))" stroke="rgb(51,51,51)"/>"#)
            out.append(#"<text x="\#(n(x0 - 6))" y="\#(n(py(t) + 3))" text-anchor="end">\#(NumberFormatting.short(t))</text>"#)
        }
        out.append(#"<text x="\#(n(x0 + width / 2))" y="\#(n(y0 + height + 30))" text-anchor="middle">\#(FrontExport.escape(panel.xLabel))</text>"#)
        out.append(#"<text x="\#(n(x0 - 48))" y="\#(n(y0 + height / 2))" text-anchor="middle" transform="rotate(-90 \#(n(x0 - 48)) \#(n(y0 + height / 2)))">\#(FrontExport.escape(panel.yLabel))</text>"#)
        for s in panel.series {
            out.append(#"<g class="series" data-name="\#(FrontExport.escape(s.name))">"#)
            if s.marker == .line, let first = s.points.first {
                var d = "M \(n(px(first.x))) \(n(py(first.y)))"
                for p in s.points.dropFirst() { d += " L \(n(px(p.x))) \(n(py(p.y)))" }
                out.append(#"<path d="\#(d)" fill="none" stroke="\#(s.colour)" stroke-width="1.5"/>"#)
            }
            for p in s.points { out.append(symbol(s.marker, x: px(p.x), y: py(p.y), colour: s.colour)) }
            out.append("</g>")
        }
        out.append("</g>")
        return out
    }

    private static func symbol(_ marker: Marker, x: Double, y: Double, colour: String) -> String {
        switch marker {
        case .circle:
            return #"<circle class="marker" cx="\#(n(x))" cy="\#(n(y))" r="3.5" fill="\#(colour)" fill-opacity="0.7"/>"#
        case .square:
            return #"<rect class="marker" x="\#(n(x - 3))" y="\#(n(y - 3))" width="6" height="6" fill="\#(colour)" fill-opacity="0.7"/>"#
        case .cross:
            return #"<path class="marker" d="M \#(n(x - 3.5)) \#(n(y - 3.5)) L \#(n(x + 3.5)) \#(n(y + 3.5)) M \#(n(x - 3.5)) \#(n(y + 3.5)) L \#(n(x + 3.5)) \#(n(y - 3.5))" stroke="\#(colour)" stroke-width="1.5"/>"#
        case .line:
            return #"<circle class="marker" cx="\#(n(x))" cy="\#(n(y))" r="1.8" fill="\#(colour)"/>"#
        }
    }

    private static func n(_ v: Double) -> String { String(format: "%.2f", v) }
}
