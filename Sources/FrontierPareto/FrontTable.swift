/// A plain-text table of front rows for terminals (`frontier sweep tail`).
public enum FrontTable {
    /// The mark in the first column of rows on the Pareto front.
    public static let paretoMark: Character = "★"

    /// Renders `rows` in the given order as a table: a Pareto mark (`★`), the
    /// dataset, the setting (`α=0.3`, `stl`), each of `objectives` as
    /// `mean ± std`, the number of replicates and the worker of the last result.
    ///
    /// Lines wider than `width` characters are cut and end in `…`, so the table
    /// never wraps in a narrow terminal. Pure and deterministic.
    public static func render(_ rows: [FrontRow], objectives: [String], width: Int = 120) -> String {
        var table: [[String]] = [[" ", "dataset", "setting"] + objectives + ["reps", "worker"]]
        for row in rows {
            var cells = [row.onFront ? String(paretoMark) : " ", row.dataset, row.displayName]
            for name in objectives {
                if let m = row.mean(name), let s = row.standardDeviation(name) {
                    cells.append(NumberFormatting.meanStd(m, s))
                } else {
                    cells.append("–")
                }
            }
            cells += ["\(row.replicates)", row.lastWorker]
            table.append(cells)
        }
        let columnWidths = (0..<table[0].count).map { c in table.map { $0[c].count }.max()! }
        // Numbers read best right-aligned; names left-aligned.
        let numeric = Set(3..<(3 + objectives.count + 1))
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { c, text in
                let pad = String(repeating: " ", count: columnWidths[c] - text.count)
                return numeric.contains(c) ? pad + text : text + pad
            }
            return fit(padded.joined(separator: "  "), width)
        }
        var lines = [line(table[0])]
        lines.append(fit(String(repeating: "─", count: columnWidths.reduce(0, +) + 2 * (columnWidths.count - 1)), width))
        lines += table.dropFirst().map(line)
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }

    /// `text` cut to `width` characters, marking the cut with `…`.
    static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0, text.count > width else { return text }
        return String(text.prefix(width - 1)) + "…"
    }
}
