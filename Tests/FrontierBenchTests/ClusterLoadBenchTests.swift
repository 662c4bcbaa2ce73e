import Foundation
import Testing
@testable import FrontierBench

/// The load bench at a small scale: a real coordinator, real sockets, every result acknowledged.
/// Timings are reported, never asserted (benches, not timed tests, hold the speed targets).
@Suite("Cluster load bench")
struct ClusterLoadBenchTests {
    @Test("Every noop task of the sweep is assigned, answered and acknowledged across 30 simulated workers")
    func smallRunCompletes() throws {
        var settings = ClusterLoadBench.Settings()
        settings.workers = 30
        settings.tasks = 300
        settings.slots = 2
        settings.timeoutSeconds = 120
        var stages: [String] = []
        let report = try ClusterLoadBench(settings).run { stages.append($0) }
        #expect(report.tasks == 300)
        #expect(report.tasksAcknowledged == 300)
        #expect(report.resultsSent >= 300)
        #expect(report.assignmentsReceived >= 300)
        // x² and (x − 1)² over [0, 1] trade off everywhere, so the front changes as results arrive.
        #expect(report.frontChanges >= 1)
        #expect(report.frontLatencyP50Milliseconds <= report.frontLatencyP99Milliseconds)
        #expect(report.frontLatencyP99Milliseconds <= report.frontLatencyMaxMilliseconds)
        #expect(report.stateDirectory == "(temporary, removed)")
        #expect(report.webObservers == nil && report.webObserversDropped == nil)
        #expect(stages.first?.hasPrefix("connecting 30 simulated workers") == true)
        #expect(stages.contains { $0.hasSuffix("submitting 300 noop tasks...") })
        #expect(report.text.contains("300 noop tasks acknowledged"))
    }

    @Test("A given state directory is kept and holds the coordinator's SQLite state; the web view serves with no readers")
    func keepsGivenStateAndServesTheWebView() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var settings = ClusterLoadBench.Settings()
        settings.workers = 3
        settings.tasks = 20
        settings.stateDirectory = directory
        settings.timeoutSeconds = 120
        settings.webObservers = 0
        let report = try ClusterLoadBench(settings).run()
        #expect(report.tasksAcknowledged == 20)
        #expect(report.stateDirectory == directory)
        #expect(report.webObservers == 0 && report.webObserversDropped == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(!files.isEmpty, "the coordinator's state should be left in \(directory)")
    }

    @Test("Settings out of range are refused, naming the option", arguments: [
        ("workers", "--workers"), ("tasks", "--tasks"), ("slots", "--slots"), ("timeout", "--timeout"), ("web", "--web-observers"),
    ])
    func refusesBadSettings(field: String, option: String) {
        var settings = ClusterLoadBench.Settings()
        switch field {
        case "workers": settings.workers = 0
        case "tasks": settings.tasks = 1
        case "slots": settings.slots = 65
        case "timeout": settings.timeoutSeconds = 0
        default: settings.webObservers = 101
        }
        #expect { try settings.validate() } throws: { ($0 as? BenchFailure)?.description.hasPrefix(option) == true }
    }
}
