import FrontierML

/// Trains FEX's explainer (Pan et al., 2024): a network g(x) giving a factorised Bernoulli
/// distribution q(m | x) over the feature groups, trained with PPO to maximise the expected
/// score `E_q c(m, x)` of the masks it draws (see `MaskScorer`).
///
/// An epoch is one pass over the training rows in rollouts of `rows_per_batch` rows: each
/// row gets `masks_per_row` masks from the current policy, each mask's advantage is its
/// score minus the row's mean score, and the rollout is optimised `update_epochs` times in
/// `minibatches` minibatches with the clipped surrogate, the entropy bonus and the KL
/// penalty toward the policy that drew it (`ProximalPolicyLoss`), by Adam with a clipped
/// gradient norm. After each epoch the policy is scored on held-out rows; training stops
/// when that score has not improved for `patience` epochs and keeps the best policy.
///
/// Every draw comes from a stream derived from the generator by purpose, so a seed fixes
/// the policy on one machine. Training and explaining are separate: the result's policy is
/// what the `fex` explainer reads (`FEX(policy:)`), and what a model file can keep.
public struct FEXTrainer: Sendable {
    public let settings: FEXSettings

    /// A trainer with `settings`, or an error naming the first bad field.
    public init(settings: FEXSettings = FEXSettings()) throws(ExplainError) {
        try settings.validate(for: FEX.name)
        self.settings = settings
    }

    /// Trains on the context's training rows and feature groups.
    public func train(model: any ExplainableModel, context: ExplanationContext, generator: SeededGenerator,
                      onEpoch: (FEXEpochReport) -> TrainingControl = { _ in .proceed }) throws(ExplainError) -> FEXTraining {
        guard let rows = context.trainingRows else {
            throw ExplainError("fex: the context holds no training rows to learn from (build it with ExplanationContext(training:))")
        }
        return try train(model: model, training: rows, groups: context.featureGroups, generator: generator, onEpoch: onEpoch)
    }

    /// Trains an explainer of `model` on `training` rows, masking `groups`. `onEpoch`
    /// receives every epoch's report and may cancel: the best policy so far is returned.
    public func train(model: any ExplainableModel, training: Matrix, groups: FeatureGroups, generator: SeededGenerator,
                      onEpoch: (FEXEpochReport) -> TrainingControl = { _ in .proceed }) throws(ExplainError) -> FEXTraining {
        try check(model: model, training: training, groups: groups)
        let watch = Stopwatch()
        var metered = MeteredModel(model)
        let (train, validation, scorer) = prepare(training, groups: groups, model: &metered, generator: generator)
        var initDraws = generator.derived("init")
        var session = FEXSession(
            settings: settings, scorer: scorer,
            policy: .initial(groups: groups, outputCount: model.outputWidth, settings: settings,
                             generator: &initDraws),
            model: metered, adam: Adam(learningRate: Float(settings.learningRate), epsilon: 1e-5),
            rolloutDraws: generator.derived("rollout"), minibatchDraws: generator.derived("minibatch"),
            validationDraws: generator.derived("validation"))
        var shuffler = generator.derived("shuffle")
        var stopping = EarlyStopping<FEXPolicy>(patience: settings.patience)
        var history = FEXHistory()
        for epoch in 1...settings.maxEpochs {
            let epochWatch = Stopwatch()
            let (trainingScore, statistics) = session.epoch(train, order: shuffler.permutation(train.rows.rows))
            let (score, keep) = session.validate(validation)
            let best = stopping.bestLoss
            let stop = stopping.record(epoch: epoch, loss: Float(-score)) { session.policy }
            let steps = Double(max(1, statistics.steps))
            let report = FEXEpochReport(
                epoch: epoch, maxEpochs: settings.maxEpochs, trainingScore: trainingScore,
                validationScore: score, meanKeepProbability: keep,
                entropyPerGroup: statistics.entropy / steps / Double(groups.count), klDivergence: statistics.kl / steps,
                clippedFraction: statistics.clipped / steps, modelEvaluations: session.model.usage.modelEvaluations,
                seconds: epochWatch.seconds, improved: stopping.bestLoss < best)
            history.epochs.append(report)
            if onEpoch(report) == .cancel { history.cancelled = true; break }
            if stop { history.stoppedEarly = true; break }
        }
        history.bestEpoch = stopping.bestEpoch
        history.bestValidationScore = -Double(stopping.bestLoss)
        history.usage = session.model.usage
        history.seconds = watch.seconds
        return FEXTraining(policy: stopping.best ?? session.policy, history: history)
    }

    private func check(model: any ExplainableModel, training: Matrix, groups: FeatureGroups) throws(ExplainError) {
        guard training.cols == model.inputWidth, groups.featureCount == model.inputWidth else {
            throw ExplainError("fex: the training rows have \(training.cols) features, the groups cover \(groups.featureCount), "
                               + "the model reads \(model.inputWidth)")
        }
        guard training.rows >= 2 else { throw ExplainError("fex: needs at least 2 training rows (got \(training.rows))") }
        if let bad = training.scalars.firstIndex(where: { !$0.isFinite }) {
            throw ExplainError("fex: training row \(bad / training.cols), feature \(bad % training.cols) is \(training.scalars[bad])")
        }
    }

    /// The training and validation rows with the outputs they explain (the class f predicts,
    /// or output 0) and f's values there, and the scorer of their masks.
    private func prepare(_ training: Matrix, groups: FeatureGroups, model: inout MeteredModel,
                         generator: SeededGenerator) -> (ExplainedRows, ExplainedRows, MaskScorer) {
        let y = model.outputs(training)
        let outputs = y.cols > 1 ? Metrics.argmaxLabels(y) : [Int](repeating: 0, count: y.rows)
        let predictions = outputs.enumerated().map { y[$0.offset, $0.element] }
        let all = ExplainedRows(rows: training, outputs: outputs, predictions: predictions)
        var splitDraws = generator.derived("validation-split")
        let order = splitDraws.permutation(training.rows)
        let held = min(training.rows - 1, max(1, Int((settings.validationFraction * Double(training.rows)).rounded())))
        let train = all.subset(order[held...]), validation = all.subset(order[..<held])
        let closeness = settings.score == .closeness || (settings.score == .auto && model.model.predictsValues)
        let scorer = MaskScorer(groups: groups, baseline: settings.baseline, means: Self.means(train.rows), pool: train.rows,
                                sparsity: settings.sparsity,
                                closenessWidth: closeness ? settings.closenessWidth * Self.spread(predictions) : nil)
        return (train, validation, scorer)
    }

    static func means(_ rows: Matrix) -> [Float] {
        var sums = [Double](repeating: 0, count: rows.cols)
        for r in 0..<rows.rows { for (j, v) in rows.row(r).enumerated() { sums[j] += Double(v) } }
        return sums.map { Float($0 / Double(rows.rows)) }
    }

    /// The standard deviation of f's predictions (the closeness score's unit); a constant
    /// f gets a tiny positive unit so that any change counts.
    static func spread(_ values: [Float]) -> Double {
        let n = Double(values.count)
        let mean = values.reduce(0.0) { $0 + Double($1) } / n
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        return max(variance.squareRoot(), 1e-6)
    }
}
