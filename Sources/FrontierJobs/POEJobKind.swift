import Foundation
import FrontierData
import FrontierExplain
import FrontierML
import FrontierModels
import FrontierSettings
import FrontierSweep

/// POE's trade-offs on one model (`poe`): each task explains a seeded sample of its shard's
/// test rows with POE for one lambda-mix (the swept lambdas laid over the job's fixed POE
/// settings) and reports Table 2's property losses of the explanation, under the job's own
/// similarities, and the cost per explanation. The model comes from the worker's model cache
/// as for `explain` (one f per shard, seed and training settings), so a sweep over lambdas
/// traces POE's front on one f, and can share its models with an explain sweep over baselines.
public struct POEJobKind: JobKind {
    private let shards: ShardCache
    private let models: ModelCache

    public init(models: ModelCache) {
        self.init(shards: ShardCache(), models: models)
    }

    init(shards: ShardCache, models: ModelCache) {
        self.shards = shards
        self.models = models
    }

    public var name: String { "poe" }

    /// The lambdas by their property names, the similarity's length scale and the inducing points.
    public var sweptParameters: [String: ClosedRange<Double>] { POEJobSettings.sweptSettings }

    /// Table 2's losses (`f_grad`, `f_func`, `r_avg`, `r_max`, `smoothness`, `complexity_l1`) and the cost.
    public var objectives: Set<String> { Set(POETaskReport.lossNames).union([ExplainJobKind.costObjective]) }

    public var knownSettings: Set<String>? { POEJobSettings.knownSettings }

    /// Faithfulness against robustness (the paper's Figure 2) and the cost.
    public func defaultObjectives(for dataset: SweepDataset) -> [String] {
        ["f_grad", "r_avg", ExplainJobKind.costObjective]
    }

    public func validate(settings: SettingValue, at path: String) throws(SweepSpecError) -> Data {
        try POEJobSettings.read(settings, at: path).tree.canonicalJSON
    }

    /// Every swept value must make a valid POE with the job's fixed settings (an inductive
    /// job refuses a swept `r_max`, for instance).
    public func validate(settings: SettingValue, parameters: [String: [Double]], at path: String) throws(SweepSpecError) {
        let job = try POEJobSettings.read(settings, at: SettingsError.join(path, "settings"))
        for (name, values) in parameters.sorted(by: { $0.key < $1.key }) {
            for value in values {
                do { _ = try job.explainer(parameters: [name: value], at: "") } catch {
                    throw SweepSpecError(path: SettingsError.join(path, "parameters.\(name)"), "\(value): \(error.message)")
                }
            }
        }
    }

    public func run(_ task: TaskSpec, on shard: LocalShard,
                    report: (TaskProgressReport) -> TaskControl) throws -> TaskOutcome {
        let job: POEJobSettings
        let poe: POEExplainer
        do {
            job = try POEJobSettings.read(try SettingValue.decode(json: task.jobSpec), at: "job spec")
            poe = try job.explainer(parameters: task.parameters, at: "job spec.poe_settings")
        } catch {
            throw JobFailed(taskID: task.taskID, "unreadable job spec: \(error)")
        }
        return try job.explained.run(task, on: shard, shards: shards, models: models, rows: job.rows, report: report) { model, reference, trained, rows in
            let result = try POETaskReport.measure(poe, job: job, model: model, reference: reference, trained: trained, rows: rows,
                                                   seed: task.seed, parameters: task.parameters)
            return (result.objectives, try result.json())
        }
    }
}
