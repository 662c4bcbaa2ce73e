import FrontierML

/// The gradient of the explained output at the row (Simonyan et al., 2013; captum's
/// `Saliency`). Signed by default, since the property metrics compare it with f's
/// gradient; `absolute` gives the saliency map's magnitudes (captum's default).
public struct Saliency: Explainer {
    public static let name = "gradient"
    public static let summary = "the gradient of the explained output at the row (saliency)"
    public let settings: MagnitudeSettings
    public var kind: AttributionKind { .slope }

    public init(validated settings: MagnitudeSettings) {
        self.settings = settings
    }

    public func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions] {
        outputs.map { explained in
            var gradients = model.inputGradients(rows, outputs: explained)
            if settings.absolute { gradients = gradients.map(abs) }
            return Attributions(kind: kind, values: gradients, outputs: explained)
        }
    }
}
