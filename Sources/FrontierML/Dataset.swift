/// Samples with their targets: `features` has one row per sample, `targets` is
/// `n x 1` (0/1 for binary classification, a real value for regression, a class
/// index for multiclass).
public struct LabeledSamples: Equatable, Sendable {
    public var features: Matrix
    public var targets: Matrix

    public init(features: Matrix, targets: Matrix) {
        precondition(features.rows == targets.rows,
                     "features have \(features.rows) rows but targets have \(targets.rows)")
        self.features = features
        self.targets = targets
    }

    public var count: Int { features.rows }

    /// The samples at `indices`, in that order.
    public func subset<C: Collection>(_ indices: C) -> LabeledSamples where C.Element == Int {
        LabeledSamples(features: features.gatherRows(indices), targets: targets.gatherRows(indices))
    }
}

/// A preprocessed dataset, ready for training: numeric features (already
/// standardised / encoded by its recipe), a training split and a test split.
public struct Dataset: Sendable {
    /// Recipe name, e.g. `adult`.
    public var name: String
    public var task: PredictionTask
    /// One name per feature column, after encoding (`workclass=Private`, `age`).
    public var featureNames: [String]
    public var train: LabeledSamples
    public var test: LabeledSamples
    /// For regression recipes that standardise the target: the training mean and
    /// standard deviation, so predictions can be mapped back to original units.
    public var targetScale: (mean: Float, std: Float)?
    /// For classification: the original label of each class index.
    public var classLabels: [String]?

    public init(name: String, task: PredictionTask, featureNames: [String],
                train: LabeledSamples, test: LabeledSamples,
                targetScale: (mean: Float, std: Float)? = nil, classLabels: [String]? = nil) {
        precondition(train.features.cols == featureNames.count && test.features.cols == featureNames.count,
                     "feature names and feature columns disagree")
        self.name = name
        self.task = task
        self.featureNames = featureNames
        self.train = train
        self.test = test
        self.targetScale = targetScale
        self.classLabels = classLabels
    }

    public var featureCount: Int { featureNames.count }
}
