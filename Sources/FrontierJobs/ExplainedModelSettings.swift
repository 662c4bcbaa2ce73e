import Foundation
import FrontierData
import FrontierExplain
import FrontierMethods
import FrontierML
import FrontierModels
import FrontierSettings
import FrontierSweep

/// What the explaining job kinds (`explain`, `poe`) share about the model they explain: the
/// training method and its settings (one f per shard, seed and these settings, trained once
/// per worker through the model cache) and which output is explained.
///
///     training: {method: stl, hidden: [512, 256, 128]}   # default: stl with the paper's recipe
///     output: predicted                                   # predicted, or an output index
struct ExplainedModelSettings: SettingsReadable {
    var trainingMethod: any TrainingMethod
    /// The training settings with every default filled in (the model's cache key).
    var training: MethodRun
    var output: ExplainedOutput

    init(_ reader: inout SettingsReader) throws(SettingsError) {
        var trainingReader = try reader.child("training")
        let methodName = try trainingReader.string("method", default: SingleTaskMethod().name)
        trainingMethod = try MethodRegistry.standard.method(named: methodName, at: trainingReader.path(of: "method"))
        var trainingTree = reader.value("training") ?? .map([:])
        if var entries = trainingTree.mapValue { entries["method"] = nil; trainingTree = .map(entries) }
        training = try MethodRun(method: trainingMethod, tree: trainingTree, at: reader.path(of: "training"), seed: 0)
        let outputText = try reader.string("output", default: "predicted")
        switch outputText {
        case "predicted": output = .predicted
        default:
            guard let index = Int(outputText), index >= 0 else {
                throw SettingsError(path: reader.path(of: "output"), "expected predicted or an output index, found '\(outputText)'")
            }
            output = .output(index)
        }
    }

    /// `training` and `output` with every default filled in.
    var tree: [String: SettingValue] {
        var entries: [String: SettingValue] = [
            "training": training.settings.tree.merging(training.evaluation.tree).merging(.map(["method": .string(trainingMethod.name)])),
        ]
        if case .output(let k) = output { entries["output"] = .number(Double(k)) } else { entries["output"] = .string("predicted") }
        return entries
    }

    /// What an explaining task measured: its objectives and its JSON report.
    typealias Measurement = (objectives: [String: Double], report: Data)

    /// Runs an explaining task: loads the shard, fetches (or trains) the model, draws `rows`
    /// test rows, lets `measure` explain them, and reports progress in two steps (model ready,
    /// measured), stopping when the coordinator cancels.
    func run(_ task: TaskSpec, on shard: LocalShard, shards: ShardCache, models: ModelCache, rows: Int,
             report: (TaskProgressReport) -> TaskControl,
             measure: (_ model: SavedModel, _ reference: ModelReference, _ trained: Bool, _ rows: Matrix) throws -> Measurement)
        throws -> TaskOutcome {
        let (manifest, prepared) = try shards.load(for: task, on: shard)
        let trainingStart = ContinuousClock.now
        let (model, reference, trained) = try self.model(for: task, manifest: manifest, prepared: prepared, models: models, report: report)
        let trainingSeconds = trained ? (ContinuousClock.now - trainingStart).seconds : 0
        guard report(TaskProgressReport(step: 1, totalSteps: 2, metrics: [:])) == .proceed else { throw JobCancelled(taskID: task.taskID) }
        let evaluationStart = ContinuousClock.now
        let result: Measurement
        do {
            result = try measure(model, reference, trained, ExplainJobKind.rows(of: prepared.dataset, count: rows, seed: task.seed))
        } catch {
            throw JobFailed(taskID: task.taskID, "\(error)")
        }
        guard report(TaskProgressReport(step: 2, totalSteps: 2, metrics: result.objectives)) == .proceed else {
            throw JobCancelled(taskID: task.taskID)
        }
        return TaskOutcome(objectives: result.objectives, report: result.report, trainingSeconds: trainingSeconds,
                           evaluationSeconds: (ContinuousClock.now - evaluationStart).seconds)
    }

    /// The task's model from the worker's model cache, trained (reporting each epoch) when
    /// missing: the model, its reference, and whether this task trained it.
    func model(for task: TaskSpec, manifest: ShardManifest, prepared: PreparedDataset, models: ModelCache,
               report: (TaskProgressReport) -> TaskControl) throws -> (SavedModel, ModelReference, Bool) {
        var run = training
        run.seed = task.seed
        let key = try ModelFiles.cacheKey(manifest: manifest, method: run.method.name, settings: run.settings.tree, seed: task.seed)
        let cached = try models.model(for: key) {
            let (result, trained) = try MethodJobKind.training(task) { () throws(MethodError) in
                try run.runKeepingModel(on: prepared.dataset) { MethodJobKind.forward($0, to: report) }
            }
            return try ModelFiles.savedModel(trained, report: result, prepared: prepared, source: try manifest.datasetSource(),
                                             cacheKey: key)
        }
        return (cached.model, cached.reference, cached.trained)
    }
}
