import ArgumentParser
import Foundation
import FrontierData
import FrontierJobs
import FrontierML
import FrontierPareto
import FrontierSweep

/// `frontier sweep run FILE`: a sweep on this machine, no coordinator.
struct SweepRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a sweep file on this machine: the cluster's plan, job kinds, live front and exports, no coordinator.",
        discussion: """
        Tasks run on --slots threads (one BLAS thread each), in task order. Without --shard, a shipped \
        dataset run whole is read from its data folder; otherwise the dataset is cut into the sweep's \
        shards as `frontier datasets split --seed 1` would cut them (kept under --cache and reused), so a \
        cluster given those shards computes the same front. Writes results.jsonl (one record per run), \
        front.csv, front.json and front.svg under --out. Ctrl-C stops after the running tasks and keeps \
        what finished.

        Examples:
          frontier sweep run cluster/sweeps/synthetic.yaml
          frontier sweep run my-sweep.yaml --slots 2 --out runs/my-sweep
          frontier sweep run adult.yaml --shard adult=/data/shards/adult-0 --shard adult=/data/shards/adult-1
          frontier sweep results runs/my-sweep --format csv
        """)

    @Argument(help: "The sweep file (YAML; see cluster/sweeps/README.md).")
    var file: String

    @Option(help: "Tasks run at once (default: the number of processors).")
    var slots: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("shard"), help: "DATASET=DIRECTORY of a shard to use (repeatable; default: found or cut here).")
    var shards: [String] = []

    @Option(help: "Seed of the shuffle that deals rows to shards when they are cut here.")
    var splitSeed: UInt64 = 1

    @Option(help: "Where shards cut here are kept.")
    var cache: String = "frontier-out/shards"

    @Option(help: "Directory for the run's files (default: frontier-out/sweeps/<sweep id>).")
    var out: String?

    @OptionGroup var data: DataOptions

    @Flag(help: "No live view; print the summary only.")
    var quiet = false

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        guard (1...1024).contains(slots) else { throw ValidationError("--slots must be between 1 and 1024") }
    }

    func run() throws {
        BLAS.threadCount = 1
        let given = try shards.map { try ShardOption.localShard($0) }
        let session: LocalSweepSession
        do {
            session = try LocalSweepSession(file: file, dataDirectory: data.resolvedDirectory, given: given,
                                            cacheDirectory: cache, splitSeed: splitSeed)
        } catch {
            throw RuntimeFailure("\(file): \(error)")
        }
        let directory = out ?? "frontier-out/sweeps/\(session.sweepID)"
        let sweep = try LocalSweep(plan: session.plan, sweepID: session.sweepID, registry: FrontierJobs.registry,
                                   shards: session.shards, slots: slots)
        let display = LiveFrontDisplay(title: session.plan.name, objectives: session.plan.objectives.map(\.name),
                                       quiet: quiet || json)
        let stop = StopFlag()
        Signals.onTerminate { stop.set() }
        display.start(total: session.plan.taskCount)
        let outcome = sweep.run(onChange: { _, front, progress in display.update(front, progress) },
                                onRecord: { display.finished($0) }, shouldStop: { stop.isSet })
        display.finish()
        try session.write(outcome, to: directory)
        try report(outcome, session: session, directory: directory)
        if !outcome.failures.isEmpty || outcome.cancelled { throw ExitCode(outcome.cancelled ? 130 : 1) }
    }

    private func report(_ outcome: LocalSweep.Outcome, session: LocalSweepSession, directory: String) throws {
        let snapshot = outcome.front.snapshot()
        if json {
            struct Summary: Encodable {
                var sweepId: String, tasks: Int, done: Int, failed: Int, cancelled: Bool, directory: String
                var hypervolumes: [String: Double], failures: [String: String]
            }
            print(try JSONOutput.string(Summary(
                sweepId: session.sweepID, tasks: session.plan.taskCount, done: outcome.records.count,
                failed: outcome.failures.count, cancelled: outcome.cancelled, directory: directory,
                hypervolumes: snapshot.hypervolumes,
                failures: Dictionary(outcome.failures.map { ($0.taskID, $0.message) }, uniquingKeysWith: { $1 }))))
            return
        }
        if !quiet { print(FrontTable.render(snapshot.rows, objectives: session.plan.objectives.map(\.name), width: 110)) }
        for failure in outcome.failures { FileHandle.standardError.write(Data("failed \(failure.taskID): \(failure.message)\n".utf8)) }
        let volumes = snapshot.hypervolumes.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.6g", $0.value))" }
        print("\(session.sweepID): \(outcome.records.count)/\(session.plan.taskCount) done, \(outcome.failures.count) failed"
              + (outcome.cancelled ? ", stopped early" : "") + "; hypervolume " + volumes.joined(separator: ", "))
        print("wrote \(directory)/{results.jsonl, front.csv, front.json, front.svg}")
    }
}

/// Set from a signal handler, read by the sweep's slots.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
