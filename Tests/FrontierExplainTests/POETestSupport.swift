import Foundation
import FrontierML
import FrontierSolvers
@testable import FrontierExplain

/// A small POE problem: `n` random rows in (-2, 2)^d explained on `function`.
func poeProblem(n: Int = 6, d: Int = 3, seed: UInt64 = 1, function: SyntheticFunctionKind = .cubic,
                similarity: InputSimilarity = .uniform, lengthScale: Double = 1.5,
                smoothness: Smoothness.Settings = Smoothness.Settings()) throws -> TransductiveProblem {
    var g = SeededGenerator(seed: seed)
    let rows = DenseMatrix(rows: n, cols: d, values: (0..<(n * d)).map { _ in -2 + 4 * g.nextUniform() })
    var gradients = DenseMatrix(rows: n, cols: d)
    var outputs = [Double]()
    for i in 0..<n {
        let x = rows.row(i)
        gradients.values.replaceSubrange((i * d)..<((i + 1) * d), with: function.gradient(x))
        outputs.append(function.value(x))
    }
    return try TransductiveProblem(rows: rows, gradients: gradients, outputs: outputs,
                                   robustness: RobustnessSettings(similarity: similarity, lengthScale: lengthScale),
                                   smoothness: smoothness)
}

/// `sum_i lambda_i L_i` straight from Table 2's pairwise sums (no Laplacian, no spectrum).
func referenceObjective(_ w: DenseMatrix, _ p: TransductiveProblem, _ l: PropertyWeights) -> Double {
    var total = l.fGrad * PropertyLosses.gradientFaithfulness(w, gradients: p.gradients)
    if l.fFunc > 0 { total += l.fFunc * PropertyLosses.functionFaithfulness(w, rows: p.rows, outputs: p.outputs!) }
    let s = p.similarity ?? DenseMatrix(rows: p.rowCount, cols: p.rowCount, repeating: 1)
    if l.rAvg > 0 { total += l.rAvg * PropertyLosses.averageRobustness(w, similarity: s) }
    if l.rMax > 0 { total += l.rMax * PropertyLosses.maximumRobustness(w, similarity: p.similarity) }
    if l.smoothness > 0 { total += l.smoothness * PropertyLosses.smoothness(w, featureSimilarity: p.featureSimilarity) }
    if l.complexity > 0 { total += l.complexity * PropertyLosses.complexity(w) }
    return total
}

/// A subgradient of `referenceObjective`, from the definitions (the max at its first argmax, sign(0) = 0).
func referenceSubgradient(_ w: DenseMatrix, _ p: TransductiveProblem, _ l: PropertyWeights) -> DenseMatrix {
    let (n, d) = (w.rows, w.cols)
    var g = DenseMatrix(rows: n, cols: d)
    let s = p.similarity ?? DenseMatrix(rows: n, cols: n, repeating: 1)
    for a in 0..<n {
        for j in 0..<d { g[a, j] += 2 * l.fGrad * (w[a, j] - p.gradients[a, j]) }
        if l.fFunc > 0 {
            var r = -p.outputs![a]
            for j in 0..<d { r += w[a, j] * p.rows[a, j] }
            for j in 0..<d { g[a, j] += 2 * l.fFunc * r * p.rows[a, j] }
        }
        for c in 0..<n where c != a {
            for j in 0..<d { g[a, j] += 2 * l.rAvg * (s[a, c] + s[c, a]) * (w[a, j] - w[c, j]) }
        }
        if l.rMax > 0 {
            var best = -1.0, arg = a
            for c in 0..<n where c != a {
                let v = (p.similarity?[a, c] ?? 1) * PropertyLosses.squaredDistance(w, a, c)
                if v > best { best = v; arg = c }
            }
            let weight = 2 * l.rMax * (p.similarity?[a, arg] ?? 1)
            for j in 0..<d { g[a, j] += weight * (w[a, j] - w[arg, j]); g[arg, j] -= weight * (w[a, j] - w[arg, j]) }
        }
        let sf = p.featureSimilarity
        for j in 0..<d {
            for k in 0..<d where k != j { g[a, j] += 2 * l.smoothness * (sf[j, k] + sf[k, j]) * (w[a, j] - w[a, k]) }
            g[a, j] += l.complexity * (w[a, j] > 0 ? 1 : (w[a, j] < 0 ? -1 : 0))
        }
    }
    return g
}

func maxAbs(_ a: DenseMatrix, _ b: DenseMatrix) -> Double {
    zip(a.values, b.values).map { abs($0 - $1) }.max() ?? 0
}
