import FrontierML

/// The row times the gradient of the explained output at the row (Shrikumar et al., 2016;
/// captum's `InputXGradient`): each feature's first-order contribution relative to the
/// all-zero input, which on standardised features is the training mean.
public struct GradientTimesInput: Explainer {
    public static let name = "gradient_x_input"
    public static let summary = "the row times the gradient of the explained output at the row"
    public let settings: NoSettings
    public var kind: AttributionKind { .contribution }

    public init(validated settings: NoSettings) {
        self.settings = settings
    }

    public func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions] {
        outputs.map { explained in
            var values = model.inputGradients(rows, outputs: explained)
            for i in 0..<values.count { values.scalars[i] *= rows.scalars[i] }
            return Attributions(kind: kind, values: values, outputs: explained)
        }
    }
}
