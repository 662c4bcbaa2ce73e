import FrontierML
import FrontierSolvers

/// F-func, faithfulness as function matching (POE, Table 2e):
///
///     F-func = sum_n ( w_n . x_n - f(x_n) )^2
///
/// the attribution read as a linear model through the origin, compared with f at the row
/// itself, as the table and the authors' code define it (so it rewards explanations whose
/// `w . x` reproduces f's value; for an f with an offset no explanation reaches 0). Lower is
/// better. Costs N model evaluations. The neighbourhood form (Yeh et al.'s infidelity) is
/// the `infidelity` metric.
public struct FunctionalFaithfulness: PropertyMetric {
    public static let name = "f_func"
    public static let summary = "sum over rows of the squared error of w . x as a prediction of f(x)"
    public static let direction = MetricDirection.lowerIsBetter
    public static let unit = "squared output"
    public let settings: NoSettings

    public init(validated settings: NoSettings) {
        self.settings = settings
    }

    public func evaluate(_ input: MetricInput, model: inout MeteredModel, context: ExplanationContext,
                         generator: inout SeededGenerator) throws(ExplainError) -> Double {
        let a = input.attributions
        guard a.rowCount > 0 else { return 0 }
        let outputs = model.outputs(input.rows)
        let y = (0..<a.rowCount).map { Double(outputs[$0, a.outputs[$0]]) }
        return PropertyLosses.functionFaithfulness(DenseMatrix(a.values), rows: DenseMatrix(input.rows), outputs: y)
    }
}
