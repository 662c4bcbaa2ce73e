import FrontierML

/// The bi-level objective: the surrogate g is not trained by steps but set to its exact
/// best response to f (`SurrogateBestResponse`) on the training rows, at the start of
/// every epoch or every `refitSteps` steps; between refits f descends
/// `alpha · prediction + (1 − alpha) · fidelity to the current g`.
///
/// When g's fit minimises the fidelity loss itself (raw outputs, regression) this is the
/// exact gradient of the bi-level problem `min_f L(f, g*(f))`: g* is optimal, so the loss's
/// derivative through g* vanishes (the envelope theorem) and f's own gradient is the whole
/// hypergradient, at the refit. Between refits g lags f, as in any alternating scheme.
struct BilevelObjective: TrainableObjective, Sendable {
    var f: MLP
    var g: MLP
    let alpha: Float
    let losses: JointLosses
    /// Steps between refits; 0 refits at the start of every epoch.
    let refitSteps: Int
    private var optimiser: Adam
    private var gradient: [Float] = []
    /// The rows g is refitted on (the current epoch's training rows).
    private var rows: Matrix?
    private var stepsSinceRefit = 0
    /// Best responses computed so far.
    private(set) var refits = 0

    init(f: MLP, g: MLP, alpha: Float, losses: JointLosses, refitSteps: Int, optimiser: Adam) {
        precondition(alpha > 0 && alpha < 1, "alpha must lie in (0, 1)")
        precondition(refitSteps >= 0, "refitSteps must not be negative")
        self.f = f
        self.g = g
        self.alpha = alpha
        self.losses = losses
        self.refitSteps = refitSteps
        self.optimiser = optimiser
    }

    private mutating func refit() {
        guard let rows else { return }
        g = SurrogateBestResponse.fit(to: f, on: rows, losses: losses, previous: g)
        refits += 1
        stepsSinceRefit = 0
    }

    mutating func beginEpoch(_ epoch: Int, training: LabeledSamples) {
        rows = training.features
        if refitSteps == 0 || epoch == 1 { refit() }
    }

    mutating func step(on batch: LabeledSamples, learningRate: Float) -> Float {
        if refitSteps > 0, stepsSinceRefit >= refitSteps { refit() }
        let tape = f.forward(batch.features)
        let t = losses.evaluate(fRaw: tape.output, gRaw: g(batch.features), targets: batch.targets, wantGradient: true)
        f.backward(tape, outputGradient: t.weightedGradientF(alpha), into: &gradient)
        optimiser.learningRate = learningRate
        optimiser.update(&f.parameters, gradient: gradient)
        stepsSinceRefit += 1
        return t.weighted(alpha)
    }

    func loss(on samples: LabeledSamples) -> Float {
        losses.evaluate(fRaw: f(samples.features), gRaw: g(samples.features), targets: samples.targets,
                        wantGradient: false).weighted(alpha)
    }
}
