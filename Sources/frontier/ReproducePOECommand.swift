import ArgumentParser
import Foundation
import FrontierExperiments
import FrontierExplain
import FrontierML

/// Reproduces POE's experiments (the logic is `POEReproduction` and `POEReport`).
struct ReproducePOE: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poe",
        abstract: "POE against SmoothGrad, LIME, KernelSHAP, AGG and MOFAE on the synthetic functions; inductive vs transductive.",
        discussion: """
        Figure 2 (F-grad vs R-avg on each synthetic function with D = 3), Figure 3 (with \
        complexity), Figure 4 (inductive vs transductive error as inducing points grow) and \
        appendix G (global vs local inducing points). Writes the Markdown report, three SVG \
        figures beside it (poe-figure2.svg, poe-figure3.svg, poe-figure4.svg) and the raw \
        results as JSON.

        Examples:
          frontier reproduce poe
          frontier reproduce poe --functions cubic,sine --mofae-generations 100 --out /tmp/poe.md
        """)

    @Option(help: "Functions for Figures 2 and 3, comma separated (default: all eight).")
    var functions: String = SyntheticFunctionKind.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Perturbations per row for SmoothGrad and LIME.")
    var samples: Int = 1000

    @Option(help: "NSGA-II generations for MOFAE.")
    var mofaeGenerations: Int = 500

    @Option(help: "Seeds for Figure 4.")
    var seeds: Int = 3

    @Option(help: "Query points for Figure 4.")
    var queries: Int = 1000

    @Flag(help: "Skip Figure 3 (complexity).")
    var noFigure3 = false

    @Option(help: "Markdown report; the SVGs and the JSON go beside it.")
    var out: String = "docs/results/poe.md"

    func run() throws {
        var settings = POEReproduction.Settings()
        settings.functions = try functions.split(separator: ",").map { name in
            guard let kind = SyntheticFunctionKind(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--functions: unknown '\(name)' (known: \(SyntheticFunctionKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return kind
        }
        guard samples >= 2, mofaeGenerations >= 0, seeds >= 1, queries >= 10 else {
            throw ValidationError("--samples (>= 2), --mofae-generations (>= 0), --seeds (>= 1) and --queries (>= 10) are out of range")
        }
        settings.transductive.samples = samples
        settings.transductive.mofaeGenerations = mofaeGenerations
        settings.inductive.seeds = seeds
        settings.inductive.queries = queries
        settings.figure3 = !noFigure3
        let results = try POEReproduction().run(settings) { FileHandle.standardError.write(Data("reproduce poe: \($0)\n".utf8)) }
        let directory = URL(fileURLWithPath: out).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let command = "frontier reproduce poe " + CommandLine.arguments.dropFirst(3).joined(separator: " ")
        let machine = "\(ProcessInfo.processInfo.activeProcessorCount) processors, \(BLAS.configuration)"
        try POEReport.markdown(results, command: command.trimmingCharacters(in: .whitespaces), machine: machine)
            .write(toFile: out, atomically: true, encoding: .utf8)
        try POEReport.figure2(results).write(to: directory.appendingPathComponent("poe-figure2.svg"), atomically: true, encoding: .utf8)
        if !results.figure3.isEmpty {
            try POEReport.figure3(results).write(to: directory.appendingPathComponent("poe-figure3.svg"), atomically: true, encoding: .utf8)
        }
        try POEReport.figure4(results).write(to: directory.appendingPathComponent("poe-figure4.svg"), atomically: true, encoding: .utf8)
        try JSONOutput.string(results).write(to: directory.appendingPathComponent("poe-results.json"), atomically: true, encoding: .utf8)
        print("wrote \(out) with its figures; \(String(format: "%.0f", results.seconds)) s")
        for r in results.figure2 {
            print("\(r.function.rawValue): POE points dominated by a baseline \(r.poeDominated)/\(r.poePoints)")
        }
    }
}
