import Foundation
import FrontierML

/// FEX's score c(m, x): how well the row with only the kept groups still gives the row's
/// prediction, minus the price of the mask, `lambda |m| / G`.
///
/// A removed group's features take the baseline's values: the training mean, or the same
/// features of a training row drawn at random for each mask. The model's output on the
/// masked row is read for the output the row explains: its value (`output`), or for a
/// model that predicts values its closeness to the row's own prediction,
/// `exp(-(f(masked) - f(x))^2 / (2 w^2))`, which like a probability lies in (0, 1].
struct MaskScorer {
    let groups: FeatureGroups
    let baseline: FEXSettings.Baseline
    /// The per-feature mean (the `mean` baseline).
    let means: [Float]
    /// Rows the `sample` baseline draws from.
    let pool: Matrix
    /// lambda.
    let sparsity: Double
    /// w of the closeness score in output units; nil scores the output itself.
    let closenessWidth: Double?

    /// The scores of `masks` (`rows.rows * K x G`, row n's K masks together): mask s masks
    /// row `s / K`, which explains output `outputs[s / K]` with prediction `predictions[s / K]`.
    func scores(_ rows: Matrix, masks: Matrix, outputs: [Int], predictions: [Float], model: inout MeteredModel,
                generator: inout SeededGenerator) -> [Double] {
        let k = masks.rows / rows.rows, d = rows.cols, g = groups.count
        let donors = baseline == .sample ? (0..<masks.rows).map { _ in Int(generator.next() % UInt64(pool.rows)) } : []
        let owner = groups.groupOfFeature
        let y = model.outputs(ofSynthetic: masks.rows) { first, chunk in
            for i in 0..<chunk.rows {
                let s = first + i, r = s / k
                for f in 0..<d {
                    let kept = masks.scalars[s * g + owner[f]] != 0
                    chunk.scalars[i * d + f] = kept ? rows.scalars[r * d + f]
                        : (donors.isEmpty ? means[f] : pool.scalars[donors[s] * d + f])
                }
            }
        }
        return (0..<masks.rows).map { s in
            let r = s / k
            let output = Double(y[s, outputs[r]])
            var kept = 0.0
            for j in 0..<g { kept += Double(masks.scalars[s * g + j]) }
            let fidelity: Double
            if let w = closenessWidth {
                let gap = (output - Double(predictions[r])) / w
                fidelity = Foundation.exp(-0.5 * gap * gap)
            } else {
                fidelity = output
            }
            return fidelity - sparsity * kept / Double(g)
        }
    }
}
