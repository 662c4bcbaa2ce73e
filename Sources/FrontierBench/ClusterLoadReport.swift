import Foundation
import FrontierSupport

/// What `ClusterLoadBench` measured, with the bars (at least 1,000 tasks/s, p99 of the
/// result-to-front latency under 50 ms) and whether they were met. Nothing is asserted.
public struct ClusterLoadReport: Codable, Sendable {
    public var workers: Int
    public var slotsPerWorker: Int
    public var tasks: Int
    public var tasksAcknowledged: Int
    public var resultsSent: Int
    public var assignmentsReceived: Int
    public var connectSeconds: Double
    public var submitSeconds: Double
    public var runSeconds: Double
    public var tasksPerSecond: Double
    public var frontChanges: Int
    public var frontLatencyP50Milliseconds: Double
    public var frontLatencyP99Milliseconds: Double
    public var frontLatencyMaxMilliseconds: Double
    public var residentMegabytesBeforeWorkers: Double
    public var residentMegabytesWorkersConnected: Double
    public var residentMegabytesAfterRun: Double
    public var peakResidentMegabytes: Double
    public var processors: Int
    public var stateDirectory: String
    public var tasksPerSecondBarMet: Bool
    public var p99BarMet: Bool
    /// Readers of the web view's event stream (nil: no web view).
    public var webObservers: Int?
    /// Readers the web view dropped for falling behind.
    public var webObserversDropped: Int?

    init(settings: ClusterLoadBench.Settings, tasks: Int, stats: SimulatedWorkers.Stats,
         connectSeconds: Double, submitSeconds: Double, runSeconds: Double, frontLatenciesMilliseconds sorted: [Double],
         resident: (before: Double, connected: Double, after: Double, peak: Double),
         stateDirectory: String, webObserversDropped: Int?) {
        workers = settings.workers
        slotsPerWorker = settings.slots
        self.tasks = tasks
        tasksAcknowledged = stats.acknowledged
        resultsSent = stats.resultsSent
        assignmentsReceived = stats.assignments
        self.connectSeconds = connectSeconds
        self.submitSeconds = submitSeconds
        self.runSeconds = runSeconds
        tasksPerSecond = Double(stats.acknowledged) / runSeconds
        frontChanges = sorted.count
        frontLatencyP50Milliseconds = nearestRank(sorted, 0.50)
        frontLatencyP99Milliseconds = nearestRank(sorted, 0.99)
        frontLatencyMaxMilliseconds = sorted.last ?? 0
        residentMegabytesBeforeWorkers = resident.before
        residentMegabytesWorkersConnected = resident.connected
        residentMegabytesAfterRun = resident.after
        peakResidentMegabytes = resident.peak
        processors = ProcessInfo.processInfo.activeProcessorCount
        self.stateDirectory = stateDirectory
        tasksPerSecondBarMet = tasksPerSecond >= 1000
        p99BarMet = frontLatencyP99Milliseconds < 50
        webObservers = settings.webObservers
        self.webObserversDropped = webObserversDropped
    }

    /// The report as the command prints it without `--json`.
    public var text: String {
        let met = { (ok: Bool) in ok ? "met" : "MISSED" }
        var lines = [
            "coordinator with \(workers) simulated workers × \(slotsPerWorker) slot(s), \(processors) processors, "
                + "SQLite WAL state \(stateDirectory)",
            String(format: "tasks:        %d noop tasks acknowledged in %.2f s (submit took %.3f s of it)",
                   tasksAcknowledged, runSeconds, submitSeconds),
            String(format: "throughput:   %.0f tasks/s  (bar: >= 1000 tasks/s, %@)", tasksPerSecond, met(tasksPerSecondBarMet)),
            String(format: "front update: p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d front changes  (bar: p99 < 50 ms, %@)",
                   frontLatencyP50Milliseconds, frontLatencyP99Milliseconds, frontLatencyMaxMilliseconds, frontChanges,
                   met(p99BarMet)),
            String(format: "memory (whole process: coordinator + simulated workers + client): resident %.1f MiB "
                   + "before workers, %.1f MiB with %d connected, %.1f MiB after the run; peak %.1f MiB",
                   residentMegabytesBeforeWorkers, residentMegabytesWorkersConnected, workers, residentMegabytesAfterRun,
                   peakResidentMegabytes),
            String(format: "workers:      connected in %.2f s; %d assignments received, %d results sent",
                   connectSeconds, assignmentsReceived, resultsSent),
        ]
        if let webObservers {
            lines.append("web view:     \(webObservers) event-stream reader(s), \(webObserversDropped ?? 0) dropped for falling behind")
        }
        return lines.joined(separator: "\n")
    }
}
