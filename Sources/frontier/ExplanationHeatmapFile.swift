import Foundation
import FrontierExperiments
import FrontierMethods
import FrontierPareto

/// g's coefficients on image data as per-class heat maps (`train --heatmap`, `plot heatmap`),
/// drawn by `ExplanationHeatmaps`.
enum ExplanationHeatmapFile {
    /// Refuses feature names that are not pixels, before any training is spent.
    static func check(featureNames: [String]) throws {
        let probe = GlobalExplanation.of(weights: featureNames.map { _ in 0 }, featureNames: featureNames)
        do { _ = try ImageExplanation(probe) } catch { throw RuntimeFailure("--heatmap: \(error)") }
    }

    /// Writes one heat map per explained output to `path`.
    static func write(_ explanations: [GlobalExplanation], title: String, to path: String) throws {
        let panels: [HeatmapSVG.Panel]
        do { panels = try ExplanationHeatmaps.panels(explanations) } catch { throw RuntimeFailure("heat map: \(error)") }
        do { try HeatmapSVG.svg(panels, title: title).write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw RuntimeFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
