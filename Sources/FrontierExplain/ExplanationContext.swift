import FrontierML

/// What an explainer may read besides the model: a weighted background (reference) set,
/// per-feature statistics of the training rows, the feature groups explanations speak of,
/// the training rows themselves when an explainer learns from them (FEX), and optionally a
/// linear surrogate.
///
/// Build it once per model and data (`init(training:background:generator:)` summarises
/// the training rows, which for k-means takes a few matrix products) and pass it to every
/// explainer and metric; it knows nothing of datasets or recipes.
public struct ExplanationContext: Sendable {
    /// Reference rows (`B x features`): KernelSHAP's background, the rows whose average
    /// output is an attribution's base value.
    public var background: Matrix
    /// One weight per background row, summing to 1 (k-means cluster sizes, or uniform).
    public var backgroundWeights: [Double]
    /// Per-feature mean of the training rows (IG's and the deletion metric's "mean" baseline,
    /// the linear explanation's centre).
    public var featureMeans: [Float]
    /// Per-feature minimum and maximum of the training rows (SmoothGrad's relative noise).
    public var featureMinimums: [Float]
    public var featureMaximums: [Float]
    /// A linear surrogate g whose coefficients the `linear` explainer reports (a joint
    /// model's g); nil means "the explained model itself, if it is linear".
    public var linearModel: LinearModel?
    /// The units a masking explainer keeps or removes: the user's columns (one-hot columns of
    /// a categorical together) or an image's patches. One group per feature unless given.
    public var featureGroups: FeatureGroups
    /// The training rows the statistics summarise, for explainers that learn from the data
    /// (FEX trains its policy on them); nil when the context was built from parts without them.
    public var trainingRows: Matrix?

    public var featureCount: Int { featureMeans.count }

    /// A context from explicit parts; every per-feature array must have one entry per
    /// background column and the weights one per background row (they are normalised).
    public init(background: Matrix, backgroundWeights: [Double]? = nil, featureMeans: [Float],
                featureMinimums: [Float], featureMaximums: [Float], linearModel: LinearModel? = nil,
                featureGroups: FeatureGroups? = nil, trainingRows: Matrix? = nil) throws(ExplainError) {
        let d = background.cols
        guard background.rows > 0 else { throw ExplainError("context: the background set is empty") }
        guard featureMeans.count == d, featureMinimums.count == d, featureMaximums.count == d else {
            throw ExplainError("context: the background has \(d) features but the per-feature statistics have "
                               + "\(featureMeans.count), \(featureMinimums.count) and \(featureMaximums.count)")
        }
        let weights = backgroundWeights ?? [Double](repeating: 1, count: background.rows)
        guard weights.count == background.rows, weights.allSatisfy({ $0 >= 0 && $0.isFinite }),
              weights.reduce(0, +) > 0 else {
            throw ExplainError("context: background weights must be one non-negative number per background row, not all zero")
        }
        if let linearModel, linearModel.inputWidth != d {
            throw ExplainError("context: the linear model reads \(linearModel.inputWidth) features, the background has \(d)")
        }
        if let featureGroups, featureGroups.featureCount != d {
            throw ExplainError("context: the feature groups cover \(featureGroups.featureCount) features, the background has \(d)")
        }
        if let trainingRows, trainingRows.cols != d {
            throw ExplainError("context: the training rows have \(trainingRows.cols) features, the background has \(d)")
        }
        let total = weights.reduce(0, +)
        self.background = background
        self.backgroundWeights = weights.map { $0 / total }
        self.featureMeans = featureMeans
        self.featureMinimums = featureMinimums
        self.featureMaximums = featureMaximums
        self.linearModel = linearModel
        self.featureGroups = featureGroups ?? .singletons(featureCount: d)
        self.trainingRows = trainingRows
    }

    /// A context summarising `training` rows: statistics over all of them, and a background
    /// drawn as `background` says (generator derived for "background"). It keeps the rows
    /// (shared, not copied) for explainers that learn from them.
    public init(training: Matrix, background settings: BackgroundSettings = BackgroundSettings(),
                generator: SeededGenerator, linearModel: LinearModel? = nil,
                featureGroups: FeatureGroups? = nil) throws(ExplainError) {
        guard training.rows > 0, training.cols > 0 else { throw ExplainError("context: no training rows") }
        try settings.validate(for: "background")
        var means = [Double](repeating: 0, count: training.cols)
        var minimums = Array(training.row(0)), maximums = Array(training.row(0))
        for r in 0..<training.rows {
            for (j, v) in training.row(r).enumerated() {
                guard v.isFinite else { throw ExplainError("context: training row \(r), feature \(j) is \(v)") }
                means[j] += Double(v)
                minimums[j] = min(minimums[j], v)
                maximums[j] = max(maximums[j], v)
            }
        }
        var draws = generator.derived("background")
        let (rows, weights) = settings.summarise(training, generator: &draws)
        try self.init(background: rows, backgroundWeights: weights,
                      featureMeans: means.map { Float($0 / Double(training.rows)) },
                      featureMinimums: minimums, featureMaximums: maximums, linearModel: linearModel,
                      featureGroups: featureGroups, trainingRows: training)
    }

    /// The background's weighted mean output: E f(background), the base value of
    /// additive attributions (`background.rows` model evaluations).
    func expectedOutput(of model: inout MeteredModel) -> [Double] {
        let out = model.outputs(background)
        let k = out.cols
        var mean = [Double](repeating: 0, count: k)
        for b in 0..<out.rows {
            for j in 0..<k { mean[j] += backgroundWeights[b] * Double(out.scalars[b * k + j]) }
        }
        return mean
    }
}
