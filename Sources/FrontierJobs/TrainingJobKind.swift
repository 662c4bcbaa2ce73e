import Foundation
import FrontierData
import FrontierML
import FrontierSweep
import FrontierXAI

/// Training a black box and its global explanation with one of Frontier's methods
/// (`joint`, `stl`, `linear`) on a worker's shard: the job kind behind the paper's
/// trade-off sweeps.
public struct TrainingJobKind: JobKind {
    public let method: MethodKind
    private let cache: ShardCache

    public init(method: MethodKind) {
        self.init(method: method, cache: ShardCache())
    }

    /// - Parameter cache: prepared shards; the registry's kinds share one, so a worker
    ///   running several methods on a shard parses and holds it once.
    init(method: MethodKind, cache: ShardCache) {
        self.method = method
        self.cache = cache
    }

    public var name: String { method.rawValue }

    /// Joint training sweeps alpha, the weight of the prediction loss; the others sweep nothing.
    public var sweptParameters: [String: ClosedRange<Double>] {
        method == .joint ? ["alpha": 0.0...1.0] : [:]
    }

    public var requiredParameters: Set<String> { method == .joint ? ["alpha"] : [] }

    /// Prediction error (classification or regression) and global fidelity, all minimised.
    public var objectives: Set<String> { ["error_rate", "mse", "global_fidelity"] }

    /// Alpha must lie strictly inside (0, 1): at 0 or 1 one of the two losses vanishes.
    public func validate(parameter name: String, value: Double, at path: String) throws(SweepSpecError) {
        guard name == "alpha", method == .joint else {
            throw SweepSpecError(path: path, "\(self.name) does not sweep '\(name)'")
        }
        guard value > 0, value < 1 else { throw SweepSpecError(path: path, "alpha must lie strictly between 0 and 1, got \(value)") }
    }

    /// `mse` for a regression dataset, else `error_rate`; then `global_fidelity`.
    public func defaultObjectives(forDataset dataset: String) -> [String] {
        let regression = switch try? DatasetCatalog.entry(named: dataset) {
        case .recipe(let recipe)?: if case .regression = recipe.target { true } else { false }
        case .synthetic(let synthetic)?: synthetic.kind == .regression
        case nil: false
        }
        return [regression ? "mse" : "error_rate", "global_fidelity"]
    }

    public func validate(settings: SettingValue, at path: String) throws(SweepSpecError) -> Data {
        try TrainingJobSettings(settings, at: path).encoded()
    }

    /// The method's settings for one task: the job's settings, the task's seed and alpha.
    public func methodSettings(_ settings: TrainingJobSettings, for task: TaskSpec) -> MethodSettings {
        let schedule = TrainingSchedule(maxEpochs: settings.epochs, batchSize: settings.batchSize,
                                        learningRate: Float(settings.learningRate),
                                        validationFraction: Float(settings.validationFraction),
                                        earlyStoppingPatience: settings.patience, plateauPatience: settings.plateauPatience)
        return MethodSettings(method: method, alpha: task.parameters["alpha"].map(Float.init),
                              hiddenWidths: settings.hidden, schedule: schedule, seed: task.seed,
                              surrogateStart: settings.surrogateStart, initialisation: settings.initialisation)
    }

    /// Trains and evaluates on the shard, reporting each epoch. Throws `JobCancelled`
    /// when a report is answered with `.cancel`, `JobFailed` when the task cannot run.
    public func run(_ task: TaskSpec, on shard: LocalShard,
                    report: (TaskProgressReport) -> TaskControl) throws -> TaskOutcome {
        let settings: TrainingJobSettings
        do { settings = try TrainingJobSettings.decode(task.jobSpec) } catch {
            throw JobFailed(taskID: task.taskID, "unreadable job spec: \(error)")
        }
        let (manifest, dataset) = try cache.load(directory: shard.directory)
        guard manifest.dataset == task.shard.dataset, manifest.shardID == task.shard.shardID,
              task.shard.sha256 == nil || task.shard.sha256 == manifest.sha256 else {
            throw JobFailed(taskID: task.taskID, "\(shard.directory) holds \(manifest.dataset)/\(manifest.shardID) "
                            + "(sha256 \(manifest.sha256)), not \(task.shard.description)")
        }
        let run = LocalRun(settings: methodSettings(settings, for: task),
                           evaluation: EvaluationOptions(neighbourhoodPoints: settings.gnfPoints,
                                                         lime: TabularLIME(samples: settings.limeSamples)),
                           recipeDescription: "\(manifest.shardName) (sha256 \(manifest.sha256)): \(manifest.source)")
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
