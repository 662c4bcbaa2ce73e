import Foundation
import FrontierData
import FrontierExplain
import FrontierML
import FrontierModels
import FrontierSettings
import FrontierSweep

/// FEX explainers trained and measured on one model (`fex`): each task trains a FEX policy
/// with PPO for one setting of its swept parameters (`sparsity`, `entropy_bonus`,
/// `kl_penalty`, or any other numeric FEX setting) on its shard's training rows, streaming
/// one progress report per PPO epoch, then explains a seeded sample of the test rows in one
/// forward pass each and reports property metrics, the mean mask size and the cost per
/// explanation as objectives. f comes from the worker's model cache (trained once per shard,
/// seed and training settings, as for `explain`); the trained policy is kept as a model file
/// next to f (`FEXPolicyFiles`), so the same task run again reads it instead of training.
///
/// ```yaml
/// - kind: fex
///   settings:
///     explainer_settings: {baseline: mean}    # fixed FEX settings; swept ones go under parameters
///     training: {method: stl}                 # f, as in the explain kind
///     rows: 200
///     metrics: [deletion_auc, insertion_auc, spearman_agreement]   # the default
///     reference: kernelshap                   # the default
///   parameters:
///     sparsity: {values: [0.05, 0.1, 0.2, 0.4, 0.8]}
/// ```
/// Every other setting is the `explain` kind's (`ExplainJobSettings`); `explainer` is fex.
public struct FEXJobKind: JobKind {
    private let explain: ExplainJobKind

    /// The objective that measures how much of the input an explanation keeps: the expected
    /// number of feature groups q keeps, averaged over the explained rows (lower is sparser).
    public static let maskSizeObjective = "mean_mask_size"

    /// What a fex job measures unless its settings say otherwise.
    static let defaults: SettingValue = .map([
        "explainer": .string(FEX.name), "reference": .string(KernelSHAP.name),
        "metrics": .list(["deletion_auc", "insertion_auc", "spearman_agreement"].map { .string($0) }),
    ])

    public init(models: ModelCache) {
        self.init(shards: ShardCache(), models: models)
    }

    init(shards: ShardCache, models: ModelCache) {
        self.explain = ExplainJobKind(shards: shards, models: models)
    }

    public var name: String { FEX.name }

    /// FEX's numeric settings a sweep may vary, with their valid range (each value is also
    /// validated by `FEXSettings` at submit).
    public var sweptParameters: [String: ClosedRange<Double>] {
        ["sparsity": 0...1e6, "entropy_bonus": 0...1e6, "kl_penalty": 0...1e6, "learning_rate": 0...10, "clip_range": 0...10,
         "masks_per_row": 2...4096, "update_epochs": 1...1000, "max_epochs": 1...100_000, "closeness_width": 0...1e6]
    }

    public var objectives: Set<String> { explain.objectives.union([Self.maskSizeObjective]) }

    public var knownSettings: Set<String>? { ExplainJobSettings.knownSettings }

    public func defaultObjectives(for dataset: SweepDataset) -> [String] {
        ["deletion_auc", Self.maskSizeObjective]
    }

    public func validate(settings: SettingValue, at path: String) throws(SweepSpecError) -> Data {
        try job(settings, at: path).tree.canonicalJSON
    }

    public func validate(settings: SettingValue, parameters: [String: [Double]], at path: String) throws(SweepSpecError) {
        _ = try job(settings, at: SettingsError.join(path, "settings"))
        try explain.validate(settings: Self.defaults.merging(settings), parameters: parameters, at: path)
    }

    /// The job's settings over the kind's defaults; `explainer`, when given, must be fex.
    func job(_ settings: SettingValue, at path: String) throws(SettingsError) -> ExplainJobSettings {
        if let given = settings.mapValue?["explainer"], given != .string(FEX.name) {
            throw SettingsError(path: SettingsError.join(path, "explainer"), "a fex job explains with fex (leave it out)")
        }
        return try ExplainJobSettings.read(Self.defaults.merging(settings), at: path)
    }

    public func run(_ task: TaskSpec, on shard: LocalShard,
                    report: (TaskProgressReport) -> TaskControl) throws -> TaskOutcome {
        let job: ExplainJobSettings
        let settings: FEXSettings
        do {
            job = try ExplainJobSettings.read(try SettingValue.decode(json: task.jobSpec), at: "job spec")
            settings = try FEXSettings.read(job.explainerSettings.merging(.map(task.parameters.mapValues { .number($0) })),
                                            at: "job spec.explainer_settings")
        } catch {
            throw JobFailed(taskID: task.taskID, "unreadable job spec: \(error)")
        }
        let (manifest, prepared) = try explain.shards.load(for: task, on: shard)
        let start = ContinuousClock.now
        let (model, reference, trainedModel) = try job.explained.model(for: task, manifest: manifest, prepared: prepared,
                                                                       models: explain.models, report: report)
        let network = try model.explainableModel()
        var context = try model.explanationContext()
        context.trainingRows = prepared.dataset.train.features
        let key = FEXPolicyKey(modelChecksum: reference.checksum, settings: settings, seed: task.seed)
        let trained = try FEXPolicyFiles.policy(for: key, modelDirectory: reference.directory) {
            try FEXTrainer(settings: settings).train(model: network, context: context,
                                                     generator: SeededGenerator(seed: task.seed).derived("fex")) { epoch in
                report(Self.progress(epoch)) == .cancel ? .cancel : .proceed
            }
        }
        if trained.history.cancelled { throw JobCancelled(taskID: task.taskID) }
        let trainingSeconds = (ContinuousClock.now - start).seconds
        let evaluationStart = ContinuousClock.now
        let explainer = FEX(policy: trained.policy, settings: settings)
        let rows = ExplainJobKind.rows(of: prepared.dataset, count: job.rows, seed: task.seed)
        var measured = try ExplainTaskReport.measure(explainer, job: job, model: model, reference: reference, trained: trainedModel,
                                                     rows: rows, seed: task.seed, parameters: task.parameters)
        measured.job = FEX.name
        let size = try Self.meanMaskSize(trained.policy, rows: rows, model: network)
        measured.objectives[Self.maskSizeObjective] = size
        let result = FEXTaskReport(explanation: measured, policy: trained.directory, trainedPolicy: trained.trained,
                                   groups: trained.policy.groups.count, meanMaskSize: size, training: trained.history)
        let steps = max(1, trained.history.epochs.count)
        guard report(TaskProgressReport(step: steps, totalSteps: steps, metrics: measured.objectives)) == .proceed else {
            throw JobCancelled(taskID: task.taskID)
        }
        return TaskOutcome(objectives: measured.objectives, report: try result.json(), trainingSeconds: trainingSeconds,
                           evaluationSeconds: (ContinuousClock.now - evaluationStart).seconds)
    }

    /// One PPO epoch as task progress.
    static func progress(_ epoch: FEXEpochReport) -> TaskProgressReport {
        TaskProgressReport(step: epoch.epoch, totalSteps: epoch.maxEpochs, metrics: [
            "training_score": epoch.trainingScore, "validation_score": epoch.validationScore,
            "mean_keep_probability": epoch.meanKeepProbability, "entropy_per_group": epoch.entropyPerGroup,
            "kl_divergence": epoch.klDivergence, "clipped_fraction": epoch.clippedFraction,
        ])
    }

    /// The expected number of groups q keeps for the output each row explains, averaged over the rows.
    static func meanMaskSize(_ policy: FEXPolicy, rows: Matrix, model: NetworkModel) throws -> Double {
        var metered = MeteredModel(model)
        let predicted = try ExplainedOutput.predicted.resolve(rows, model: &metered)[0]
        let p = policy.keepProbabilities(rows, outputs: predicted)
        return p.scalars.reduce(0.0) { $0 + Double($1) } / Double(max(1, rows.rows))
    }
}

/// What one `fex` task measured: the explanation's report (metrics, cost, model), where the
/// policy is kept and whether this task trained it, and the PPO training's history.
struct FEXTaskReport: TaskReportJSON {
    var explanation: ExplainTaskReport
    var policy: String
    var trainedPolicy: Bool
    var groups: Int
    var meanMaskSize: Double
    var training: FEXHistory
}
