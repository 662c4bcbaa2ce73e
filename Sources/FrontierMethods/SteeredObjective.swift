import FrontierML

/// Two-objective gradient steering of f and g: each step takes the gradients of the
/// prediction loss and of the fidelity loss with respect to f's parameters, lets a
/// `SteeringRule` choose their convex combination, and moves f along it; g moves along its
/// own fidelity gradient.
///
/// Which parameters are shared: both losses depend on f's parameters, so those are where
/// the two objectives compete and where the combination is chosen (Sener and Koltun's
/// "shared parameters"). The prediction loss does not depend on g at all, so g's
/// parameters are specific to the fidelity objective: any step that lowers the fidelity
/// loss through g lowers one objective and leaves the other as it is, a Pareto improvement,
/// and g simply descends its fidelity gradient.
///
/// Losses and gradients are normalised by `scales` first (`LossNormalisation`). Both f and g
/// are updated by Adam, as in every other method; the rule picks the direction, Adam its
/// per-coordinate step sizes (the fixed points, where the chosen direction vanishes, are
/// the same as plain gradient descent's).
struct SteeredObjective: TrainableObjective, Sendable {
    var f: MLP
    var g: MLP
    let losses: JointLosses
    let scales: LossScales
    let rule: SteeringRule
    /// The single-task f of the `anchors` normalisation. When set, a batch's prediction loss
    /// is measured against this model's loss on the same rows rather than against the ideal
    /// in `scales`: across the front the prediction loss moves by a few hundredths while a
    /// 32-row batch's loss varies by about a tenth, so an absolute ideal would leave the
    /// normalised loss mostly sampling noise; the paired difference cancels most of it.
    let anchor: MLP?
    private var optimiserF: Adam
    private var optimiserG: Adam
    private var predictionGradient: [Float] = []
    private var fidelityGradient: [Float] = []
    private var surrogateGradient: [Float] = []
    /// Steps taken, the sum of the prediction gradient's weights, and the steps EPO spent balancing.
    private(set) var steps = 0
    private(set) var weightSum = 0.0
    private(set) var balanceSteps = 0
    /// Where, besides the batch, the fidelity loss compares f and g.
    private var fidelityRows: FidelityInputStream

    init(f: MLP, g: MLP, losses: JointLosses, scales: LossScales, rule: SteeringRule, anchor: MLP? = nil,
         fidelityInputs: FidelityInputStream = FidelityInputStream(), optimiser: Adam) {
        precondition(g.architecture.hiddenWidths.isEmpty, "the surrogate g must be linear")
        self.f = f
        self.g = g
        self.losses = losses
        self.scales = scales
        self.rule = rule
        self.anchor = anchor
        optimiserF = optimiser
        optimiserG = optimiser
        fidelityRows = fidelityInputs
    }

    /// The normalised losses of `samples` with these raw loss values.
    private func normalised(_ prediction: Double, _ fidelity: Double, on samples: LabeledSamples) -> (Double, Double) {
        var lp = scales.prediction.normalise(prediction)
        if let anchor {
            let paired = Double(losses.baseLoss.value(output: anchor(samples.features), targets: samples.targets))
            lp = (prediction - paired) / scales.prediction.range
        }
        return (lp, scales.fidelity.normalise(fidelity))
    }

    mutating func step(on batch: LabeledSamples, learningRate: Float) -> Float {
        let inputs = fidelityRows.rows(for: batch.features)
        let tapeF = f.forward(inputs)
        let tapeG = g.forward(inputs)
        let t = losses.evaluate(fRaw: tapeF.output, gRaw: tapeG.output, targets: batch.targets, wantGradient: true)
        f.backward(tapeF, outputGradient: t.predictionGradientF!, into: &predictionGradient)
        f.backward(tapeF, outputGradient: t.fidelityGradientF!, into: &fidelityGradient)
        g.backward(tapeG, outputGradient: t.fidelityGradientG!, into: &surrogateGradient)
        let sp = scales.prediction.range, sf = scales.fidelity.range
        let (lp, lf) = normalised(Double(t.prediction), Double(t.fidelity), on: batch)
        let choice = rule.weight(losses: lp, lf,
                                 gram: GradientGram(predictionGradient, fidelityGradient).scaled(sp, sf))
        steps += 1
        weightSum += choice.weight
        if choice.balancing { balanceSteps += 1 }
        // d = w gp / sp + (1 - w) gf / sf, written over the prediction gradient's buffer.
        let a = Float(choice.weight / sp), b = Float((1 - choice.weight) / sf)
        predictionGradient.withUnsafeMutableBufferPointer { d in
            fidelityGradient.withUnsafeBufferPointer { gf in
                for i in d.indices { d[i] = a * d[i] + b * gf[i] }
            }
        }
        optimiserF.learningRate = learningRate
        optimiserG.learningRate = learningRate
        optimiserF.update(&f.parameters, gradient: predictionGradient)
        optimiserG.update(&g.parameters, gradient: surrogateGradient)
        return Float(rule.monitor(lp, lf))
    }

    /// The rule's monitored scalar of the normalised losses (early stopping and the plateau watch it).
    func loss(on samples: LabeledSamples) -> Float {
        let (lp, lf) = normalisedLosses(on: samples)
        return Float(rule.monitor(lp, lf))
    }

    /// Both normalised losses of the current f and g on `samples`.
    func normalisedLosses(on samples: LabeledSamples) -> (prediction: Double, fidelity: Double) {
        let v = losses.values(f: f, g: g, on: samples)
        let (lp, lf) = normalised(v.prediction, v.fidelity, on: samples)
        return (lp, lf)
    }

    /// How the steps went, for the run's report.
    var diagnostics: [String: Double] {
        var d = ["mean_prediction_weight": steps > 0 ? weightSum / Double(steps) : .nan]
        if case .exactPareto = rule { d["balance_step_fraction"] = steps > 0 ? Double(balanceSteps) / Double(steps) : .nan }
        return d
    }
}

/// How a steered step weighs the two normalised gradients.
enum SteeringRule: Sendable {
    /// MGDA: the minimum-norm combination (`MinimumNormCombination`).
    case minimumNorm
    /// EPO: towards and along the preference ray (`ExactParetoDescent`).
    case exactPareto(ExactParetoDescent)
    /// STCH: down the smoothed weighted Chebyshev value of the ray (`SmoothTchebycheff`).
    case smoothTchebycheff(SmoothTchebycheff)

    /// The prediction gradient's weight for normalised losses `lp`, `lf`, and whether EPO is balancing.
    /// `gram` is evaluated only by the rules that use it (STCH weighs by the losses alone).
    func weight(losses lp: Double, _ lf: Double, gram: @autoclosure () -> GradientGram) -> (weight: Double, balancing: Bool) {
        switch self {
        case .minimumNorm: return (MinimumNormCombination.weight(gram()), false)
        case .exactPareto(let epo):
            let step = epo.step(losses: lp, lf, gram: gram())
            return (step.weight, step.mode == .balance)
        case .smoothTchebycheff(let stch): return (stch.weight(losses: lp, lf), false)
        }
    }

    /// What early stopping and the plateau watch on the validation split: the value each rule's
    /// steps descend. MGDA has no preference, so the plain sum of the normalised losses; EPO the
    /// weighted Chebyshev value `max(r1 lp, r2 lf)`, whose minimiser on the front is the point on
    /// the ray; STCH its smoothed value, which is that Chebyshev value within `μ log 2` at a small
    /// `μ` and tends to the weighted sum `r·l` at a large one (at STCH's default μ = 1 the
    /// Chebyshev value is not what the steps descend; stopping on it traced smaller fronts:
    /// results/moo.md, section 2).
    func monitor(_ lp: Double, _ lf: Double) -> Double {
        switch self {
        case .minimumNorm: return lp + lf
        case .exactPareto(let epo): return max(epo.preference.0 * lp, epo.preference.1 * lf)
        case .smoothTchebycheff(let stch): return stch.value(lp, lf)
        }
    }
}
