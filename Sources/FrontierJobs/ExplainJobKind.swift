import Foundation
import FrontierData
import FrontierExplain
import FrontierMethods
import FrontierML
import FrontierModels
import FrontierSettings
import FrontierSweep

/// Explainers compared on one model (`explain`): each task explains a seeded sample of its
/// shard's test rows with one explainer and one setting of its swept parameters, and reports
/// property metrics and the cost per explanation as objectives. The model is one f per
/// (shard, seed, training settings), trained once per worker and kept in its model cache, so
/// the points of a sweep over explainers and their settings all explain the same f. Points
/// are labelled by explainer (`ExplainJobSettings.label`), so one front compares explainers.
public struct ExplainJobKind: JobKind {
    let shards: ShardCache
    let models: ModelCache

    /// The objective measuring cost: wall milliseconds per explained row.
    public static let costObjective = "ms_per_explanation"

    public init(models: ModelCache) {
        self.init(shards: ShardCache(), models: models)
    }

    init(shards: ShardCache, models: ModelCache) {
        self.shards = shards
        self.models = models
    }

    public var name: String { "explain" }

    /// The explainer settings a sweep may vary (each value is checked by the job's explainer at submit).
    public var sweptParameters: [String: ClosedRange<Double>] {
        ["samples": 1...10_000_000, "kernel_width": 0...1e6, "perturbation_scale": 0...1e6, "ridge": 0...1e9,
         "noise": 0...1e6, "steps": 1...1_000_000, "exact_up_to": 0...20]
    }

    /// Every property metric by its registry name, and the cost.
    public var objectives: Set<String> { Set(PropertyMetrics.registry.names).union([Self.costObjective]) }

    public var knownSettings: Set<String>? { ExplainJobSettings.knownSettings }

    public func defaultObjectives(for dataset: SweepDataset) -> [String] {
        ["infidelity", "r_avg", "deletion_auc", Self.costObjective]
    }

    public func validate(settings: SettingValue, at path: String) throws(SweepSpecError) -> Data {
        try ExplainJobSettings.read(settings, at: path).tree.canonicalJSON
    }

    /// Every swept value must be a setting of the job's explainer, valid for it.
    public func validate(settings: SettingValue, parameters: [String: [Double]], at path: String) throws(SweepSpecError) {
        let job = try ExplainJobSettings.read(settings, at: SettingsError.join(path, "settings"))
        for (name, values) in parameters.sorted(by: { $0.key < $1.key }) {
            let parameterPath = SettingsError.join(path, "parameters.\(name)")
            guard Explainers.registry[job.explainer]?.knownSettings.contains(name) == true else {
                throw SweepSpecError(path: parameterPath, "\(job.explainer) has no setting '\(name)' (its settings: "
                                     + (Explainers.registry[job.explainer]?.knownSettings.sorted().joined(separator: ", ") ?? "") + ")")
            }
            for value in values {
                do { _ = try job.explainer(parameters: [name: value], at: "") } catch {
                    throw SweepSpecError(path: parameterPath, "\(value): \(error.message)")
                }
            }
        }
    }

    public func run(_ task: TaskSpec, on shard: LocalShard,
                    report: (TaskProgressReport) -> TaskControl) throws -> TaskOutcome {
        let job: ExplainJobSettings
        let explainer: any Explainer
        do {
            job = try ExplainJobSettings.read(try SettingValue.decode(json: task.jobSpec), at: "job spec")
            explainer = try job.explainer(parameters: task.parameters, at: "job spec.explainer_settings")
        } catch {
            throw JobFailed(taskID: task.taskID, "unreadable job spec: \(error)")
        }
        return try job.explained.run(task, on: shard, shards: shards, models: models, rows: job.rows, report: report) { model, reference, trained, rows in
            let result = try ExplainTaskReport.measure(explainer, job: job, model: model, reference: reference, trained: trained, rows: rows,
                                                       seed: task.seed, parameters: task.parameters)
            return (result.objectives, try result.json())
        }
    }

    /// `count` test rows (all when there are fewer), a seeded sample in shard order: every point
    /// of one (shard, seed) explains the same rows.
    static func rows(of dataset: Dataset, count: Int, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed).derived("explain-rows")
        let chosen = generator.permutation(dataset.test.count).prefix(count).sorted()
        return dataset.test.features.gatherRows(chosen)
    }
}
