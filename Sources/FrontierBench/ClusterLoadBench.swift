import Foundation
import FrontierCluster
import FrontierJobs
import FrontierProtocol
import FrontierSupport
import Logging

/// Throughput, front-update latency and memory of the coordinator under load: a coordinator
/// (durable SQLite state) and `workers` simulated workers (`SimulatedWorkers`) in this process,
/// a noop sweep of about `tasks` tasks, timed from submit to the last acknowledgement.
/// `frontier bench cluster` runs it; a test runs it small.
public struct ClusterLoadBench: Sendable {
    /// What to run; the command's options decode into it.
    public struct Settings: Sendable {
        /// Simulated workers (one DEALER socket each, all served by one thread).
        public var workers = 1000
        /// No-op tasks (rounded up to a whole number of seeds × grid points).
        public var tasks = 10000
        /// Slots each simulated worker advertises.
        public var slots = 1
        /// Coordinator state directory; nil: a temporary one, removed afterwards.
        public var stateDirectory: String?
        /// Give up after this many seconds.
        public var timeoutSeconds = 600.0
        /// Serve the web view with this many event-stream readers (curl processes); nil: no web view.
        public var webObservers: Int?

        public init() {}

        /// Names the first setting out of range, as the command's option.
        public func validate() throws(BenchFailure) {
            guard workers >= 1 else { throw BenchFailure("--workers must be at least 1") }
            guard (2...100_000).contains(tasks) else { throw BenchFailure("--tasks must be 2...100000") }
            guard (1...64).contains(slots) else { throw BenchFailure("--slots must be 1...64") }
            guard timeoutSeconds > 0 else { throw BenchFailure("--timeout must be positive") }
            guard (0...100).contains(webObservers ?? 0) else { throw BenchFailure("--web-observers must be 0...100") }
        }

        /// Seeds and grid points of the noop sweep: enough seeds for at most 1,000 points each.
        var sweepShape: (seeds: Int, points: Int) {
            let seeds = (tasks + 999) / 1000
            return (seeds, (tasks + seeds - 1) / seeds)
        }

        /// The noop sweep: x over [0, 1] on a grid, times the seeds.
        var sweepYAML: String {
            let (seeds, points) = sweepShape
            return """
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
        }
    }

    /// The dataset every simulated worker says it holds (shard 0; no file is read).
    public static let simulatedDataset = SimulatedWorkers.dataset

    public let settings: Settings
    /// Where the coordinator logs (default: nowhere).
    public let coordinatorLogger: Logger

    public init(_ settings: Settings, coordinatorLogger: Logger = Logger(label: "frontier.coordinator") { _ in SwiftLogNoOpLogHandler() }) {
        self.settings = settings
        self.coordinatorLogger = coordinatorLogger
    }

    /// Runs the bench; `progress` gets a line at each stage.
    public func run(progress: (String) -> Void = { _ in }) throws -> ClusterLoadReport {
        try settings.validate()
        let fileManager = FileManager.default
        let stateDirectory = settings.stateDirectory ?? fileManager.temporaryDirectory
            .appendingPathComponent("frontier-bench-cluster-\(UUID().uuidString)").path
        let removeState = settings.stateDirectory == nil
        defer { if removeState { try? fileManager.removeItem(atPath: stateDirectory) } }
        try fileManager.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)

        let latencies = FrontLatencyLog()
        let web = try settings.webObservers.map { try BenchWebView(readers: $0) }
        defer { web?.stop() }
        let coordinator = try BenchCoordinator(stateDirectory: stateDirectory, logger: coordinatorLogger,
                                               observatory: web?.observatory, latencies: latencies)
        defer { coordinator.stop() }
        let residentBefore = ProcessMemory.residentMegabytes()

        progress("connecting \(settings.workers) simulated workers to \(coordinator.endpoint)...")
        let simulator = SimulatedWorkers(endpoint: coordinator.endpoint, count: settings.workers, slots: settings.slots)
        simulator.start()
        defer { simulator.stopAndWait() }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(settings.timeoutSeconds)
        let connectSeconds = try awaitConnections(simulator, deadline: deadline)
        let residentConnected = ProcessMemory.residentMegabytes()

        var submit = SweepSubmit()
        submit.spec = settings.sweepYAML
        submit.specFormat = "yaml"
        progress("\(simulator.stats.connected) workers connected in \(String(format: "%.2f", connectSeconds)) s; "
                 + "submitting \(settings.sweepShape.seeds * settings.sweepShape.points) noop tasks...")
        let client = try ClusterClient(endpoint: coordinator.endpoint)
        defer { client.close() }
        let runStart = clock.now
        let accepted = try client.submit(submit, timeout: .seconds(60))
        let submitSeconds = (clock.now - runStart).seconds
        if let web {
            try web.follow(sweepID: accepted.sweepID)
            progress("web view on 127.0.0.1:\(web.port), \(web.observatory.observerCount) event-stream readers")
        }
        let sampledPeak = try awaitResults(simulator, tasks: Int(accepted.taskCount), sweepID: accepted.sweepID,
                                           client: client, deadline: deadline, floor: residentConnected)
        let stats = simulator.stats
        let residentAfter = ProcessMemory.residentMegabytes()
        return ClusterLoadReport(
            settings: settings, tasks: Int(accepted.taskCount), stats: stats,
            connectSeconds: connectSeconds, submitSeconds: submitSeconds,
            runSeconds: ((stats.lastAcknowledgement ?? clock.now) - runStart).seconds,
            frontLatenciesMilliseconds: latencies.values.map { $0.seconds * 1000 }.sorted(),
            resident: (residentBefore, residentConnected, residentAfter,
                       // ru_maxrss is updated lazily; the samples taken while waiting bound it from below.
                       max(ProcessMemory.peakResidentMegabytes(), sampledPeak, residentAfter)),
            stateDirectory: removeState ? "(temporary, removed)" : stateDirectory,
            webObserversDropped: web.map { Int($0.observatory.metrics.reading().droppedSubscribers) })
    }

    /// Waits until every simulated worker has heard from the coordinator; returns the seconds it took.
    private func awaitConnections(_ simulator: SimulatedWorkers, deadline: ContinuousClock.Instant) throws -> Double {
        let start = ContinuousClock.now
        while simulator.stats.connected < settings.workers {
            guard ContinuousClock.now < deadline, simulator.stats.failure == nil else {
                throw BenchFailure("only \(simulator.stats.connected) of \(settings.workers) workers connected"
                                   + (simulator.stats.failure.map { " (simulated workers failed: \($0))" } ?? ""))
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return (ContinuousClock.now - start).seconds
    }

    /// Waits until every task's result is acknowledged, sampling the resident set; returns its peak.
    private func awaitResults(_ simulator: SimulatedWorkers, tasks: Int, sweepID: String, client: ClusterClient,
                              deadline: ContinuousClock.Instant, floor: Double) throws -> Double {
        var sampledPeak = floor
        while simulator.stats.acknowledged < tasks {
            sampledPeak = max(sampledPeak, ProcessMemory.residentMegabytes())
            guard ContinuousClock.now < deadline, simulator.stats.failure == nil else {
                let stats = simulator.stats
                if let failure = stats.failure { throw BenchFailure("simulated workers failed: \(failure)") }
                let stuck = (try? client.status(sweepID: sweepID))
                    .map { $0.sweeps.flatMap { $0.stuck.map(\.reason) }.joined(separator: "; ") } ?? "no status"
                throw BenchFailure("timed out: \(stats.acknowledged) of \(tasks) results acknowledged "
                    + "(\(stats.assignments) assignments received, \(stats.resultsSent) results sent; \(stuck))")
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return sampledPeak
    }
}

/// The bench's coordinator on its own thread, bound to free loopback ports.
private final class BenchCoordinator {
    let server: CoordinatorServer
    let endpoint: String
    private let done = DispatchSemaphore(value: 0)

    init(stateDirectory: String, logger: Logger, observatory: CoordinatorObservatory?, latencies: FrontLatencyLog) throws {
        server = CoordinatorServer(
            configuration: CoordinatorConfiguration(bind: "tcp://127.0.0.1:*", publish: "tcp://127.0.0.1:*",
                                                    stateDirectory: stateDirectory),
            registry: FrontierJobs.registry, datasets: RecipeDatasetResolver(), logger: logger)
        server.onFrontChange = { latencies.append($0) }
        server.observatory = observatory
        try server.start()
        endpoint = server.boundEndpoints.router
        let thread = Thread { [server, done] in
            do { try server.run() } catch { logger.error("bench: coordinator failed: \(error)") }
            done.signal()
        }
        thread.name = "coordinator"
        thread.start()
    }

    func stop() {
        server.stop()
        done.wait()
    }
}
