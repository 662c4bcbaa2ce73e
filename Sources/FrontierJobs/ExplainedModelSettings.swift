import FrontierData
import FrontierExplain
import FrontierMethods
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
