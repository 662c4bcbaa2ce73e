import Foundation
import FrontierData
import FrontierML
import FrontierMethods
import FrontierModels
import FrontierSettings
import FrontierSweep

/// A training method run as a cluster task on a worker's shard: one job kind per
/// registered method (`joint`, `stl`, `linear`, ...), named after it.
///
/// The job spec a task carries is the job's settings tree with every default filled
/// in; on the worker the task's swept parameters are laid over it and the method
/// reads the whole tree again, so submit and run share one reader, and a spec stored
/// by an older coordinator (missing newer fields) reads with today's defaults.
public struct MethodJobKind: JobKind {
    public let method: any TrainingMethod
    private let cache: ShardCache
    private let models: ModelCache

    /// The setting (not the method's) that keeps each task's model as a model file on the worker.
    public static let saveModelsSetting = "save_models"

    /// - Parameters:
    ///   - cache: prepared shards; the registry's kinds share one, so a worker running
    ///     several methods on a shard parses and holds it once.
    ///   - models: where `save_models: true` keeps the models, on the worker's own disk.
    public init(method: any TrainingMethod, models: ModelCache = ModelCache(root: ModelCache.defaultRoot())) {
        self.init(method: method, cache: ShardCache(), models: models)
    }

    init(method: any TrainingMethod, cache: ShardCache, models: ModelCache) {
        self.method = method
        self.cache = cache
        self.models = models
    }

    public var name: String { method.name }
    public var sweptParameters: [String: ClosedRange<Double>] { method.sweepableSettings }
    public var knownSettings: Set<String>? {
        method.knownSettings.union(EvaluationOptions.knownSettings).union([Self.saveModelsSetting])
    }

    /// Prediction error (classification or regression), global fidelity and f's edge cost
    /// measured on the worker (`EdgeCost.objectiveNames`: parameters, model bytes, latency,
    /// peak training memory), all minimised.
    public var objectives: Set<String> { Self.predictionObjectives.union(EdgeCost.objectiveNames) }
    /// The objectives of prediction and explanation every run reports (the edge costs besides).
    static let predictionObjectives: Set<String> = ["error_rate", "mse", "global_fidelity"]

    /// The range, then the method's own rule for the value (alpha lies strictly inside (0, 1)).
    public func validate(parameter name: String, value: Double, at path: String) throws(SweepSpecError) {
        guard let range = sweptParameters[name] else { throw SweepSpecError(path: path, "\(self.name) does not sweep '\(name)'") }
        guard range.contains(value) else {
            throw SweepSpecError(path: path, "\(value) is outside \(name)'s range \(range.lowerBound)...\(range.upperBound)")
        }
        do {
            _ = try MethodRun(method: method, tree: .map([name: .number(value)]), at: "", seed: 0)
        } catch where error.path == name {
            throw SweepSpecError(path: path, error.message)
        } catch {}
    }

    /// `mse` for a regression dataset, else `error_rate`; then `global_fidelity`.
    public func defaultObjectives(for dataset: SweepDataset) -> [String] {
        [dataset.isRegression ? "mse" : "error_rate", "global_fidelity"]
    }

    /// Reads the job's settings and returns them, defaults filled in, as canonical JSON.
    /// A sweepable setting (alpha) belongs under `parameters:`, where the front sees it.
    public func validate(settings: SettingValue, at path: String) throws(SweepSpecError) -> Data {
        if let swept = sweptParameters.keys.sorted().first(where: { settings.mapValue?[$0] != nil }) {
            throw SweepSpecError(path: SettingsError.join(path, swept),
                                 "\(swept) is swept: give it under parameters (e.g. \(swept): {values: [...]})")
        }
        let (tree, saveModels) = try Self.splitSaveModels(settings, at: path)
        let run = try MethodRun(method: method, tree: tree, at: path, seed: 0)
        var spec = run.settings.tree.merging(run.evaluation.tree)
        if saveModels { spec = spec.merging(.map([Self.saveModelsSetting: .bool(true)])) }
        return spec.canonicalJSON
    }

    /// The settings without `save_models`, and its value (default false).
    static func splitSaveModels(_ settings: SettingValue, at path: String) throws(SettingsError) -> (SettingValue, Bool) {
        guard var entries = settings.mapValue, let value = entries.removeValue(forKey: saveModelsSetting) else { return (settings, false) }
        guard case .bool(let flag) = value else {
            throw SettingsError(path: SettingsError.join(path, saveModelsSetting), "expected true or false, found \(value.kindName)")
        }
        return (.map(entries), flag)
    }

    /// The run a task describes (the job spec with the task's parameters laid over it) and
    /// whether its model is to be kept.
    public func run(for task: TaskSpec, recipeDescription: String) throws -> (run: MethodRun, saveModel: Bool) {
        let tree: SettingValue
        do { tree = try SettingValue.decode(json: task.jobSpec) } catch {
            throw JobFailed(taskID: task.taskID, "unreadable job spec: \(error)")
        }
        let parameters = SettingValue.map(task.parameters.mapValues { .number($0) })
        do {
            let (settings, saveModel) = try Self.splitSaveModels(tree.merging(parameters), at: "job spec")
            return (try MethodRun(method: method, tree: settings, at: "job spec", seed: task.seed,
                                  recipeDescription: recipeDescription), saveModel)
        } catch {
            throw JobFailed(taskID: task.taskID, "\(error)")
        }
    }

    /// Trains and evaluates on the shard, reporting each epoch; with `save_models`, keeps the
    /// model in the worker's model cache and names it in the report. Throws `JobCancelled`
    /// when a report is answered with `.cancel`, `JobFailed` when the task cannot run.
    public func run(_ task: TaskSpec, on shard: LocalShard,
                    report: (TaskProgressReport) -> TaskControl) throws -> TaskOutcome {
        let (manifest, prepared) = try cache.load(for: task, on: shard)
        let recipe = (try? manifest.datasetSource().provenance).map { "\($0); " } ?? ""
        let (run, saveModel) = try run(for: task, recipeDescription: "\(recipe)\(manifest.shardName) (sha256 \(manifest.sha256.prefix(12))): "
                                       + manifest.source)
        var (result, model) = try Self.training(task) { () throws(MethodError) in
            try run.runKeepingModel(on: prepared.dataset) { Self.forward($0, to: report) }
        }
        if saveModel {
            let key = try ModelFiles.cacheKey(manifest: manifest, method: method.name, settings: run.settings.tree, seed: task.seed)
            do {
                let saved = try models.model(for: key) {
                    try ModelFiles.savedModel(model, report: result, prepared: prepared, source: try manifest.datasetSource(),
                                              cacheKey: key)
                }
                result.model = .init(id: saved.reference.id, checksum: saved.reference.checksum, directory: saved.reference.directory)
            } catch {
                throw JobFailed(taskID: task.taskID, "saving the model: \(error)")
            }
        }
        return TaskOutcome(objectives: result.point.objectives, report: try result.json(),
                           trainingSeconds: result.timings.trainingSeconds,
                           evaluationSeconds: result.timings.evaluationSeconds)
    }

    /// Streams an epoch's losses as a progress report; a `.cancel` answer stops training.
    static func forward(_ epoch: EpochReport, to report: (TaskProgressReport) -> TaskControl) -> TrainingControl {
        let control = report(TaskProgressReport(
            step: epoch.epoch, totalSteps: epoch.maxEpochs,
            metrics: ["training_loss": Double(epoch.trainingLoss), "validation_loss": Double(epoch.validationLoss),
                      "learning_rate": Double(epoch.learningRate)]))
        return control == .cancel ? .cancel : .proceed
    }

    /// Runs a task's training: a cancelled run becomes `JobCancelled`, any other failure `JobFailed`.
    static func training<T>(_ task: TaskSpec, _ body: () throws(MethodError) -> T) throws -> T {
        do { return try body() } catch where error.isCancellation {
            throw JobCancelled(taskID: task.taskID)
        } catch {
            throw JobFailed(taskID: task.taskID, "\(error)")
        }
    }
}
