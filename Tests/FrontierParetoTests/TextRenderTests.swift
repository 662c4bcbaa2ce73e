import Testing
@testable import FrontierPareto

@Suite("Terminal table and scatter plot")
struct TextRenderTests {
    @Test("Table: one line per row, the Pareto mark exactly on front rows, mean ± std")
    func table() {
        let rows = FrontExportTests.sweep().snapshot().rows
        let text = FrontTable.render(rows, objectives: ["global_fidelity", "error_rate"], width: 200)
        let lines = text.split(separator: "\n")
        #expect(lines.count == rows.count + 2)
        for (row, line) in zip(rows, lines.dropFirst(2)) {
            #expect(line.hasPrefix("★") == row.onFront, "\(line)")
            #expect(line.contains(row.displayName) && line.contains(row.lastWorker))
        }
        #expect(text.contains("0.21 ± 0.014"))   // alpha 0.1: errors 0.20, 0.22
        #expect(lines[0].contains("reps") && lines[0].contains("worker"))
        #expect(FrontTable.render(rows, objectives: ["global_fidelity", "error_rate"], width: 200) == text)
        // Narrow terminals get cut lines, never wrapped ones.
        let narrow = FrontTable.render(rows, objectives: ["global_fidelity", "error_rate"], width: 30)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 30 })
        #expect(narrow.contains("★"))
    }

    @Test("Scatter: front rows drawn ★, dominated rows o, corners where expected")
    func scatter() {
        let rows = FrontExportTests.sweep().snapshot().rows(of: "adult")
        let text = FrontScatter.render(rows, x: "global_fidelity", y: "error_rate", width: 40, height: 12)
        let plot = text.split(separator: "\n").filter { $0.contains("│") }  // grid lines only
        let stars = plot.map { $0.filter { $0 == "★" }.count }.reduce(0, +)
        let circles = plot.map { $0.filter { $0 == "o" }.count }.reduce(0, +)
        #expect(stars == rows.filter { $0.onFront }.count)
        #expect(circles == rows.filter { !$0.onFront }.count)
        #expect(text.contains("★ Pareto front"))
        // Highest error (alpha 0.9, dominated) is on the top line of the grid.
        #expect(plot[0].contains("o"))
        #expect(text == FrontScatter.render(rows, x: "global_fidelity", y: "error_rate", width: 40, height: 12))
    }
}
