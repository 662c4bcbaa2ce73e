import ArgumentParser
import Foundation
import FrontierBench
import FrontierSupport
import Logging

/// Throughput, front-update latency and memory of the coordinator, with no-op tasks
/// answered by many simulated workers in this one process.
struct ClusterBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Coordinator tasks/s, result-to-front latency (p50/p99) and peak memory with simulated workers.",
        discussion: """
        Starts a coordinator (durable SQLite state, WAL, in a temporary directory unless \
        --state is given) and --workers simulated workers in this process. The workers \
        are DEALER sockets served by one thread: each says Hello (dataset "\(ClusterLoadBench.simulatedDataset)", shard 0, \
        job kind noop), answers every TaskAssign at once with a TaskResult (loss = x², \
        cost = (x - 1)²) and sends a heartbeat every second. Once all are connected, a noop \
        sweep of about --tasks tasks is submitted and the run lasts until every result is \
        acknowledged.

        Reported: tasks per second (submit to last acknowledgement), the p50/p99 time from a \
        result's arrival at the coordinator to its front update being published, and the \
        resident memory of the process before the workers start, once they are all \
        connected, and at its peak. The coordinator, the simulated workers and the client \
        share the process, so the memory figures include all three. The bars of the issue \
        (at least 1,000 tasks/s, p99 under 50 ms) are printed with whether they were met; \
        nothing is asserted.

        Examples:
          frontier bench cluster
          frontier bench cluster --workers 10 --tasks 5000 --json
          frontier bench cluster --web-observers 10       # with the web view and 10 event-stream readers
        """)

    @Option(help: "Simulated workers (one DEALER socket each, all served by one thread).")
    var workers: Int = ClusterLoadBench.Settings().workers

    @Option(help: "No-op tasks to run (rounded up to a whole number of seeds × grid points).")
    var tasks: Int = ClusterLoadBench.Settings().tasks

    @Option(help: "Slots each simulated worker advertises.")
    var slots: Int = ClusterLoadBench.Settings().slots

    @Option(help: "Coordinator state directory (default: a temporary directory, removed afterwards).")
    var state: String?

    @Option(help: "Give up after this many seconds.")
    var timeout: Double = ClusterLoadBench.Settings().timeoutSeconds

    @Option(help: ArgumentHelp("Serve the web view (docs/web.md) and open this many readers of the sweep's event "
                               + "stream (curl processes, as open browsers); 0 serves it with none. Off unless given."))
    var webObservers: Int?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "Print the coordinator's log on standard error.")
    var verbose = false

    var settings: ClusterLoadBench.Settings {
        var s = ClusterLoadBench.Settings()
        s.workers = workers
        s.tasks = tasks
        s.slots = slots
        s.stateDirectory = state
        s.timeoutSeconds = timeout
        s.webObservers = webObservers
        return s
    }

    func validate() throws {
        do { try settings.validate() } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let logger = Logger(label: "frontier.coordinator") { [verbose] _ in
            verbose ? StandardErrorLogHandler(role: "coordinator", format: .text, logLevel: .info) as any LogHandler
                    : SwiftLogNoOpLogHandler()
        }
        let report = try ClusterLoadBench(settings, coordinatorLogger: logger).run { [json] line in
            if !json { FileHandle.standardError.write("bench: \(line)\n") }
        }
        print(json ? try JSONOutput.string(report, pretty: false) : report.text)
    }
}
