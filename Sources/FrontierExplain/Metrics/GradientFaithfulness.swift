import FrontierML
import FrontierSolvers

/// F-grad, faithfulness as gradient matching (POE, Table 2d):
///
///     F-grad = sum_n || w_n - grad f(x_n) ||_2^2
///
/// with f the output row n explains. Lower is better; 0 for the gradient itself. Costs N
/// gradient evaluations. It compares slopes: a contribution (SHAP, IG) is in other units.
public struct GradientFaithfulness: PropertyMetric {
    public static let name = "f_grad"
    public static let summary = "sum over rows of the squared distance between the attributions and f's gradient"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "squared output per feature unit"
    public let settings: NoSettings

    public init(validated settings: NoSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let a = input.attributions
        guard a.rowCount > 0 else { return 0 }
        let gradients = model.inputGradients(input.rows, outputs: a.outputs)
        return PropertyLosses.gradientFaithfulness(DenseMatrix(a.values), gradients: DenseMatrix(gradients))
    }
}
