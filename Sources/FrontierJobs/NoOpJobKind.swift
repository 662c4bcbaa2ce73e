import FrontierSettings
import Foundation
import FrontierML
import FrontierSweep
import FrontierSupport

/// A job that does no real work (`noop`): it waits `seconds`, optionally fails, and
/// reports objectives computed from its parameter and seed alone. The cluster's
/// tests and benchmark use it to exercise scheduling, retries and cancellation
/// without training anything; it never touches the shard's files.
public struct NoOpJobKind: JobKind {
    /// How often a waiting task reports progress (and so learns of a cancel).
    public static let tick: Double = 0.01

    public init() {}

    public var name: String { "noop" }
    public var sweptParameters: [String: ClosedRange<Double>] { ["x": -1e9...1e9] }
    public var objectives: Set<String> { ["loss", "cost"] }

    /// What a noop job does.
    public struct Settings: Codable, Equatable, Sendable {
        /// Seconds to wait before finishing.
        public var seconds: Double = 0
        /// Throw `JobFailed` instead of finishing (to exercise retries).
        public var fail: Bool = false

        public init(seconds: Double = 0, fail: Bool = false) {
            self.seconds = seconds
            self.fail = fail
        }
    }

    public func validate(settings: SettingValue, at path: String) throws(SweepSpecError) -> Data {
        var reader = try SettingsReader(settings, at: path)
        let parsed = Settings(seconds: try reader.double("seconds", default: 0, in: 0...86_400),
                              fail: try reader.bool("fail", default: false))
        try reader.finish()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(parsed)) ?? Data()
    }

    /// The objectives of a task: `loss = x²`, `cost = (x − 1)² + seed·10⁻³` (x defaults to 0),
    /// so the front over x in [0, 1] is known exactly.
    public static func objectives(parameters: [String: Double], seed: UInt64) -> [String: Double] {
        let x = parameters["x"] ?? 0
        return ["loss": x * x, "cost": (x - 1) * (x - 1) + Double(seed) * 1e-3]
    }

    /// Waits in ticks of `tick` seconds, reporting each (at least one report, even for 0 seconds).
    public func run(_ task: TaskSpec, on shard: LocalShard,
                    report: (TaskProgressReport) -> TaskControl) throws -> TaskOutcome {
        let settings: Settings
        do { settings = try JSONDecoder().decode(Settings.self, from: task.jobSpec) } catch {
            throw JobFailed(taskID: task.taskID, "unreadable job spec: \(error)")
        }
        let start = ContinuousClock.now
        let steps = max(1, Int((settings.seconds / Self.tick).rounded(.up)))
        for step in 1...steps {
            if settings.seconds > 0 {
                let due = start + .seconds(settings.seconds * Double(step) / Double(steps))
                let wait = due - ContinuousClock.now
                if wait > .zero { Thread.sleep(forTimeInterval: wait.seconds) }
            }
            if report(TaskProgressReport(step: step, totalSteps: steps, metrics: [:])) == .cancel {
                throw JobCancelled(taskID: task.taskID)
            }
        }
        if settings.fail { throw JobFailed(taskID: task.taskID, "failed on purpose (noop fail: true)") }
        let seconds = (ContinuousClock.now - start)
        return TaskOutcome(objectives: Self.objectives(parameters: task.parameters, seed: task.seed),
                           report: Data("{\"job\":\"noop\"}".utf8),
                           trainingSeconds: seconds.seconds,
                           evaluationSeconds: 0)
    }
}
