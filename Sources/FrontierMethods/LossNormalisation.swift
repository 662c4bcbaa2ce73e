import FrontierML

/// How the steered methods (MGDA, EPO, STCH) put the prediction and fidelity losses on one scale
/// before weighing their gradients (docs/moo.md explains the choice).
///
/// The raw losses differ by orders of magnitude (a binary cross-entropy near 0.3 against a
/// fidelity near 0.02), and the prediction loss cannot fall below the data's noise while
/// the fidelity loss can reach zero. A preference ray drawn through the origin of the raw
/// or initial-loss-scaled plane therefore meets the front only in a narrow fan of angles.
public enum LossNormalisation: String, Codable, CaseIterable, Sendable {
    /// `initial` for multiclass tasks, `anchors` otherwise (see `resolved(for:)`).
    case auto
    /// The raw losses (MGDA's textbook form).
    case none
    /// Each loss divided by its value at the start of training, on the training split
    /// (f freshly drawn, g at its start): scale-free, costs nothing, but leaves the
    /// prediction loss's floor in place.
    case initial
    /// Each loss mapped to [0, 1] between the front's two ends (the payoff table of
    /// multi-objective optimisation, as NBI and normalised Tchebycheff methods use it):
    /// prediction from f's loss after single-task training (its ideal) to the loss of the
    /// linear fit of the data (what f gets when it equals a linear g); fidelity from 0 to
    /// its value between the single-task f and g's best response to it. Finding the ideal
    /// takes a single-task training first, the same run (same seed, same bits) as the
    /// `stl` baseline's; the method then continues from it.
    case anchors
}

extension LossNormalisation {
    /// The normalisation used for `task`: `auto` becomes `initial` for multiclass tasks and
    /// `anchors` for binary classification and regression.
    ///
    /// Why (docs/moo.md has the measurements): binary cross-entropy and log-cosh stop at
    /// 40-60% of their starting value (the labels' noise), so dividing by the start leaves
    /// the prediction loss in a narrow band and most rays miss the front; the anchors fix
    /// that. A multiclass cross-entropy falls from log K to near zero, so dividing by the
    /// start already spans the front, while the anchors degenerate: the single-task f fits
    /// the training split almost perfectly, and the front's ends measured there say little.
    public func resolved(for task: PredictionTask) -> LossNormalisation {
        guard self == .auto else { return self }
        if case .multiclass = task { return .initial }
        return .anchors
    }
}

/// One loss mapped to `(loss - ideal) / range`.
public struct ObjectiveScale: Codable, Equatable, Sendable {
    public var ideal: Double
    public var range: Double

    public init(ideal: Double, range: Double) {
        precondition(range > 0 && range.isFinite && ideal.isFinite, "a loss scale needs a finite ideal and a positive range")
        self.ideal = ideal
        self.range = range
    }

    /// The raw loss as it is.
    public static let identity = ObjectiveScale(ideal: 0, range: 1)

    /// `value` divided by itself, so the loss reads 1 where it was measured; a loss of 0 keeps the scale 1.
    public static func relative(to value: Double) -> ObjectiveScale {
        ObjectiveScale(ideal: 0, range: value > 0 && value.isFinite ? value : 1)
    }

    public func normalise(_ loss: Double) -> Double { (loss - ideal) / range }
}

/// The scales of the two losses of a steered run.
public struct LossScales: Codable, Equatable, Sendable {
    public var prediction: ObjectiveScale
    public var fidelity: ObjectiveScale

    public init(prediction: ObjectiveScale, fidelity: ObjectiveScale) {
        self.prediction = prediction
        self.fidelity = fidelity
    }

    public static let identity = LossScales(prediction: .identity, fidelity: .identity)

    /// The scales as report diagnostics.
    var diagnostics: [String: Double] {
        ["prediction_ideal": prediction.ideal, "prediction_range": prediction.range,
         "fidelity_ideal": fidelity.ideal, "fidelity_range": fidelity.range]
    }
}
