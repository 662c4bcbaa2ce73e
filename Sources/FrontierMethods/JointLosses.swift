import FrontierML

/// The two objectives of training a black box f with its linear surrogate g, on one
/// batch: f's prediction loss `L_base(f(x), y)` and the fidelity loss
/// `mean ||g(x) - f(x)||^2` (in `fidelitySpace`), each with its gradient with respect
/// to the models' raw outputs. The joint, MGDA, EPO and bi-level methods all combine
/// these same two; only how they weigh them differs.
public struct JointLosses: Sendable {
    public let task: PredictionTask
    public let baseLoss: PredictionLoss
    /// Where f and g are compared (`auto` already resolved for `task`).
    public let fidelitySpace: FidelitySpace

    public init(task: PredictionTask, fidelitySpace: FidelitySpace) {
        self.task = task
        self.baseLoss = PredictionLoss.standard(for: task)
        self.fidelitySpace = fidelitySpace.resolved(for: task)
    }

    /// Both losses on a batch and, when asked, their raw-output gradients: the prediction
    /// loss's with respect to f, the fidelity loss's with respect to f and to g.
    public struct Terms: Sendable {
        public var prediction: Float
        public var fidelity: Float
        public var predictionGradientF: Matrix?
        public var fidelityGradientF: Matrix?
        public var fidelityGradientG: Matrix?

        /// `alpha · prediction + (1 − alpha) · fidelity`.
        public func weighted(_ alpha: Float) -> Float { alpha * prediction + (1 - alpha) * fidelity }

        /// f's raw-output gradient of `weighted(alpha)` (the terms must hold gradients).
        public func weightedGradientF(_ alpha: Float) -> Matrix {
            let dBase = predictionGradientF!, dFidelity = fidelityGradientF!
            var dF = dBase
            for i in 0..<dF.count { dF.scalars[i] = alpha * dBase.scalars[i] + (1 - alpha) * dFidelity.scalars[i] }
            return dF
        }
    }

    /// The terms on one batch. Only the first `targets.rows` rows are labelled: the prediction
    /// loss sees those, the fidelity loss every row (the rest are `FidelityInputs`' extra rows).
    public func evaluate(fRaw: Matrix, gRaw: Matrix, targets: Matrix, wantGradient: Bool) -> Terms {
        let labelled = targets.rows
        precondition(labelled <= fRaw.rows, "more targets than rows")
        let predicted = labelled == fRaw.rows ? fRaw : fRaw.rows(0..<labelled)
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
            return Terms(prediction: baseLoss.value(output: predicted, targets: targets), fidelity: Float(fidelity))
        }
        let (base, dLabelled) = baseLoss.valueAndGradient(output: predicted, targets: targets)
        let dBase = labelled == fRaw.rows ? dLabelled
            : .vstack([dLabelled, Matrix(rows: fRaw.rows - labelled, cols: fRaw.cols)])
        let dFOut = dGOut.map { -$0 }
        return Terms(prediction: base, fidelity: Float(fidelity), predictionGradientF: dBase,
                     fidelityGradientF: linked ? OutputLink.backprop(linked: fOut, gradient: dFOut, task: task) : dFOut,
                     fidelityGradientG: linked ? OutputLink.backprop(linked: gOut, gradient: dGOut, task: task) : dGOut)
    }

    /// Both losses of the models `f` and `g` on `samples` (no gradients).
    public func values(f: MLP, g: MLP, on samples: LabeledSamples) -> (prediction: Double, fidelity: Double) {
        let t = evaluate(fRaw: f(samples.features), gRaw: g(samples.features), targets: samples.targets, wantGradient: false)
        return (Double(t.prediction), Double(t.fidelity))
    }
}
