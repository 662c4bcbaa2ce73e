import ArgumentParser
import Foundation
import FrontierCluster
import FrontierJobs
import FrontierML
import FrontierProtocol
import FrontierTransport
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
        are DEALER sockets served by one thread: each says Hello (dataset "\(SimulatedWorkers.dataset)", shard 0, \
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
    var workers: Int = 1000

    @Option(help: "No-op tasks to run (rounded up to a whole number of seeds × grid points).")
    var tasks: Int = 10000

    @Option(help: "Slots each simulated worker advertises.")
    var slots: Int = 1

    @Option(help: "Coordinator state directory (default: a temporary directory, removed afterwards).")
    var state: String?

    @Option(help: "Give up after this many seconds.")
    var timeout: Double = 600

    @Option(help: ArgumentHelp("Serve the web view (docs/web.md) and open this many readers of the sweep's event "
                               + "stream (curl processes, as open browsers); 0 serves it with none. Off unless given."))
    var webObservers: Int?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "Print the coordinator's log on standard error.")
    var verbose = false

    struct Report: Codable {
        var workers: Int
        var slotsPerWorker: Int
        var tasks: Int
        var tasksAcknowledged: Int
        var resultsSent: Int
        var assignmentsReceived: Int
        var connectSeconds: Double
        var submitSeconds: Double
        var runSeconds: Double
        var tasksPerSecond: Double
        var frontChanges: Int
        var frontLatencyP50Milliseconds: Double
        var frontLatencyP99Milliseconds: Double
        var frontLatencyMaxMilliseconds: Double
        var residentMegabytesBeforeWorkers: Double
        var residentMegabytesWorkersConnected: Double
        var residentMegabytesAfterRun: Double
        var peakResidentMegabytes: Double
        var processors: Int
        var stateDirectory: String
        var tasksPerSecondBarMet: Bool
        var p99BarMet: Bool
        /// Readers of the web view's event stream (nil: no web view).
        var webObservers: Int?
        /// Readers the web view dropped for falling behind.
        var webObserversDropped: Int?
    }

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        guard tasks >= 2, tasks <= 100_000 else { throw ValidationError("--tasks must be 2...100000") }
        guard (1...64).contains(slots) else { throw ValidationError("--slots must be 1...64") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard (0...100).contains(webObservers ?? 0) else { throw ValidationError("--web-observers must be 0...100") }
    }

    func run() throws {
        let fileManager = FileManager.default
        let stateDirectory = state ?? fileManager.temporaryDirectory
            .appendingPathComponent("frontier-bench-cluster-\(UUID().uuidString)").path
        let removeState = state == nil
        defer { if removeState { try? fileManager.removeItem(atPath: stateDirectory) } }
        try fileManager.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let say: (String) -> Void = { line in if !json { FileHandle.standardError.write("bench: \(line)\n") } }

        // The coordinator, on its own thread.
        let latencies = LatencyLog()
        let server = CoordinatorServer(
            configuration: CoordinatorConfiguration(bind: "tcp://127.0.0.1:*", publish: "tcp://127.0.0.1:*",
                                                    stateDirectory: stateDirectory),
            registry: FrontierJobs.registry, datasets: RecipeDatasetResolver(),
            logger: Logger(label: "frontier.coordinator") { [verbose] _ in
                verbose ? StandardErrorLogHandler(role: "coordinator", format: .text, logLevel: .info) as any LogHandler
                        : SwiftLogNoOpLogHandler()
            })
        server.onFrontChange = { latencies.append($0) }
        let web = try webObservers.map { try BenchWebView(readers: $0) }
        defer { web?.stop() }
        server.observatory = web?.observatory
        try server.start()
        let endpoint = server.boundEndpoints.router
        let serverDone = DispatchSemaphore(value: 0)
        let serverThread = Thread {
            do { try server.run() } catch { FileHandle.standardError.write("bench: coordinator failed: \(error)\n") }
            serverDone.signal()
        }
        serverThread.name = "coordinator"
        serverThread.start()
        defer {
            server.stop()
            serverDone.wait()
        }
        let residentBefore = ProcessMemory.residentMegabytes()

        // The simulated workers, all on one thread.
        say("connecting \(workers) simulated workers to \(endpoint)...")
        let simulator = SimulatedWorkers(endpoint: endpoint, count: workers, slots: slots)
        let simulatorDone = DispatchSemaphore(value: 0)
        let simulatorThread = Thread {
            do { try simulator.run() } catch { FileHandle.standardError.write("bench: simulated workers failed: \(error)\n") }
            simulatorDone.signal()
        }
        simulatorThread.name = "simulated workers"
        simulatorThread.start()
        defer {
            simulator.stop()
            simulatorDone.wait()
        }
        let clock = ContinuousClock()
        let connectStart = clock.now
        let deadline = connectStart + .seconds(timeout)
        while simulator.stats.connected < workers {
            guard clock.now < deadline, !simulator.stats.failed else {
                throw BenchFailure("only \(simulator.stats.connected) of \(workers) workers connected")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let connectSeconds = (clock.now - connectStart).seconds
        let residentConnected = ProcessMemory.residentMegabytes()

        // The sweep: a noop grid over x in [0, 1], times seeds.
        let seeds = (tasks + 999) / 1000
        let points = (tasks + seeds - 1) / seeds
        let yaml = """
            name: bench-cluster
            dataset: \(SimulatedWorkers.dataset)
            shards: all
            shard_count: 1
            seeds: [\((1...seeds).map(String.init).joined(separator: ", "))]
            jobs:
              - kind: noop
                parameters:
                  x: {linspace: {min: 0, max: 1, num: \(points)}}
            """
        var submit = SweepSubmit()
        submit.spec = yaml
        submit.specFormat = "yaml"
        say("\(simulator.stats.connected) workers connected in \(String(format: "%.2f", connectSeconds)) s; "
            + "submitting \(points * seeds) noop tasks...")
        let client = try ClusterClient(endpoint: endpoint)
        defer { client.close() }
        let runStart = clock.now
        let accepted = try client.submit(submit, timeout: .seconds(60))
        let submitSeconds = (clock.now - runStart).seconds
        let taskCount = Int(accepted.taskCount)
        if let web {
            try web.follow(sweepID: accepted.sweepID)
            say("web view on 127.0.0.1:\(web.port), \(web.observatory.observerCount) event-stream readers")
        }
        var sampledPeak = residentConnected
        while simulator.stats.acknowledged < taskCount {
            sampledPeak = max(sampledPeak, ProcessMemory.residentMegabytes())
            guard clock.now < deadline, !simulator.stats.failed else {
                let stats = simulator.stats
                let stuck: String
                if let status = try? client.status(sweepID: accepted.sweepID) {
                    stuck = status.sweeps.flatMap { $0.stuck.map(\.reason) }.joined(separator: "; ")
                } else {
                    stuck = "no status"
                }
                throw BenchFailure("timed out: \(stats.acknowledged) of \(taskCount) results acknowledged "
                    + "(\(stats.assignments) assignments received, \(stats.resultsSent) results sent; \(stuck))")
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        let stats = simulator.stats
        let runSeconds = ((stats.lastAcknowledgement ?? clock.now) - runStart).seconds
        let residentAfter = ProcessMemory.residentMegabytes()
        // ru_maxrss is updated lazily by the kernel; the samples taken while waiting bound it from below.
        let peak = max(peakResidentMegabytes(), sampledPeak, residentAfter)

        let sorted = latencies.values.map { $0.seconds * 1000 }.sorted()
        let report = Report(
            workers: workers, slotsPerWorker: slots, tasks: taskCount, tasksAcknowledged: stats.acknowledged,
            resultsSent: stats.resultsSent, assignmentsReceived: stats.assignments,
            connectSeconds: connectSeconds, submitSeconds: submitSeconds, runSeconds: runSeconds,
            tasksPerSecond: Double(stats.acknowledged) / runSeconds, frontChanges: sorted.count,
            frontLatencyP50Milliseconds: nearestRank(sorted, 0.50), frontLatencyP99Milliseconds: nearestRank(sorted, 0.99),
            frontLatencyMaxMilliseconds: sorted.last ?? 0,
            residentMegabytesBeforeWorkers: residentBefore, residentMegabytesWorkersConnected: residentConnected,
            residentMegabytesAfterRun: residentAfter, peakResidentMegabytes: peak,
            processors: ProcessInfo.processInfo.activeProcessorCount,
            stateDirectory: removeState ? "(temporary, removed)" : stateDirectory,
            tasksPerSecondBarMet: Double(stats.acknowledged) / runSeconds >= 1000,
            p99BarMet: nearestRank(sorted, 0.99) < 50,
            webObservers: webObservers,
            webObserversDropped: web.map { Int($0.observatory.metrics.reading().droppedSubscribers) })

        if json {
            print(try JSONOutput.string(report, pretty: false))
            return
        }
        let met = { (ok: Bool) in ok ? "met" : "MISSED" }
        print("coordinator with \(workers) simulated workers × \(slots) slot(s), \(report.processors) processors, "
            + "SQLite WAL state \(report.stateDirectory)")
        print(String(format: "tasks:        %d noop tasks acknowledged in %.2f s (submit took %.3f s of it)",
                     report.tasksAcknowledged, runSeconds, submitSeconds))
        print(String(format: "throughput:   %.0f tasks/s  (bar: >= 1000 tasks/s, %@)",
                     report.tasksPerSecond, met(report.tasksPerSecondBarMet)))
        print(String(format: "front update: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d front changes  (bar: p99 < 50 ms, %@)",
                     report.frontLatencyP50Milliseconds, report.frontLatencyP99Milliseconds,
                     report.frontLatencyMaxMilliseconds, report.frontChanges, met(report.p99BarMet)))
        print(String(format: "memory (whole process: coordinator + simulated workers + client): resident %.1f MiB "
                     + "before workers, %.1f MiB with %d connected, %.1f MiB after the run; peak %.1f MiB",
                     residentBefore, residentConnected, workers, residentAfter, peak))
        print(String(format: "workers:      connected in %.2f s; %d assignments received, %d results sent",
                     connectSeconds, report.assignmentsReceived, report.resultsSent))
        if let webObservers {
            print("web view:     \(webObservers) event-stream reader(s), \(report.webObserversDropped ?? 0) dropped for falling behind")
        }
    }
}

/// A run that could not complete (workers not connecting, a timeout, a refused sweep).
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
