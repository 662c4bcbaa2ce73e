import Foundation
import Testing
import FrontierML
@testable import FrontierExplain

/// Rows shaped like Adult's one-hot encoding: 6 standardised numbers, then one-hot groups
/// of 9, 16, 7, 15, 6, 5, 2 and 42 categories (108 columns).
func adultLikeRows(_ count: Int, _ g: inout SeededGenerator) -> Matrix {
    let groups = [9, 16, 7, 15, 6, 5, 2, 42]
    var rows = Matrix(rows: count, cols: 108)
    for r in 0..<count {
        for j in 0..<6 { rows[r, j] = Float(g.nextNormal()) }
        var offset = 6
        for size in groups {
            // Skewed like real categories: the first few carry most rows.
            let u = g.nextUniform()
            rows[r, offset + min(size - 1, Int(Double(size) * u * u * u))] = 1
            offset += size
        }
    }
    return rows
}

/// Milliseconds per explanation of KernelSHAP and LIME on a random 512-256-128 network
/// over 100 rows of Adult's width, beside the floor (the model evaluations alone at the
/// measured batched forward cost). Prints figures, asserts nothing about time. Run with
/// `FRONTIER_EXPLAIN_SPEED=1 swift test -c release --filter ExplainerSpeed`.
@Suite("Explainer speed", .enabled(if: ProcessInfo.processInfo.environment["FRONTIER_EXPLAIN_SPEED"] != nil))
struct ExplainerSpeed {
    @Test("KernelSHAP and LIME per explanation on a 512-256-128 network, D = 108")
    func adultSized() throws {
        var g = SeededGenerator(seed: 1)
        let model = randomNetwork(inputs: 108, hidden: [512, 256, 128], task: .binaryClassification, activation: .relu)
        let training = adultLikeRows(5000, &g)
        let oneHot = adultLikeRows(100, &g)
        let dense = randomMatrix(100, 108, &g)
        let watch = Stopwatch()
        let context = try ExplanationContext(training: training, generator: SeededGenerator(seed: 2))
        print("context (k-means 10 of 5000 rows): \(String(format: "%.0f", watch.seconds * 1000)) ms; BLAS threads \(BLAS.threadCount)")
        let floor = forwardSecondsPerRow(model, rows: randomMatrix(MeteredModel.defaultChunkRows, 108, &g))
        print(String(format: "batched forward: %.2f us per row", floor * 1e6))
        let cases: [(String, any Explainer, Matrix)] = [
            ("kernelshap, Adult-like rows", KernelSHAP(), oneHot),
            ("kernelshap, dense rows (M = 108)", KernelSHAP(), dense),
            ("lime, Adult-like rows", LIME(), oneHot),
        ]
        for (label, explainer, rows) in cases {
            let e = try bestOfThree(explainer, rows, model: model, context: context, seeds: (3, 4))
            let perRow = Double(e.cost.usage.modelEvaluations) / Double(rows.rows)
            let floorMs = perRow * floor * 1000
            print(String(format: "%@: %.1f ms per explanation, %.0f model evaluations each, floor %.1f ms (%.2fx), "
                         + "%.0f%% of wall time in the model, peak RSS %.0f MiB (%.0f MiB at start)",
                         label, e.cost.millisecondsPerRow, perRow, floorMs, e.cost.millisecondsPerRow / floorMs,
                         100 * e.cost.usage.modelSeconds / e.cost.wallSeconds,
                         Double(e.cost.peakResidentBytes ?? 0) / 1_048_576, Double(e.cost.residentBytesAtStart ?? 0) / 1_048_576))
        }
        limeBookkeeping()
    }

    /// What LIME does besides calling the model, per row: 107 000 normal draws and the ridge fit.
    func limeBookkeeping() {
        var g = SeededGenerator(seed: 5)
        let x = randomMatrix(1000, 108, &g)
        let y = (0..<1000).map { _ in g.nextNormal() }
        let w = (0..<1000).map { _ in g.nextUniform() }
        let draw = (0..<5).map { _ in
            let watch = Stopwatch()
            var sum = 0.0
            for _ in 0..<(999 * 108) { sum += g.nextNormal() }
            precondition(sum.isFinite)
            return watch.seconds
        }.min()!
        let fit = (0..<5).map { _ in
            let watch = Stopwatch()
            _ = LinearFit.ridge(x, y, sampleWeights: w, ridge: 1)
            return watch.seconds
        }.min()!
        print(String(format: "lime bookkeeping per row: normal draws %.1f ms, ridge fit %.1f ms", draw * 1000, fit * 1000))
    }

    /// The least wall time of a forward pass over `rows`, per row.
    func forwardSecondsPerRow(_ model: NetworkModel, rows: Matrix) -> Double {
        _ = model.outputs(rows)
        let times = (0..<7).map { _ in
            let watch = Stopwatch()
            _ = model.outputs(rows)
            return watch.seconds
        }
        return times.min()! / Double(rows.rows)
    }
}
