import ArgumentParser
import Foundation
import FrontierJobs
import FrontierSweep

/// `frontier sweep results`: one row per run.
struct SweepResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "List a sweep's runs, one row each: task, parameters, seed, shard, worker, objectives, timings, g's coefficients.",
        discussion: """
        For a local run, name its output directory (what `frontier sweep run` printed).

        Examples:
          frontier sweep results frontier-out/sweeps/synthetic-tradeoff-local
          frontier sweep results runs/my-sweep --format jsonl | jq .objectives
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    @Argument(help: "A local run's output directory.")
    var sweep: String

    @Option(help: "csv or jsonl.")
    var format: Format = .csv

    @Option(help: "Output file (default: standard output).")
    var out: String?

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: sweep, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("\(sweep) is not a local run's directory (cluster sweeps: not yet)")
        }
        let records: [RunRecord]
        do { records = try LocalSweepSession.records(in: sweep) } catch { throw RuntimeFailure("\(error)") }
        let text = format == .csv ? RunResultsTable.csv(records) : RunResultsTable.jsonLines(records)
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            FileHandle.standardError.write(Data("wrote \(out) (\(records.count) runs)\n".utf8))
        } else {
            print(text, terminator: "")
        }
    }
}
