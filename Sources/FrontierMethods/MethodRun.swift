import Foundation
import FrontierData
import FrontierML
import FrontierSettings

/// One complete run of a method: fit on a dataset, evaluate on its test split and
/// assemble the report. `frontier train`, the training job kinds and local sweeps
/// all go through here.
public struct MethodRun: Sendable {
    public var method: any TrainingMethod
    public var settings: any MethodSettings
    public var seed: UInt64
    public var evaluation: EvaluationOptions
    /// A one-line description of where the data came from (recipe or generator).
    public var recipeDescription: String

    public init(method: any TrainingMethod, settings: any MethodSettings, seed: UInt64,
                evaluation: EvaluationOptions = EvaluationOptions(), recipeDescription: String = "") {
        self.method = method
        self.settings = settings
        self.seed = seed
        self.evaluation = evaluation
        self.recipeDescription = recipeDescription
    }

    /// A run whose method settings and evaluation options are read from one settings
    /// tree (a sweep job's settings, or command-line options), refusing unknown fields.
    public init(method: any TrainingMethod, tree: SettingValue, at path: String, seed: UInt64,
                recipeDescription: String = "") throws(SettingsError) {
        var reader = try SettingsReader(tree, at: path)
        let settings = try method.readSettings(&reader)
        let evaluation = try EvaluationOptions(&reader)
        try reader.finish()
        self.init(method: method, settings: settings, seed: seed, evaluation: evaluation,
                  recipeDescription: recipeDescription)
    }

    /// Trains and evaluates. `onEpoch` receives progress and may cancel; a cancelled
    /// run throws `MethodError.cancelled` (from `fit`), so no evaluation is spent on it.
    public func run(on dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl = { _ in .proceed }) throws(MethodError) -> RunReport {
        try runKeepingModel(on: dataset, onEpoch: onEpoch).report
    }

    /// Trains and evaluates like `run`, and also returns the trained f and g (to save as a model file).
    public func runKeepingModel(on dataset: Dataset, onEpoch: (EpochReport) -> TrainingControl = { _ in .proceed })
        throws(MethodError) -> (report: RunReport, model: ExplainedModel) {
        let startedAt = Date()
        let memory = TrainingMemoryProbe()
        let fitted = try method.fit(anySettings: settings, seed: seed, on: dataset, onEpoch: onEpoch)
        let trainingMemory = memory.finish()
        let evaluationStart = ContinuousClock.now
        let metrics = fitted.model.evaluate(on: dataset.test, options: evaluation,
                                            generator: SeededGenerator(seed: seed).derived("evaluation"))
        let evaluationSeconds = (ContinuousClock.now - evaluationStart).seconds
        let edgeCost = fitted.model.edgeCost(rows: dataset.test.count > 0 ? dataset.test.features : dataset.train.features,
                                             passes: evaluation.latencyPasses, warmup: evaluation.latencyWarmup,
                                             memory: trainingMemory)
        let history = fitted.history
        var report = RunReport(
            point: .of(parameters: settings.pointParameters, evaluation: metrics, edgeCost: edgeCost),
            metrics: metrics,
            explanation: GlobalExplanation.of(surrogate: fitted.model.g, featureNames: dataset.featureNames,
                                              task: dataset.task, classLabels: dataset.classLabels),
            timings: .init(trainingSeconds: history.seconds, evaluationSeconds: evaluationSeconds,
                           epochs: history.epochs.count, bestEpoch: history.bestEpoch,
                           medianEpochSeconds: history.epochs.isEmpty ? nil : median(history.epochs.map(\.seconds))),
            provenance: .init(frontierVersion: FrontierVersion.current, dataset: dataset.name, task: dataset.task.name,
                              trainRows: dataset.train.count, testRows: dataset.test.count,
                              features: dataset.featureCount, recipe: recipeDescription, method: method.name,
                              seed: seed, settings: settings.tree, evaluation: evaluation,
                              blasThreads: BLAS.threadCount, processors: ProcessInfo.processInfo.activeProcessorCount,
                              startedAt: startedAt),
            history: history.epochs)
        report.edgeCost = edgeCost
        report.diagnostics = fitted.diagnostics.isEmpty ? nil : fitted.diagnostics
        return (report, fitted.model)
    }
}
