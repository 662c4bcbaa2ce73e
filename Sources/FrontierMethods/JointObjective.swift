import FrontierML

/// The joint objective of "Exploring Multi-Task Learning for Explainability"
/// (equation 7): a black-box network f and a linear surrogate g trained together on
///
///     alpha * L_base(f(x), y) + (1 - alpha) * mean ||g(x) - f(x)||^2
///
/// where the fidelity term compares the two models on the output scale
/// (probabilities for classification). Gradients of the fidelity term flow into
/// both f and g, so f is pulled towards functions g can explain.
public struct JointObjective: TrainableObjective, Sendable {
    public var f: MLP
    public var g: MLP
    public let alpha: Float
    /// The two losses and their gradients.
    public let losses: JointLosses
    private var optimiserF: Adam
    private var optimiserG: Adam
    private var gradientF: [Float] = []
    private var gradientG: [Float] = []
    /// Where, besides the batch, the fidelity term compares f and g.
    private var fidelityRows: FidelityInputStream

    public init(f: MLP, g: MLP, alpha: Float, task: PredictionTask, fidelitySpace: FidelitySpace = .outputs,
                fidelityInputs: FidelityInputStream = FidelityInputStream(), optimiser: Adam = Adam()) {
        precondition(alpha > 0 && alpha < 1, "alpha must lie in (0, 1)")
        precondition(g.architecture.hiddenWidths.isEmpty, "the surrogate g must be linear")
        self.f = f
        self.g = g
        self.alpha = alpha
        self.losses = JointLosses(task: task, fidelitySpace: fidelitySpace)
        self.optimiserF = optimiser
        self.optimiserG = optimiser
        self.fidelityRows = fidelityInputs
    }

    public var task: PredictionTask { losses.task }

    /// Where f and g are compared during training.
    public var fidelitySpace: FidelitySpace { losses.fidelitySpace }

    /// The two terms of the objective and the weighted objective's gradients with respect to
    /// each model's raw output.
    func terms(fRaw: Matrix, gRaw: Matrix, targets: Matrix, wantGradient: Bool)
        -> (base: Float, fidelity: Float, dF: Matrix?, dG: Matrix?) {
        let t = losses.evaluate(fRaw: fRaw, gRaw: gRaw, targets: targets, wantGradient: wantGradient)
        guard wantGradient else { return (t.prediction, t.fidelity, nil, nil) }
        let dF = t.weightedGradientF(alpha)
        var dG = t.fidelityGradientG!
        for i in 0..<dG.count { dG.scalars[i] *= (1 - alpha) }
        return (t.prediction, t.fidelity, dF, dG)
    }

    public mutating func step(on batch: LabeledSamples, learningRate: Float) -> Float {
        let inputs = fidelityRows.rows(for: batch.features)
        let tapeF = f.forward(inputs)
        let tapeG = g.forward(inputs)
        let t = terms(fRaw: tapeF.output, gRaw: tapeG.output, targets: batch.targets, wantGradient: true)
        f.backward(tapeF, outputGradient: t.dF!, into: &gradientF)
        g.backward(tapeG, outputGradient: t.dG!, into: &gradientG)
        optimiserF.learningRate = learningRate
        optimiserG.learningRate = learningRate
        optimiserF.update(&f.parameters, gradient: gradientF)
        optimiserG.update(&g.parameters, gradient: gradientG)
        return alpha * t.base + (1 - alpha) * t.fidelity
    }

    public func loss(on samples: LabeledSamples) -> Float {
        let t = terms(fRaw: f(samples.features), gRaw: g(samples.features), targets: samples.targets,
                      wantGradient: false)
        return alpha * t.base + (1 - alpha) * t.fidelity
    }
}

/// Where joint training compares f and g. Global Fidelity is always measured on the
/// output scale; this chooses the training loss's.
public enum FidelitySpace: String, Codable, CaseIterable, Sendable {
    /// `outputs` for binary classification and regression (the MTL paper's loss, which
    /// its tables use), `logits` for multiclass, which the paper does not cover.
    case auto
    /// On the output scale (probabilities for classification): the MTL paper's loss.
    case outputs
    /// On the raw outputs (logits): mimic learning's L2 on logits (Ba and Caruana, 2014;
    /// the high-temperature limit of distillation). Saturated probabilities give a
    /// vanishing fidelity gradient once f and g agree on a class; logits keep pulling f
    /// towards g's linear function, which is what makes them agree on unseen points.
    case logits

    /// The space used for `task`.
    public func resolved(for task: PredictionTask) -> FidelitySpace {
        guard self == .auto else { return self }
        if case .multiclass = task { return .logits }
        return .outputs
    }
}
