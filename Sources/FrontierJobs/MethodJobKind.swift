import Foundation
import FrontierData
import FrontierML
import FrontierMethods
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

    /// - Parameter cache: prepared shards; the registry's kinds share one, so a worker
    ///   running several methods on a shard parses and holds it once.
    public init(method: any TrainingMethod) {
        self.init(method: method, cache: ShardCache())
    }

    init(method: any TrainingMethod, cache: ShardCache) {
        self.method = method
        self.cache = cache
    }

    public var name: String { method.name }
    public var sweptParameters: [String: ClosedRange<Double>] { method.sweepableSettings }
    public var knownSettings: Set<String>? { method.knownSettings.union(EvaluationOptions.knownSettings) }

    /// Prediction error (classification or regression) and global fidelity, all minimised.
    public var objectives: Set<String> { ["error_rate", "mse", "global_fidelity"] }

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
        let run = try MethodRun(method: method, tree: settings, at: path, seed: 0)
        return run.settings.tree.merging(run.evaluation.tree).canonicalJSON
    }

    /// The run a task describes: the job spec with the task's parameters laid over it.
    public func run(for task: TaskSpec, recipeDescription: String) throws -> MethodRun {
        let tree: SettingValue
        do { tree = try SettingValue.decode(json: task.jobSpec) } catch {
            throw JobFailed(taskID: task.taskID, "unreadable job spec: \(error)")
        }
        let parameters = SettingValue.map(task.parameters.mapValues { .number($0) })
        do {
            return try MethodRun(method: method, tree: tree.merging(parameters), at: "job spec", seed: task.seed,
                                 recipeDescription: recipeDescription)
        } catch {
            throw JobFailed(taskID: task.taskID, "\(error)")
        }
    }

    /// Trains and evaluates on the shard, reporting each epoch. Throws `JobCancelled`
    /// when a report is answered with `.cancel`, `JobFailed` when the task cannot run.
    public func run(_ task: TaskSpec, on shard: LocalShard,
                    report: (TaskProgressReport) -> TaskControl) throws -> TaskOutcome {
        let (manifest, dataset) = try cache.load(directory: shard.directory)
        guard manifest.dataset == task.shard.dataset, manifest.shardID == task.shard.shardID,
              task.shard.sha256 == nil || task.shard.sha256 == manifest.sha256 else {
            throw JobFailed(taskID: task.taskID, "\(shard.directory) holds \(manifest.dataset)/\(manifest.shardID) "
                            + "(sha256 \(manifest.sha256)), not \(task.shard.description)")
        }
        let recipe = (try? manifest.datasetSource().provenance).map { "\($0); " } ?? ""
        let run = try run(for: task, recipeDescription: "\(recipe)\(manifest.shardName) (sha256 \(manifest.sha256.prefix(12))): "
                          + manifest.source)
        let result: RunReport
        do {
            result = try run.run(on: dataset) { epoch in
                let control = report(TaskProgressReport(
                    step: epoch.epoch, totalSteps: epoch.maxEpochs,
                    metrics: ["training_loss": Double(epoch.trainingLoss), "validation_loss": Double(epoch.validationLoss),
                              "learning_rate": Double(epoch.learningRate)]))
                return control == .cancel ? .cancel : .proceed
            }
        } catch where error.isCancellation {
            throw JobCancelled(taskID: task.taskID)
        } catch {
            throw JobFailed(taskID: task.taskID, "\(error)")
        }
        return TaskOutcome(objectives: result.point.objectives, report: try result.json(),
                           trainingSeconds: result.timings.trainingSeconds,
                           evaluationSeconds: result.timings.evaluationSeconds)
    }
}
