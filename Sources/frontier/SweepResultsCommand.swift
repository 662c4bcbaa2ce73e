import ArgumentParser
import Foundation
import FrontierCluster
import FrontierJobs
import FrontierProtocol
import FrontierSweep

/// `frontier sweep results`: one row per run, of a local run or of a cluster sweep.
struct SweepResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "List a sweep's runs, one row each: task, parameters, seed, shard, worker, objectives, timings, g's coefficients.",
        discussion: """
        SWEEP is a local run's output directory (what `frontier sweep run` printed) when such a \
        directory exists, otherwise a sweep id on --coordinator. Runs are listed in the order they \
        finished; a cluster sweep still running lists the runs finished so far.

        Examples:
          frontier sweep results frontier-out/sweeps/synthetic-tradeoff-local
          frontier sweep results runs/my-sweep --format jsonl | jq .objectives
          frontier sweep results adult-tradeoff-3f9a1c --coordinator tcp://head:5555 --format csv --out runs.csv
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    @Argument(help: "A local run's output directory, or a sweep id on the coordinator.")
    var sweep: String

    @Option(help: "csv or jsonl.")
    var format: Format = .csv

    @Option(help: "Output file (default: standard output).")
    var out: String?

    @OptionGroup var options: CoordinatorOptions

    func run() throws {
        let records = try isLocalRun ? localRecords() : clusterRecords()
        let text = format == .csv ? RunResultsTable.csv(records) : RunResultsTable.jsonLines(records)
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw RuntimeFailure("cannot write \(out): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(out) (\(records.count) runs)\n".utf8))
        } else {
            print(text, terminator: "")
        }
    }

    private var isLocalRun: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: sweep, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private func localRecords() throws -> [RunRecord] {
        do { return try LocalSweepSession.records(in: sweep) } catch { throw RuntimeFailure("\(error)") }
    }

    /// Every page of the sweep's runs from the coordinator.
    private func clusterRecords() throws -> [RunRecord] {
        let results = try options.withClient { client in
            do { return try client.allResults(sweepID: sweep) } catch ClusterClient.ClientError.refused(let e) where e.code == .notFound {
                throw RuntimeFailure("\(sweep) is neither a local run's directory nor a sweep on \(options.coordinator): \(e.message)")
            }
        }
        let omitted = results.filter(\.reportOmitted).map(\.taskID)
        if !omitted.isEmpty {
            FileHandle.standardError.write(Data("note: the reports of \(omitted.joined(separator: " ")) are too large for a reply and are left out\n".utf8))
        }
        return results.map { $0.runRecord(sweepID: sweep) }
    }
}
