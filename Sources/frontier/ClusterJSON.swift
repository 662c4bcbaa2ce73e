import Foundation
import FrontierCluster
import FrontierProtocol

/// The one JSON convention of every cluster `--json` (`sweep submit|status|cancel|export`,
/// `tail`): snake_case keys, numbers as JSON numbers (64-bit counters included), every
/// field present even when zero or empty, states as lower-case words. Built from the
/// wire messages here rather than with protobuf's JSON mapping, which writes camelCase,
/// quotes 64-bit integers and leaves out zero values.
enum ClusterJSON {
    /// One line of compact JSON with sorted keys (`pretty`: indented).
    static func string<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
        (try? JSONOutput.string(value, pretty: pretty)) ?? "{}"
    }

    struct Accepted: Encodable {
        var sweepID: String
        var tasks: UInt32
        enum CodingKeys: String, CodingKey { case sweepID = "sweep_id", tasks }
    }

    struct Status: Encodable {
        var sweeps: [Summary]
        var publishEndpoint: String
        enum CodingKeys: String, CodingKey { case sweeps, publishEndpoint = "publish_endpoint" }

        init(_ status: FrontierProtocol.SweepStatus) {
            sweeps = status.sweeps.map(Summary.init)
            publishEndpoint = status.publishEndpoint
        }
    }

    struct Summary: Encodable {
        var sweepID, name, state: String
        var tasksPending, tasksRunning, tasksDone, tasksFailed, tasksCancelled, tasksTotal: UInt32
        var elapsedSeconds: Double
        var stuck: [Stuck]
        enum CodingKeys: String, CodingKey {
            case sweepID = "sweep_id", name, state, tasksPending = "tasks_pending", tasksRunning = "tasks_running"
            case tasksDone = "tasks_done", tasksFailed = "tasks_failed", tasksCancelled = "tasks_cancelled"
            case tasksTotal = "tasks_total", elapsedSeconds = "elapsed_seconds", stuck
        }

        init(_ summary: SweepSummary) {
            sweepID = summary.sweepID
            name = summary.name
            state = SweepStatusCommand.name(summary.state)
            tasksPending = summary.tasksPending
            tasksRunning = summary.tasksRunning
            tasksDone = summary.tasksDone
            tasksFailed = summary.tasksFailed
            tasksCancelled = summary.tasksCancelled
            tasksTotal = summary.tasksTotal
            elapsedSeconds = Double(summary.elapsedMs) / 1000
            stuck = summary.stuck.map { Stuck(taskID: $0.taskID, reason: $0.reason, taskCount: $0.taskCount) }
        }
    }

    struct Stuck: Encodable {
        var taskID, reason: String
        var taskCount: UInt32
        enum CodingKeys: String, CodingKey { case taskID = "task_id", reason, taskCount = "task_count" }
    }

    struct Row: Encodable {
        var dataset, label, rowKey, lastWorker, lastTaskID: String
        var parameters, objectiveMeans, objectiveStds: [String: Double]
        var replicatesDone: UInt32
        var onFront: Bool
        enum CodingKeys: String, CodingKey {
            case dataset, label, rowKey = "row_key", lastWorker = "last_worker", lastTaskID = "last_task_id"
            case parameters, objectiveMeans = "objective_means", objectiveStds = "objective_stds"
            case replicatesDone = "replicates_done", onFront = "on_front"
        }

        init(_ row: FrontierProtocol.FrontRow) {
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
    struct Front: Encodable {
        var sweepID: String
        var sequence: UInt64
        var objectives: [String]?
        var rows: [Row]
        var referencePoint: [String: Double]
        var hypervolume: Double
        var done: Bool
        enum CodingKeys: String, CodingKey {
            case sweepID = "sweep_id", sequence, objectives, rows, referencePoint = "reference_point", hypervolume, done
        }

        init(_ snapshot: FrontierProtocol.FrontSnapshot) {
            sweepID = snapshot.sweepID
            sequence = snapshot.sequence
            objectives = snapshot.objectives
            rows = snapshot.rows.map(Row.init)
            referencePoint = snapshot.referencePoint
            hypervolume = snapshot.hypervolume
            done = snapshot.done
        }

        init(_ update: FrontUpdate) {
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
