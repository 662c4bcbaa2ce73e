import Foundation
import FrontierData
import FrontierExplain
import FrontierMethods
import FrontierML
import FrontierModels
import FrontierSettings

/// Between training runs, model files and explainers: a trained run becomes a model file
/// (f, g, the fitted preprocessing and an explanation context drawn from the training rows),
/// and a model file becomes the model and context explainers read. `frontier train
/// --save-model`, the training job kinds' `save_models` and the `explain` kind all go through here.
public enum ModelFiles {
    /// The tensors of the stored explanation context.
    static let backgroundTensor = "context.background", weightsTensor = "context.background_weights"
    static let meansTensor = "context.feature_means", minimumsTensor = "context.feature_minimums"
    static let maximumsTensor = "context.feature_maximums"

    /// The model file of a finished run: its networks, the dataset's identity and fitted
    /// preprocessing, the method, seed and metrics, and an explanation context summarising the
    /// training rows (`background`, drawn with the run's seed derived for "explain").
    public static func savedModel(_ trained: ExplainedModel, report: RunReport, prepared: PreparedDataset, source: DatasetSource,
                                  cacheKey: ModelCacheKey? = nil,
                                  background: BackgroundSettings = BackgroundSettings()) throws -> SavedModel {
        let dataset = prepared.dataset
        let provenance = report.provenance
        let context = try ExplanationContext(training: dataset.train.features, background: background,
                                             generator: SeededGenerator(seed: provenance.seed).derived("explain"))
        let metadata = ModelMetadata(
            frontierVersion: FrontierVersion.current, task: dataset.task, networks: [:],
            dataset: .init(name: source.name, checksum: source.checksum, recipe: source.tree),
            preprocessing: prepared.preprocessing, method: .init(name: provenance.method, settings: provenance.settings),
            seed: provenance.seed, metrics: metrics(of: report), featureNames: dataset.featureNames,
            classLabels: dataset.classLabels, cacheKey: cacheKey, context: .map(["background": background.tree]))
        return try SavedModel(metadata: metadata, networks: ["f": trained.f, "g": trained.g], tensors: tensors(of: context))
    }

    /// The objectives and scores of a run, flat (`error_rate`, `global_fidelity`, `f_accuracy`, `g_f1`, ...).
    static func metrics(of report: RunReport) -> [String: Double] {
        var metrics = report.point.objectives
        metrics["agreement_r2"] = report.metrics.agreementR2
        for (prefix, scores) in [("f", report.metrics.blackBox), ("g", report.metrics.surrogate)] {
            for (name, value) in [("accuracy", scores.accuracy), ("f1", scores.f1), ("mse", scores.mse), ("r2", scores.r2)] {
                if let value, value.isFinite { metrics["\(prefix)_\(name)"] = value }
            }
        }
        return metrics.filter { $0.value.isFinite }
    }

    static func tensors(of context: ExplanationContext) -> [String: Tensor] {
        [backgroundTensor: Tensor(shape: [context.background.rows, context.background.cols], values: context.background.scalars),
         weightsTensor: Tensor(context.backgroundWeights.map(Float.init)),
         meansTensor: Tensor(context.featureMeans), minimumsTensor: Tensor(context.featureMinimums),
         maximumsTensor: Tensor(context.featureMaximums)]
    }
}

extension SavedModel {
    /// f as explainers read it, on the output scale (probabilities) or the raw one (logits).
    public func explainableModel(scale: NetworkModel.Scale = .output) throws(ExplainError) -> NetworkModel {
        try NetworkModel(f: f, task: metadata.task, scale: scale)
    }

    /// The stored explanation context, with g as its linear model and the feature groups the
    /// feature names imply (a categorical's one-hot columns, image patches); an error when the file has none.
    public func explanationContext() throws(ExplainError) -> ExplanationContext {
        func tensor(_ name: String) throws(ExplainError) -> Tensor {
            guard let t = tensors[name] else { throw ExplainError("the model file has no \(name) tensor: it holds no explanation context") }
            return t
        }
        let background = try tensor(ModelFiles.backgroundTensor)
        guard background.shape.count == 2 else { throw ExplainError("\(ModelFiles.backgroundTensor) is not a matrix") }
        return try ExplanationContext(
            background: Matrix(rows: background.shape[0], cols: background.shape[1], scalars: background.values),
            backgroundWeights: try tensor(ModelFiles.weightsTensor).values.map(Double.init),
            featureMeans: try tensor(ModelFiles.meansTensor).values, featureMinimums: try tensor(ModelFiles.minimumsTensor).values,
            featureMaximums: try tensor(ModelFiles.maximumsTensor).values, linearModel: try g.map { g throws(ExplainError) in try LinearModel(network: g) },
            featureGroups: try? FeatureGroups.inferred(featureNames: metadata.featureNames))
    }
}

extension ModelFiles {
    /// The cache key of a model trained on a shard: its recipe and bytes, the method, its settings and the seed.
    public static func cacheKey(manifest: ShardManifest, method: String, settings: SettingValue,
                                seed: UInt64) throws(DataError) -> ModelCacheKey {
        var recipeChecksum = manifest.recipeSHA256
        if recipeChecksum == nil { recipeChecksum = try manifest.datasetSource().checksum }
        return ModelCacheKey(recipeChecksum: recipeChecksum!,
                      shardChecksum: manifest.sha256, method: method, settings: settings, seed: seed)
    }
}
