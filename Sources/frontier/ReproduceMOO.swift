import ArgumentParser
import Foundation
import FrontierExperiments
import FrontierMethods
import FrontierSettings

/// Tabulates the runs of `scripts/moo-experiments` into docs/results/moo-tables.md and its figures.
struct ReproduceMOO: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moo",
        abstract: "Tables and figures of the multi-objective experiments from their runs' JSON reports.",
        discussion: """
        The runs come from `scripts/moo-experiments`: `frontier train --json` reports (one per line) \
        or a local or cluster sweep's `results.jsonl` (run records, each with its report); a \
        configuration run twice with the same seed counts once (the first read).

        Example:
          frontier reproduce moo --runs frontier-out/moo/runs.jsonl --runs frontier-out/moo/sweeps/titanic/results.jsonl \\
            --out docs/results/moo-tables.md --figures docs/results
        """)

    @Option(help: "JSON-lines file of run reports or sweep run records (repeatable).")
    var runs: [String]

    @Option(help: "Markdown file for the tables.")
    var out: String = "docs/results/moo-tables.md"

    @Option(help: "Directory for the figures (SVG); none written without it.")
    var figures: String?

    func run() throws {
        var reports: [RunReport] = []
        var seen = Set<String>()
        for file in runs {
            for report in try Self.reports(in: file) {
                let p = report.provenance
                let key = "\(p.dataset) \(p.method) \(report.point.parameters.sorted { $0.key < $1.key }) \(p.seed)"
                if seen.insert(key).inserted { reports.append(report) }
            }
        }
        let command = "frontier reproduce moo " + CommandLine.arguments.dropFirst(3).joined(separator: " ")
        let (markdown, svgs) = MOOTables(reports: reports, command: command).render(figures: figures != nil)
        try markdown.write(toFile: out, atomically: true, encoding: .utf8)
        if let figures {
            for (name, svg) in svgs {
                try svg.write(toFile: (figures as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        print("wrote \(out)\(figures.map { " and \(svgs.count) figures in \($0)" } ?? "") from \(reports.count) runs")
    }

    /// The reports of a JSON-lines file: each line a run report, or a sweep's run record carrying one.
    static func reports(in file: String) throws -> [RunReport] {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        var reports: [RunReport] = []
        for (i, line) in text.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let tree = try SettingValue.decode(json: Data(line.utf8))
                if let record = tree.mapValue, record["task_id"] != nil, let report = record["report"] {
                    reports.append(try RunReport.decode(tree: report))
                } else {
                    reports.append(try RunReport.decode(json: Data(line.utf8)))
                }
            } catch {
                throw RuntimeFailure("\(file):\(i + 1): neither a run report nor a run record: \(error)")
            }
        }
        return reports
    }
}
