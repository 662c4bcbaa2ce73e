import FrontierML

/// Rows of the explained model's data with what the explainer learns about each: the
/// output it explains (the class f predicts, or output 0) and f's value for that output.
struct ExplainedRows {
    var rows: Matrix
    var outputs: [Int]
    var predictions: [Float]

    func subset(_ indices: some Collection<Int>) -> ExplainedRows {
        ExplainedRows(rows: rows.gatherRows(indices), outputs: indices.map { outputs[$0] },
                      predictions: indices.map { predictions[$0] })
    }
}

/// Masks drawn from the policy for a batch of rows, with what PPO needs to learn from them.
struct Rollout {
    var batch: ExplainedRows
    /// The logits that drew the masks (`rows x G`): the old policy of the ratio and the KL term.
    var oldLogits: Matrix
    /// `rows * K x G`, row n's K masks together.
    var masks: Matrix
    var scores: [Double]
    /// Each score minus its row's mean score.
    var advantages: [Double]
}

/// What the updates of one epoch measured, summed over minibatch steps.
struct UpdateStatistics {
    var steps = 0
    var entropy = 0.0
    var kl = 0.0
    var clipped = 0.0

    mutating func add(_ e: ProximalPolicyLoss.Evaluation) {
        steps += 1
        entropy += e.entropy
        kl += e.kl
        clipped += e.clippedFraction
    }
}

/// One FEX training in progress: the policy, its optimiser, the model it explains and the
/// seeded streams of draws (masks, baseline rows, minibatch order), each derived by purpose.
struct FEXSession {
    let settings: FEXSettings
    let scorer: MaskScorer
    var policy: FEXPolicy
    var model: MeteredModel
    var adam: Adam
    var rolloutDraws: SeededGenerator
    var minibatchDraws: SeededGenerator
    /// Copied afresh for every validation, so every epoch is scored on the same draws.
    let validationDraws: SeededGenerator

    /// One pass over `rows` in `order`, in rollouts of `rows_per_batch` rows, each drawn and
    /// then optimised; returns the mean score of the drawn masks and the updates' statistics.
    mutating func epoch(_ rows: ExplainedRows, order: [Int]) -> (score: Double, statistics: UpdateStatistics) {
        var statistics = UpdateStatistics()
        var total = 0.0, count = 0
        for start in stride(from: 0, to: order.count, by: settings.rowsPerBatch) {
            let batch = rollout(rows.subset(order[start..<min(order.count, start + settings.rowsPerBatch)]))
            total += batch.scores.reduce(0, +)
            count += batch.scores.count
            update(batch, statistics: &statistics)
        }
        return (total / Double(max(1, count)), statistics)
    }

    /// Draws K masks for each row of `batch` from the current policy and scores them.
    mutating func rollout(_ batch: ExplainedRows) -> Rollout {
        let k = settings.masksPerRow
        let logits = policy.logits(batch.rows, outputs: batch.outputs)
        let masks = drawMasks(logits, perRow: k, generator: &rolloutDraws)
        let scores = scorer.scores(batch.rows, masks: masks, outputs: batch.outputs, predictions: batch.predictions,
                                   model: &model, generator: &rolloutDraws)
        return Rollout(batch: batch, oldLogits: logits, masks: masks, scores: scores,
                       advantages: PolicyAdvantages.centred(scores, groupSize: k))
    }

    /// PPO's update: `update_epochs` passes over the rollout in `minibatches` minibatches of
    /// whole rows (a row's masks stay together, so their advantages keep summing to zero),
    /// one clipped Adam step each.
    mutating func update(_ rollout: Rollout, statistics: inout UpdateStatistics) {
        let n = rollout.batch.rows.rows, k = settings.masksPerRow
        let loss = settings.loss
        var gradient = [Float]()
        for _ in 0..<settings.updateEpochs {
            let order = minibatchDraws.permutation(n)
            let size = (n + settings.minibatches - 1) / settings.minibatches
            for start in stride(from: 0, to: n, by: size) {
                let members = Array(order[start..<min(n, start + size)])
                let samples = members.flatMap { r in (r * k)..<((r + 1) * k) }
                var advantages = samples.map { rollout.advantages[$0] }
                if settings.normaliseAdvantages { advantages = PolicyAdvantages.normalised(advantages) }
                let outputs = members.map { rollout.batch.outputs[$0] }
                let tape = policy.network.forward(rollout.batch.rows.gatherRows(members))
                let evaluation = loss.evaluate(logits: policy.headLogits(tape.output, outputs: outputs),
                                               oldLogits: rollout.oldLogits.gatherRows(members),
                                               actions: rollout.masks.gatherRows(samples), advantages: advantages.map { Float($0) })
                statistics.add(evaluation)
                policy.network.backward(tape, outputGradient: policy.outputGradient(evaluation.gradient, outputs: outputs),
                                        into: &gradient)
                if settings.maxGradientNorm > 0 { GradientClipping.clipNorm(&gradient, to: Float(settings.maxGradientNorm)) }
                adam.update(&policy.network.parameters, gradient: gradient)
            }
        }
    }

    /// The mean score of K masks per validation row drawn from the current policy (the
    /// objective E_q c(m, x), estimated on the same draws every time), and the mean keep
    /// probability.
    mutating func validate(_ rows: ExplainedRows) -> (score: Double, keep: Double) {
        var draws = validationDraws
        let logits = policy.logits(rows.rows, outputs: rows.outputs)
        let masks = drawMasks(logits, perRow: settings.masksPerRow, generator: &draws)
        let scores = scorer.scores(rows.rows, masks: masks, outputs: rows.outputs, predictions: rows.predictions,
                                   model: &model, generator: &draws)
        let keep = logits.scalars.reduce(0.0) { $0 + Double(Activation.sigmoid($1)) } / Double(max(1, logits.count))
        return (scores.reduce(0, +) / Double(max(1, scores.count)), keep)
    }

    /// `perRow` masks for every row of `logits`, drawn in row order.
    private func drawMasks(_ logits: Matrix, perRow k: Int, generator: inout SeededGenerator) -> Matrix {
        let g = logits.cols
        var masks = Matrix(rows: logits.rows * k, cols: g)
        for r in 0..<logits.rows {
            for s in 0..<k {
                let start = (r * k + s) * g
                FactorisedBernoulli.sample(logits: logits.row(r), into: &masks.scalars[start..<(start + g)], generator: &generator)
            }
        }
        return masks
    }
}
