import Foundation
import FrontierML

/// One complete local run: fit a method on a dataset, evaluate it on the test
/// split and assemble the report. The command line and (later) cluster workers
/// both go through here.
public struct LocalRun: Sendable {
    public var settings: MethodSettings
    public var evaluation: EvaluationOptions
    /// A one-line description of where the data came from (recipe or generator).
    public var recipeDescription: String

    public init(settings: MethodSettings, evaluation: EvaluationOptions = EvaluationOptions(),
                recipeDescription: String = "") {
        self.settings = settings
        self.evaluation = evaluation
        self.recipeDescription = recipeDescription
    }

    /// Trains and evaluates. `onEpoch` receives progress and may cancel; a cancelled
    /// run throws `MethodError.cancelled` (from `fit`), so no evaluation is spent on it.
    public func run(on dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl = { _ in .proceed }) throws(MethodError) -> RunReport {
        let startedAt = Date()
        let fitted = try settings.fit(dataset, onEpoch: onEpoch)
        let evaluationStart = ContinuousClock.now
        let metrics = fitted.model.evaluate(on: dataset.test, options: evaluation,
                                            generator: SeededGenerator(seed: settings.seed).derived("evaluation"))
        let evaluationSeconds = (ContinuousClock.now - evaluationStart).seconds
        let history = fitted.history
        return RunReport(
            point: .of(settings: settings, evaluation: metrics),
            metrics: metrics,
            explanation: GlobalExplanation.of(surrogate: fitted.model.g, featureNames: dataset.featureNames,
                                              task: dataset.task, classLabels: dataset.classLabels),
            timings: .init(trainingSeconds: history.seconds, evaluationSeconds: evaluationSeconds,
                           epochs: history.epochs.count, bestEpoch: history.bestEpoch,
                           medianEpochSeconds: median(history.epochs.map(\.seconds))),
            provenance: .init(frontierVersion: FrontierVersion.current, dataset: dataset.name, task: dataset.task.name,
                              trainRows: dataset.train.count, testRows: dataset.test.count,
                              features: dataset.featureCount, recipe: recipeDescription, settings: settings,
                              blasThreads: BLAS.threadCount, processors: ProcessInfo.processInfo.activeProcessorCount,
                              startedAt: startedAt),
            history: history.epochs)
    }
}
