import Foundation

extension FrontExport {
    /// Panel geometry in SVG user units.
    private enum ProjectionLayout {
        static let panelWidth = 400.0, height = 440.0
        static let left = 84.0, right = 18.0, top = 72.0, bottom = 58.0
        static var plotWidth: Double { panelWidth - left - right }
        static var plotHeight: Double { height - top - bottom }
    }

    /// A sequential, colour-blind-safe scale (viridis at five stops), low to high.
    private static let scale: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]

    /// A front over three or more objectives drawn as its two-dimensional projections, one
    /// panel per pair of objectives (`objectives[i]` up, `objectives[j]` across, `i < j`),
    /// side by side.
    ///
    /// Every row with all the objectives gets one marker (class `marker`) per panel, with a
    /// tooltip of its values. A row on the front of all the objectives (its `onFront` flag) is
    /// filled and labelled (class `pareto`); the others are hollow. A row off the front can
    /// look undominated in a panel, and a front row dominated, because the panel hides the
    /// other objectives: each panel also draws the front of its own two objectives as a
    /// dashed grey step line (class `projected-front`, both minimised, as `svg` draws fronts).
    /// With exactly three objectives the colour of a marker shows the objective its panel
    /// leaves out, on a scale printed above the panel. All text is XML-escaped.
    public static func projectionSVG(_ rows: [FrontRow], objectives: [Objective], title: String) -> String {
        precondition(objectives.count >= 2, "a projection needs at least two objectives")
        let names = objectives.map(\.name)
        let plotted = rows.filter { r in names.allSatisfy { r.mean($0) != nil } }
        var pairs: [(Int, Int)] = []
        for i in names.indices { for j in names.indices where j > i { pairs.append((i, j)) } }
        let width = ProjectionLayout.panelWidth * Double(pairs.count)
        let n = SVGPlotFrame.n

        var s: [String] = []
        s.append(##"<?xml version="1.0" encoding="UTF-8"?>"##)
        s += SVGPlotFrame.header(width: width, height: ProjectionLayout.height, title: title, titleX: width / 2, titleY: 22)
        for (panel, (i, j)) in pairs.enumerated() {
            let hidden = names.count == 3 ? names.indices.first { $0 != i && $0 != j } : nil
            s += projectionPanel(plotted, x: objectives[j], y: objectives[i], colourBy: hidden.map { names[$0] },
                                 offset: Double(panel) * ProjectionLayout.panelWidth)
        }
        s.append("</svg>")
        return s.joined(separator: "\n") + "\n"
    }

    /// One panel: `y` up, `x` across, markers coloured by `colourBy` when given.
    private static func projectionPanel(_ rows: [FrontRow], x: Objective, y: Objective, colourBy: String?,
                                        offset: Double) -> [String] {
        let n = SVGPlotFrame.n
        let frame = SVGPlotFrame(left: offset + ProjectionLayout.left, top: ProjectionLayout.top,
                                 width: ProjectionLayout.plotWidth, height: ProjectionLayout.plotHeight,
                                 xDomain: NumberFormatting.domain(rows.map { $0.mean(x.name)! }, padding: 0.08),
                                 yDomain: NumberFormatting.domain(rows.map { $0.mean(y.name)! }, padding: 0.08))
        var s = [##"<g class="panel" data-x="\##(escape(x.name))" data-y="\##(escape(y.name))">"##]
        s += frame.axes(xLabel: x.name, yLabel: y.name, xLabelY: ProjectionLayout.height - 14, yLabelX: offset + 20)
        let colour = colourScale(rows, by: colourBy)
        if let colourBy, let range = colour.range {
            s.append(##"<text class="colour-legend" x="\##(n(frame.left))" y="50" font-size="11">colour: \##(escape(colourBy)) \##(escape(NumberFormatting.short(range.low))) (dark) to \##(escape(NumberFormatting.short(range.high))) (light)</text>"##)
        }
        // The front of this panel's two objectives, under the markers.
        let projected = ParetoFront.nonDominated(rows.map { [$0.mean(x.name)!, $0.mean(y.name)!] },
                                                 directions: [x.direction, y.direction])
            .map { rows[$0] }.sorted { ($0.mean(x.name)!, $0.mean(y.name)!) < ($1.mean(x.name)!, $1.mean(y.name)!) }
        if let first = projected.first {
            var d = "M \(n(frame.px(first.mean(x.name)!))) \(n(frame.py(first.mean(y.name)!)))"
            for r in projected.dropFirst() { d += " H \(n(frame.px(r.mean(x.name)!))) V \(n(frame.py(r.mean(y.name)!)))" }
            s.append(##"<path class="projected-front" d="\##(d)" fill="none" stroke="#999" stroke-width="1.2" stroke-dasharray="4 3"/>"##)
        }
        // Dominated rows first, so front rows are drawn on top.
        for r in rows.filter({ !$0.onFront }) + rows.filter(\.onFront) {
            let cx = n(frame.px(r.mean(x.name)!)), cy = n(frame.py(r.mean(y.name)!))
            let c = colour.of(r)
            let values = r.objectives.keys.sorted().compactMap { k in r.mean(k).map { "\(k) \(NumberFormatting.short($0))" } }
            let tooltip = "<title>\(escape(r.dataset)) \(escape(r.displayName)): \(escape(values.joined(separator: ", ")))</title>"
            if r.onFront {
                s.append(##"<circle class="marker pareto" cx="\##(cx)" cy="\##(cy)" r="5.5" fill="\##(c)" stroke="black" stroke-width="1.2">\##(tooltip)</circle>"##)
                s.append(##"<text class="marker-label" x="\##(n(frame.px(r.mean(x.name)!) + 7))" y="\##(n(frame.py(r.mean(y.name)!) - 7))" font-size="10" fill="#333">\##(escape(r.displayName))</text>"##)
            } else {
                s.append(##"<circle class="marker" cx="\##(cx)" cy="\##(cy)" r="4" fill="white" stroke="\##(c)" stroke-width="1.5">\##(tooltip)</circle>"##)
            }
        }
        s.append("</g>")
        return s
    }

    /// Marker colours: by the mean of `name` on the sequential scale, or one blue without it.
    private static func colourScale(_ rows: [FrontRow], by name: String?)
        -> (range: (low: Double, high: Double)?, of: (FrontRow) -> String) {
        guard let name else { return (nil, { _ in "#0072B2" }) }
        let values = rows.compactMap { $0.mean(name) }.filter(\.isFinite)
        guard let low = values.min(), let high = values.max() else { return (nil, { _ in "#0072B2" }) }
        return ((low, high), { row in
            let t = high > low ? ((row.mean(name) ?? low) - low) / (high - low) : 0.5
            let position = min(1, max(0, t)) * Double(scale.count - 1)
            let k = min(Int(position), scale.count - 2), f = position - Double(k)
            let (a, b) = (scale[k], scale[k + 1])
            func channel(_ u: Double, _ v: Double) -> Int { Int((u + (v - u) * f).rounded()) }
            return String(format: "#%02X%02X%02X", channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
        })
    }
}
