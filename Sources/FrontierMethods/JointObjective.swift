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
    public let task: PredictionTask
    public let baseLoss: PredictionLoss
    /// Where f and g are compared during training.
    public let fidelitySpace: FidelitySpace
    private var optimiserF: Adam
    private var optimiserG: Adam
    private var gradientF: [Float] = []
    private var gradientG: [Float] = []

    public init(f: MLP, g: MLP, alpha: Float, task: PredictionTask, fidelitySpace: FidelitySpace = .outputs,
                optimiser: Adam = Adam()) {
        precondition(alpha > 0 && alpha < 1, "alpha must lie in (0, 1)")
        precondition(g.architecture.hiddenWidths.isEmpty, "the surrogate g must be linear")
        self.f = f
        self.g = g
        self.alpha = alpha
        self.task = task
        self.baseLoss = PredictionLoss.standard(for: task)
        self.fidelitySpace = fidelitySpace.resolved(for: task)
        self.optimiserF = optimiser
        self.optimiserG = optimiser
    }

    /// The two terms of the objective and their gradients with respect to each model's raw output.
    func terms(fRaw: Matrix, gRaw: Matrix, targets: Matrix, wantGradient: Bool)
        -> (base: Float, fidelity: Float, dF: Matrix?, dG: Matrix?) {
        let linked = fidelitySpace == .outputs
        let fOut = linked ? OutputLink.apply(fRaw, task: task) : fRaw
        let gOut = linked ? OutputLink.apply(gRaw, task: task) : gRaw
        let n = Float(fRaw.rows)
        var fidelity: Double = 0
        var dGOut = gOut
        for i in 0..<gOut.count {
            let d = gOut.scalars[i] - fOut.scalars[i]
            fidelity += Double(d * d)
            dGOut.scalars[i] = 2 * d / n
        }
        fidelity /= Double(fRaw.rows)
        guard wantGradient else {
            return (baseLoss.value(output: fRaw, targets: targets), Float(fidelity), nil, nil)
        }
        let (base, dBase) = baseLoss.valueAndGradient(output: fRaw, targets: targets)
        let dFOut = dGOut.map { -$0 }
        let dFFidelity = linked ? OutputLink.backprop(linked: fOut, gradient: dFOut, task: task) : dFOut
        var dF = dBase
        for i in 0..<dF.count { dF.scalars[i] = alpha * dBase.scalars[i] + (1 - alpha) * dFFidelity.scalars[i] }
        var dG = linked ? OutputLink.backprop(linked: gOut, gradient: dGOut, task: task) : dGOut
        for i in 0..<dG.count { dG.scalars[i] *= (1 - alpha) }
        return (base, Float(fidelity), dF, dG)
    }

    public mutating func step(on batch: LabeledSamples, learningRate: Float) -> Float {
        let tapeF = f.forward(batch.features)
        let tapeG = g.forward(batch.features)
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
