/// A character-cell scatter plot of front rows for terminals.
public enum FrontScatter {
    /// Cell drawn for a row on the Pareto front.
    public static let paretoMark: Character = "★"
    /// Cell drawn for a dominated row.
    public static let dominatedMark: Character = "o"

    /// Plots the means of objective `x` (across) and `y` (up) of every row that
    /// has both, in a `width` × `height` grid of cells framed by axes with the
    /// range of each objective at its ends. Rows on the front are drawn `★`,
    /// others `o`; when two rows share a cell, `★` wins so the front stays
    /// visible. A legend line follows. Pure and deterministic.
    public static func render(_ rows: [FrontRow], x: String, y: String, width: Int = 60, height: Int = 16) -> String {
        let width = max(width, 8), height = max(height, 4)
        let plotted = rows.filter { $0.mean(x) != nil && $0.mean(y) != nil }
        let xDomain = NumberFormatting.domain(plotted.map { $0.mean(x)! }, padding: 0.05)
        let yDomain = NumberFormatting.domain(plotted.map { $0.mean(y)! }, padding: 0.05)
        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        for row in plotted {
            let fx = (row.mean(x)! - xDomain.low) / (xDomain.high - xDomain.low)
            let fy = (row.mean(y)! - yDomain.low) / (yDomain.high - yDomain.low)
            let column = min(width - 1, max(0, Int((fx * Double(width - 1)).rounded())))
            // Row 0 is the top line, so larger y goes to smaller line numbers.
            let line = min(height - 1, max(0, height - 1 - Int((fy * Double(height - 1)).rounded())))
            if grid[line][column] != paretoMark {
                grid[line][column] = row.onFront ? paretoMark : dominatedMark
            }
        }
        let yTop = NumberFormatting.short(yDomain.high), yBottom = NumberFormatting.short(yDomain.low)
        let gutter = max(yTop.count, yBottom.count, y.count)
        func pad(_ s: String) -> String { String(repeating: " ", count: gutter - s.count) + s }

        var lines = [pad(y)]
        for (i, cells) in grid.enumerated() {
            let label = i == 0 ? yTop : (i == height - 1 ? yBottom : "")
            lines.append(pad(label) + " │" + String(cells))
        }
        lines.append(String(repeating: " ", count: gutter) + " └" + String(repeating: "─", count: width))
        let xLow = NumberFormatting.short(xDomain.low), xHigh = NumberFormatting.short(xDomain.high)
        let gap = max(1, width - xLow.count - xHigh.count)
        lines.append(String(repeating: " ", count: gutter + 2) + xLow + String(repeating: " ", count: gap) + xHigh)
        lines.append(String(repeating: " ", count: gutter + 2) + x)
        lines.append("\(paretoMark) Pareto front   \(dominatedMark) dominated")
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }
}
