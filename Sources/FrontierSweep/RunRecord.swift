import FrontierPareto
import Foundation
import FrontierSettings
import FrontierSupport

/// One finished run of a sweep: what `sweep results` lists, a row per run, for local
/// and cluster sweeps alike. The job kind's full report rides along as JSON.
public struct RunRecord: Codable, Sendable, Equatable {
    public var sweepID: String
    public var taskID: String
    /// The job kind (`joint`, `stl`, `explain`, ...): the label of the run's front row.
    public var jobKind: String
    public var parameters: [String: Double]
    public var seed: UInt64
    public var dataset: String
    public var shardID: Int
    /// Who ran it: a worker's name, or `local`.
    public var worker: String
    public var objectives: [String: Double]
    /// Time spent training and evaluating; nil when unknown (a cluster result stored by a
    /// coordinator before protocol 1.3), and then left out of the JSON.
    public var trainingSeconds: Double?
    public var evaluationSeconds: Double?
    /// The job kind's report (JSON), as the kind wrote it; null when there was none to read.
    public var report: SettingValue

    /// A record from its parts; `report` is the job kind's JSON (anything else reads as null).
    public init(sweepID: String, taskID: String, jobKind: String, parameters: [String: Double], seed: UInt64,
                dataset: String, shardID: Int, worker: String, objectives: [String: Double],
                trainingSeconds: Double?, evaluationSeconds: Double?, report: Data) {
        self.sweepID = sweepID
        self.taskID = taskID
        self.jobKind = jobKind
        self.parameters = parameters
        self.seed = seed
        self.dataset = dataset
        self.shardID = shardID
        self.worker = worker
        self.objectives = objectives
        self.trainingSeconds = trainingSeconds
        self.evaluationSeconds = evaluationSeconds
        self.report = report.isEmpty ? .null : (try? SettingValue.decode(json: report)) ?? .null
    }

    /// The record of `task` run by `worker` with `outcome` (a local run's).
    public init(task: TaskSpec, worker: String, outcome: TaskOutcome) {
        self.init(sweepID: task.sweepID, taskID: task.taskID, jobKind: task.jobKind, parameters: task.parameters,
                  seed: task.seed, dataset: task.shard.dataset, shardID: task.shard.shardID, worker: worker,
                  objectives: outcome.objectives, trainingSeconds: outcome.trainingSeconds,
                  evaluationSeconds: outcome.evaluationSeconds, report: outcome.report)
    }

    enum CodingKeys: String, CodingKey {
        case sweepID = "sweep_id", taskID = "task_id", jobKind = "job_kind", parameters, seed, dataset
        case shardID = "shard_id", worker, objectives, trainingSeconds = "training_seconds"
        case evaluationSeconds = "evaluation_seconds", report
    }

    /// One line of JSON (key-sorted), as `results.jsonl` holds it.
    public var jsonLine: String {
        JSONLine.write(self, convertsKeysToSnakeCase: false).exactText ?? encodedLine
    }

    /// `jsonLine` by `JSONEncoder` (what `JSONLine` matches; also for non-finite numbers).
    var encodedLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Reads the lines of a `results.jsonl` file.
    public static func read(jsonLines text: String, source: String) throws -> [RunRecord] {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var records: [RunRecord] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            do { records.append(try decoder.decode(RunRecord.self, from: Data(line.utf8))) } catch {
                throw SettingsError(path: "\(source):\(i + 1)", "not a run record: \(error)")
            }
        }
        return records
    }

    /// The front's view of this run.
    public var pointResult: PointResultFields {
        PointResultFields(taskID: taskID, dataset: dataset, label: jobKind, parameters: parameters,
                          objectives: objectives, replicate: "shard \(shardID), seed \(seed)", worker: worker)
    }
}

/// The fields of a `PointResult` (kept here so FrontierSweep's users need not import FrontierPareto to read records).
public typealias PointResultFields = FrontierPareto.PointResult
