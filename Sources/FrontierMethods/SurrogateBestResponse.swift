import FrontierML

/// The linear surrogate g that best imitates a given black box f on a set of rows, solved
/// exactly rather than by gradient steps: the lower level of the bi-level method, and the
/// surrogate at the prediction end of the front for the anchor normalisation.
///
/// What "best" means follows the fidelity space the training loss compares f and g in:
///
/// - on raw outputs (`logits`, and regression, whose outputs are raw): least squares of
///   f's raw outputs on the features, one output per column, by the normal equations.
///   This is the fidelity loss itself, minimised exactly.
/// - on probabilities (`outputs` for classification): logistic regression on f's
///   probabilities as soft targets (binary: Newton's method, warm-started from the previous
///   g when there is one; multiclass: multinomial, by Newton-CG), fitted exactly. This minimises
///   the cross-entropy from f's probabilities to g's, not the squared gap: the squared gap
///   between sigmoids is not convex in g's coefficients and has no exact solver, while the
///   cross-entropy is convex, has the same minimiser whenever g can match f exactly, and
///   is how a classifier is conventionally fitted to another's soft outputs (mimic
///   learning, distillation).
///
/// The probability fits carry an L2 penalty of `softTargetL2` on the weights: against
/// thousands of rows it changes nothing measurable, and it keeps the fit well posed when
/// f is nearly saturated or the features are collinear (full one-hot groups).
public enum SurrogateBestResponse {
    /// The L2 penalty of the soft-target fits (a tie-breaker; the data term sums over rows).
    public static let softTargetL2 = 1e-3

    /// g's best response to `f` on the rows of `features`, for the losses `losses` compare;
    /// `previous` (a g for a nearby f) may speed up the iterative fits and does not change
    /// what they converge to.
    public static func fit(to f: MLP, on features: Matrix, losses: JointLosses, previous: MLP? = nil) -> MLP {
        let task = losses.task
        let architecture = MLPArchitecture.linear(inputWidth: features.cols, outputWidth: task.outputWidth)
        let raw = f(features)
        if losses.fidelitySpace == .logits || task == .regression {
            return LinearFit.model(LinearFit.leastSquares(features, targets: raw), architecture)
        }
        let probabilities = OutputLink.apply(raw, task: task)
        switch task {
        case .multiclass:
            return LinearFit.multinomialLogistic(features, targets: probabilities, l2: softTargetL2).model(architecture)
        default:
            let start = previous.map { g in
                LinearFit.Coefficients(weights: g.weights(layer: 0).scalars.map(Double.init), intercept: Double(g.bias(layer: 0)[0]))
            }
            return LinearFit.logistic(features, probabilities: probabilities.scalars.map(Double.init), l2: softTargetL2,
                                      start: start).model(architecture)
        }
    }
}
