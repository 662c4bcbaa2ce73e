import Foundation
import FrontierMethods
import FrontierPareto

/// g's coefficients on image data as per-class heat maps (`train --heatmap`, `plot heatmap`):
/// the layout comes from FrontierMethods, the drawing from FrontierPareto.
enum ExplanationHeatmapFile {
    /// Refuses feature names that are not pixels, before any training is spent.
    static func check(featureNames: [String]) throws {
        let probe = GlobalExplanation.of(weights: featureNames.map { _ in 0 }, featureNames: featureNames)
        do { _ = try ImageExplanation(probe) } catch { throw RuntimeFailure("--heatmap: \(error)") }
    }

    /// One heat-map panel per explained output.
    ///
    /// - Throws: `ImageLayoutError` when the features are not pixels.
    static func panels(_ explanations: [GlobalExplanation]) throws -> [HeatmapSVG.Panel] {
        try explanations.map { explanation in
            let image = try ImageExplanation(explanation)
            return HeatmapSVG.Panel(label: image.output, rows: image.rows, cols: image.cols, values: image.weights,
                                    caption: String(format: "intercept %+.3f", image.intercept))
        }
    }

    /// Writes one heat map per explained output to `path`.
    static func write(_ explanations: [GlobalExplanation], title: String, to path: String) throws {
        let panels: [HeatmapSVG.Panel]
        do { panels = try Self.panels(explanations) } catch { throw RuntimeFailure("heat map: \(error)") }
        do { try HeatmapSVG.svg(panels, title: title).write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw RuntimeFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
