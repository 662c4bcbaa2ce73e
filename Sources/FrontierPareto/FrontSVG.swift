import Foundation

extension FrontExport {
    /// Plot geometry in SVG user units.
    private enum Layout {
        static let width = 720.0, height = 480.0
        static let left = 80.0, right = 170.0, top = 44.0, bottom = 60.0
        static var plotWidth: Double { width - left - right }
        static var plotHeight: Double { height - top - bottom }
    }

    /// One colour per dataset, in first-seen order of the sorted dataset names
    /// (colour-blind-safe Okabe–Ito palette).
    private static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

    /// A self-contained SVG scatter plot of `rows` in the style of Figure 3 of
    /// "Exploring Multi-Task Learning for Explainability": objective `x` (e.g.
    /// the fidelity loss) across, objective `y` (e.g. the error) up.
    ///
    /// Each row with both objectives gets one marker (an element with class
    /// `marker`) labelled with its display name (`α=0.3`, `stl`) and error bars
    /// of ± one standard deviation. Rows on the front are filled and outlined;
    /// per dataset they are joined, in increasing `x`, by a step line (across,
    /// then down: the boundary of the region they dominate when both axes are
    /// minimised). Each dataset has one colour, listed in the legend. All text is
    /// XML-escaped.
    public static func svg(_ rows: [FrontRow], x: String, y: String, title: String) -> String {
        let plotted = rows.filter { $0.mean(x) != nil && $0.mean(y) != nil }
        let xs = plotted.flatMap { r in [r.mean(x)! - r.standardDeviation(x)!, r.mean(x)! + r.standardDeviation(x)!] }
        let ys = plotted.flatMap { r in [r.mean(y)! - r.standardDeviation(y)!, r.mean(y)! + r.standardDeviation(y)!] }
        let frame = SVGPlotFrame(left: Layout.left, top: Layout.top, width: Layout.plotWidth, height: Layout.plotHeight,
                                 xDomain: NumberFormatting.domain(xs, padding: 0.08),
                                 yDomain: NumberFormatting.domain(ys, padding: 0.08))
        let px = frame.px, py = frame.py
        let datasets = Set(plotted.map(\.dataset)).sorted()
        let colour = Dictionary(uniqueKeysWithValues: datasets.enumerated().map { ($1, palette[$0 % palette.count]) })

        var s: [String] = []
        s.append(##"<?xml version="1.0" encoding="UTF-8"?>"##)
        s += SVGPlotFrame.header(width: Layout.width, height: Layout.height, title: title, titleX: Layout.left + Layout.plotWidth / 2, titleY: 24)

        // Axes, ticks and grid.
        s += frame.axes(xLabel: x, yLabel: y, xLabelY: Layout.height - 16, yLabelX: 18)
        let rightX = frame.right

        // Front step lines under the markers.
        for dataset in datasets {
            let front = plotted.filter { $0.dataset == dataset && $0.onFront }
                .sorted { ($0.mean(x)!, $0.mean(y)!) < ($1.mean(x)!, $1.mean(y)!) }
            guard let first = front.first else { continue }
            var d = "M \(n(px(first.mean(x)!))) \(n(py(first.mean(y)!)))"
            for r in front.dropFirst() { d += " H \(n(px(r.mean(x)!))) V \(n(py(r.mean(y)!)))" }
            s.append(##"<path class="front" d="\##(d)" fill="none" stroke="\##(colour[dataset]!)" stroke-width="1.5" stroke-dasharray="5 3"/>"##)
        }

        // Error bars, markers and labels, then the legend.
        for r in plotted { s += marker(r, x: x, y: y, colour: colour[r.dataset]!, frame: frame) }
        s += legend(datasets, colour: colour, x: rightX + 20)
        s.append("</svg>")
        return s.joined(separator: "\n") + "\n"
    }

    /// One row's error bars, marker and label.
    private static func marker(_ r: FrontRow, x: String, y: String, colour c: String, frame: SVGPlotFrame) -> [String] {
        let px = frame.px, py = frame.py
        let mx = r.mean(x)!, my = r.mean(y)!, sx = r.standardDeviation(x)!, sy = r.standardDeviation(y)!
        var s = [##"<g class="row" data-dataset="\##(escape(r.dataset))" data-label="\##(escape(r.displayName))">"##]
        if sx > 0 {
            s.append(##"<line class="errorbar" x1="\##(n(px(mx - sx)))" y1="\##(n(py(my)))" x2="\##(n(px(mx + sx)))" y2="\##(n(py(my)))" stroke="\##(c)" stroke-opacity="0.6"/>"##)
        }
        if sy > 0 {
            s.append(##"<line class="errorbar" x1="\##(n(px(mx)))" y1="\##(n(py(my - sy)))" x2="\##(n(px(mx)))" y2="\##(n(py(my + sy)))" stroke="\##(c)" stroke-opacity="0.6"/>"##)
        }
        if r.onFront {
            s.append(##"<circle class="marker pareto" cx="\##(n(px(mx)))" cy="\##(n(py(my)))" r="6" fill="\##(c)" stroke="black" stroke-width="1.5"/>"##)
        } else {
            s.append(##"<circle class="marker" cx="\##(n(px(mx)))" cy="\##(n(py(my)))" r="4.5" fill="white" stroke="\##(c)" stroke-width="1.5"/>"##)
        }
        s.append(##"<text class="marker-label" x="\##(n(px(mx) + 8))" y="\##(n(py(my) - 8))" fill="\##(c)">\##(escape(r.displayName))</text>"##)
        s.append("</g>")
        return s
    }

    /// One entry per dataset, then the front's style.
    private static func legend(_ datasets: [String], colour: [String: String], x legendX: Double) -> [String] {
        var s = [##"<g class="legend">"##]
        for (i, dataset) in datasets.enumerated() {
            let ly = Layout.top + 10 + Double(i) * 20
            s.append(##"<rect x="\##(n(legendX))" y="\##(n(ly - 9))" width="12" height="12" fill="\##(colour[dataset]!)"/>"##)
            s.append(##"<text x="\##(n(legendX + 18))" y="\##(n(ly + 1))">\##(escape(dataset))</text>"##)
        }
        let ly = Layout.top + 10 + Double(datasets.count) * 20 + 6
        s.append(##"<circle cx="\##(n(legendX + 6))" cy="\##(n(ly - 3))" r="6" fill="#999" stroke="black" stroke-width="1.5"/>"##)
        s.append(##"<text x="\##(n(legendX + 18))" y="\##(n(ly + 1))">Pareto front</text>"##)
        s.append("</g>")
        return s
    }

    private static func n(_ v: Double) -> String { SVGPlotFrame.n(v) }

    /// Escapes the five XML special characters, for both text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }
}
