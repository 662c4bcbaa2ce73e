import Foundation

/// Labelled grids of signed values drawn as heat maps side by side in one SVG: a linear
/// model's coefficients over an image's pixels, one grid per class.
public enum HeatmapSVG {
    /// One heat map: a label and `rows x cols` values, row-major; NaN marks a cell with no value.
    public struct Panel: Sendable {
        public var label: String
        public var rows: Int
        public var cols: Int
        public var values: [Double]
        /// A line under the grid (e.g. the intercept), or empty.
        public var caption: String

        public init(label: String, rows: Int, cols: Int, values: [Double], caption: String = "") {
            precondition(rows > 0 && cols > 0 && values.count == rows * cols, "a heat map needs rows x cols values")
            self.label = label
            self.rows = rows
            self.cols = cols
            self.values = values
            self.caption = caption
        }
    }

    /// Diverging scale (ColorBrewer RdBu): negative blue, zero white, positive red.
    private static let negative = (33.0, 102.0, 172.0), zero = (247.0, 247.0, 247.0), positive = (178.0, 24.0, 43.0)

    /// The panels in rows of at most `perRow`, each cell a square (class `cell`) coloured on
    /// one scale shared by all panels, symmetric about zero (its ends are ± the largest
    /// absolute value), so panels compare by colour and white always means 0. Cells without
    /// a value are grey. A colour bar with the scale's ends follows. All text is XML-escaped.
    public static func svg(_ panels: [Panel], title: String, perRow: Int = 5) -> String {
        let n = SVGPlotFrame.n, escape = FrontExport.escape
        let largest = panels.flatMap(\.values).filter(\.isFinite).map(abs).max() ?? 0
        let extent = largest > 0 ? largest : 1
        let side = Double(panels.map { max($0.rows, $0.cols) }.max() ?? 1)
        let cell = max(3, (160 / side).rounded(.down))
        let panelSize = cell * side, gap = 24.0, top = 48.0, labelSpace = 20.0, captionSpace = 18.0
        let columns = max(1, min(perRow, panels.count))
        let lines = (panels.count + columns - 1) / columns
        let width = gap + Double(columns) * (panelSize + gap)
        let rowHeight = labelSpace + panelSize + captionSpace + gap
        let height = top + Double(lines) * rowHeight + 50

        var s: [String] = []
        s.append(##"<?xml version="1.0" encoding="UTF-8"?>"##)
        s += SVGPlotFrame.header(width: width, height: height, title: title, titleX: width / 2, titleY: 26)
        for (k, panel) in panels.enumerated() {
            let x0 = gap + Double(k % columns) * (panelSize + gap)
            let y0 = top + Double(k / columns) * rowHeight
            s.append(##"<g class="heatmap" data-label="\##(escape(panel.label))">"##)
            s.append(##"<text x="\##(n(x0 + panelSize / 2))" y="\##(n(y0 + 14))" text-anchor="middle">\##(escape(panel.label))</text>"##)
            for r in 0..<panel.rows {
                for c in 0..<panel.cols {
                    let v = panel.values[r * panel.cols + c]
                    s.append(##"<rect class="cell" x="\##(n(x0 + Double(c) * cell))" y="\##(n(y0 + labelSpace + Double(r) * cell))" width="\##(n(cell))" height="\##(n(cell))" fill="\##(colour(v, extent: extent))"/>"##)
                }
            }
            s.append(##"<rect x="\##(n(x0))" y="\##(n(y0 + labelSpace))" width="\##(n(Double(panel.cols) * cell))" height="\##(n(Double(panel.rows) * cell))" fill="none" stroke="#666" stroke-width="0.5"/>"##)
            if !panel.caption.isEmpty {
                s.append(##"<text x="\##(n(x0 + panelSize / 2))" y="\##(n(y0 + labelSpace + panelSize + 14))" text-anchor="middle" font-size="10" fill="#555">\##(escape(panel.caption))</text>"##)
            }
            s.append("</g>")
        }
        // Colour bar: 21 steps from -extent to +extent.
        let barY = height - 36, barWidth = min(width - 2 * gap, 300.0), barX = (width - barWidth) / 2
        s.append(##"<g class="colour-bar">"##)
        for i in 0...20 {
            let v = extent * (Double(i) / 10 - 1)
            s.append(##"<rect x="\##(n(barX + Double(i) * barWidth / 21))" y="\##(n(barY))" width="\##(n(barWidth / 21 + 0.5))" height="10" fill="\##(colour(v, extent: extent))"/>"##)
        }
        s.append(##"<text x="\##(n(barX))" y="\##(n(barY + 24))" text-anchor="start" font-size="11">\##(escape(NumberFormatting.short(-extent)))</text>"##)
        s.append(##"<text x="\##(n(barX + barWidth / 2))" y="\##(n(barY + 24))" text-anchor="middle" font-size="11">0</text>"##)
        s.append(##"<text x="\##(n(barX + barWidth))" y="\##(n(barY + 24))" text-anchor="end" font-size="11">\##(escape(NumberFormatting.short(extent)))</text>"##)
        s.append("</g>")
        s.append("</svg>")
        return s.joined(separator: "\n") + "\n"
    }

    /// The scale's colour of `value` for ends ± `extent`; grey for a missing value.
    static func colour(_ value: Double, extent: Double) -> String {
        guard value.isFinite else { return "#BBBBBB" }
        let t = min(1, max(-1, value / extent))
        let end = t < 0 ? negative : positive
        let f = abs(t)
        func channel(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * f).rounded()) }
        return String(format: "#%02X%02X%02X", channel(zero.0, end.0), channel(zero.1, end.1), channel(zero.2, end.2))
    }
}
