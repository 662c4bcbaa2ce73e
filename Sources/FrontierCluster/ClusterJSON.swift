import Foundation
import FrontierProtocol
import FrontierSupport

/// The one JSON convention of every cluster `--json` (`sweep submit|status|cancel|export`,
/// `tail`) and of the coordinator's web API (`/api/...`, the same values): snake_case keys, numbers as JSON numbers (64-bit counters included), every
/// field present even when zero or empty, states as lower-case words. Built from the
/// wire messages here rather than with protobuf's JSON mapping, which writes camelCase,
/// quotes 64-bit integers and leaves out zero values.
public enum ClusterJSON {
    /// One line of compact JSON with sorted keys (`pretty`: indented). Values that can write
    /// themselves (`JSONLineWritable`) do, when the result is the encoder's to the byte.
    public static func string<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
        if !pretty, let writable = value as? any JSONLineWritable,
           let text = JSONLine.write(writable, convertsKeysToSnakeCase: true).exactText {
            return text
        }
        return (try? JSONOutput.string(value, pretty: pretty)) ?? "{}"
    }

    /// A sweep state as one lower-case word (text and JSON alike).
    public static func name(_ state: FrontierProtocol.SweepState) -> String {
        switch state {
        case .pending: "pending"
        case .running: "running"
        case .done: "done"
        case .doneWithFailures: "done_with_failures"
        case .cancelled: "cancelled"
        case .failed: "failed"
        default: "unknown"
        }
    }

    public struct Accepted: Encodable, Sendable {
        public var sweepID: String
        public var tasks: UInt32
        enum CodingKeys: String, CodingKey { case sweepID = "sweep_id", tasks }

        public init(sweepID: String, tasks: UInt32) {
            self.sweepID = sweepID
            self.tasks = tasks
        }
    }

    public struct Status: Encodable, Sendable {
        public var sweeps: [Summary]
        public var publishEndpoint: String
        enum CodingKeys: String, CodingKey { case sweeps, publishEndpoint = "publish_endpoint" }

        public init(_ status: FrontierProtocol.SweepStatus) {
            sweeps = status.sweeps.map(Summary.init)
            publishEndpoint = status.publishEndpoint
        }
    }

    public struct Summary: Encodable, Sendable {
        public var sweepID, name, state: String
        public var tasksPending, tasksRunning, tasksDone, tasksFailed, tasksCancelled, tasksTotal: UInt32
        public var elapsedSeconds: Double
        /// Seconds left at the average rate so far (`SweepProgress.etaSeconds`); null before the first finished task.
        public var etaSeconds: Double?
        public var stuck: [Stuck]
        enum CodingKeys: String, CodingKey {
            case sweepID = "sweep_id", name, state, tasksPending = "tasks_pending", tasksRunning = "tasks_running"
            case tasksDone = "tasks_done", tasksFailed = "tasks_failed", tasksCancelled = "tasks_cancelled"
            case tasksTotal = "tasks_total", elapsedSeconds = "elapsed_seconds", etaSeconds = "eta_seconds", stuck
        }

        /// Every field, `eta_seconds` as null when unknown (the convention: no field left out).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sweepID, forKey: .sweepID)
            try c.encode(name, forKey: .name)
            try c.encode(state, forKey: .state)
            try c.encode(tasksPending, forKey: .tasksPending)
            try c.encode(tasksRunning, forKey: .tasksRunning)
            try c.encode(tasksDone, forKey: .tasksDone)
            try c.encode(tasksFailed, forKey: .tasksFailed)
            try c.encode(tasksCancelled, forKey: .tasksCancelled)
            try c.encode(tasksTotal, forKey: .tasksTotal)
            try c.encode(elapsedSeconds, forKey: .elapsedSeconds)
            try c.encode(etaSeconds, forKey: .etaSeconds)
            try c.encode(stuck, forKey: .stuck)
        }

        public init(_ summary: SweepSummary) {
            sweepID = summary.sweepID
            name = summary.name
            state = ClusterJSON.name(summary.state)
            tasksPending = summary.tasksPending
            tasksRunning = summary.tasksRunning
            tasksDone = summary.tasksDone
            tasksFailed = summary.tasksFailed
            tasksCancelled = summary.tasksCancelled
            tasksTotal = summary.tasksTotal
            elapsedSeconds = Double(summary.elapsedMs) / 1000
            etaSeconds = SweepProgress.etaSeconds(summary)
            stuck = summary.stuck.map { Stuck(taskID: $0.taskID, reason: $0.reason, taskCount: $0.taskCount) }
        }
    }

    public struct Stuck: Encodable, Sendable {
        public var taskID, reason: String
        public var taskCount: UInt32
        enum CodingKeys: String, CodingKey { case taskID = "task_id", reason, taskCount = "task_count" }

        public init(taskID: String, reason: String, taskCount: UInt32) {
            self.taskID = taskID
            self.reason = reason
            self.taskCount = taskCount
        }
    }

    public struct Row: Encodable, Sendable {
        public var dataset, label, rowKey, lastWorker, lastTaskID: String
        public var parameters, objectiveMeans, objectiveStds: [String: Double]
        public var replicatesDone: UInt32
        public var onFront: Bool
        enum CodingKeys: String, CodingKey {
            case dataset, label, rowKey = "row_key", lastWorker = "last_worker", lastTaskID = "last_task_id"
            case parameters, objectiveMeans = "objective_means", objectiveStds = "objective_stds"
            case replicatesDone = "replicates_done", onFront = "on_front"
        }

        public init(_ row: FrontierProtocol.FrontRow) {
            dataset = row.dataset
            label = row.label
            rowKey = row.rowKey
            lastWorker = row.lastWorker
            lastTaskID = row.lastTaskID
            parameters = row.parameters
            objectiveMeans = row.objectiveMeans
            objectiveStds = row.objectiveStds
            replicatesDone = row.replicatesDone
            onFront = row.onFront
        }
    }

    /// A whole front (`sweep export --format json`, `tail --json`'s first line), or the rows of
    /// one change (`tail --json` after the first line). Only a whole front names the objectives.
    public struct Front: Encodable, Sendable {
        public var sweepID: String
        public var sequence: UInt64
        public var objectives: [String]?
        public var rows: [Row]
        public var referencePoint: [String: Double]
        public var hypervolume: Double
        public var done: Bool
        enum CodingKeys: String, CodingKey {
            case sweepID = "sweep_id", sequence, objectives, rows, referencePoint = "reference_point", hypervolume, done
        }

        public init(_ snapshot: FrontierProtocol.FrontSnapshot) {
            sweepID = snapshot.sweepID
            sequence = snapshot.sequence
            objectives = snapshot.objectives
            rows = snapshot.rows.map(Row.init)
            referencePoint = snapshot.referencePoint
            hypervolume = snapshot.hypervolume
            done = snapshot.done
        }

        public init(_ update: FrontUpdate) {
            sweepID = update.sweepID
            sequence = update.sequence
            objectives = nil
            rows = update.rows.map(Row.init)
            referencePoint = update.referencePoint
            hypervolume = update.hypervolume
            done = update.done
        }
    }
}
