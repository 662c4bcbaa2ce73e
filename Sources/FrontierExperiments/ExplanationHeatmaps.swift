import Foundation
import FrontierMethods
import FrontierPareto

/// g's coefficients on image data as heat-map panels: the layout comes from FrontierMethods
/// (`ImageExplanation`), the drawing from FrontierPareto (`HeatmapSVG`).
public enum ExplanationHeatmaps {
    /// One heat-map panel per explained output.
    ///
    /// - Throws: `ImageLayoutError` when the features are not pixels.
    public static func panels(_ explanations: [GlobalExplanation]) throws -> [HeatmapSVG.Panel] {
        try explanations.map { explanation in
            let image = try ImageExplanation(explanation)
            return HeatmapSVG.Panel(label: image.output, rows: image.rows, cols: image.cols, values: image.weights,
                                    caption: String(format: "intercept %+.3f", image.intercept))
        }
    }
}
