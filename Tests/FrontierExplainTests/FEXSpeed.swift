import Foundation
import Testing
import FrontierML
@testable import FrontierExplain

/// Milliseconds per explanation of a trained FEX beside KernelSHAP and LIME (default
/// settings) on the same random 512-256-128 ReLU networks: Adult-shaped (D = 108, 14
/// columns) and MNIST-shaped (28 x 28 pixels, 49 patches, 10 classes). Also FEX's training
/// time and model evaluations. Prints figures, asserts nothing about time. Run with
/// `FRONTIER_EXPLAIN_SPEED=1 swift test -c release -Xswiftc -enable-testing --filter FEXSpeed`.
@Suite("FEX speed", .enabled(if: ProcessInfo.processInfo.environment["FRONTIER_EXPLAIN_SPEED"] != nil))
struct FEXSpeed {
    /// Feature names of `adultLikeRows`: 6 numeric columns, then the one-hot groups.
    static let adultNames: [String] = (0..<6).map { "n\($0)" }
        + [9, 16, 7, 15, 6, 5, 2, 42].enumerated().flatMap { c, size in (0..<size).map { "c\(c)=\($0)" } }

    @Test("Adult-shaped: FEX against KernelSHAP and LIME, 100 rows")
    func adultShaped() throws {
        var g = SeededGenerator(seed: 1)
        let model = randomNetwork(inputs: 108, hidden: [512, 256, 128], task: .binaryClassification, activation: .relu)
        let training = adultLikeRows(5000, &g)
        let rows = adultLikeRows(100, &g)
        let groups = try FeatureGroups.inferred(featureNames: Self.adultNames)
        let context = try ExplanationContext(training: training, generator: SeededGenerator(seed: 2), featureGroups: groups)
        try compare(model: model, context: context, rows: rows, label: "adult-shaped (D = 108, \(groups.count) groups)",
                    slowRows: 100)
    }

    @Test("MNIST-shaped: FEX against KernelSHAP and LIME")
    func mnistShaped() throws {
        var g = SeededGenerator(seed: 1)
        let model = randomNetwork(inputs: 784, hidden: [512, 256, 128], task: .multiclass(classes: 10), activation: .relu)
        // Pixel intensities in [0, 1], most of them dark, as in MNIST.
        func images(_ count: Int) -> Matrix {
            Matrix(rows: count, cols: 784, scalars: (0..<(count * 784)).map { _ in
                let u = Float(g.nextUniform())
                return u < 0.8 ? 0 : u
            })
        }
        let names = (0..<784).map { "pixel_\($0 / 28)_\($0 % 28)" }
        let groups = try FeatureGroups.inferred(featureNames: names)
        let context = try ExplanationContext(training: images(5000), generator: SeededGenerator(seed: 2), featureGroups: groups)
        try compare(model: model, context: context, rows: images(100), label: "mnist-shaped (D = 784, \(groups.count) patches)",
                    slowRows: 4)
    }

    /// Trains FEX on the context's rows, then explains: FEX and LIME on every row, KernelSHAP on `slowRows`.
    func compare(model: NetworkModel, context: ExplanationContext, rows: Matrix, label: String, slowRows: Int) throws {
        print("\(label); BLAS threads \(BLAS.threadCount)")
        let training = try FEXTrainer().train(model: model, context: context, generator: SeededGenerator(seed: 3))
        let h = training.history
        print(String(format: "fex training: %.1f s, %d epochs (best %d), %d model evaluations, %.0f%% of the time in the model",
                     h.seconds, h.epochs.count, h.bestEpoch, h.usage.modelEvaluations, 100 * h.usage.modelSeconds / h.seconds))
        let cases: [(String, any Explainer, Matrix)] = [
            ("fex", FEX(policy: training.policy), rows),
            ("kernelshap", KernelSHAP(), rows.rows(0..<min(rows.rows, slowRows))),
            ("lime", LIME(), rows.rows(0..<min(rows.rows, max(slowRows, 20)))),
        ]
        var perRow: [String: Double] = [:]
        for (name, explainer, subset) in cases {
            let e = try bestOfThree(explainer, subset, model: model, context: context, seeds: (4, 5))
            perRow[name] = e.cost.millisecondsPerRow
            // Memory is not compared here: the process's high-water mark is shared by every run in it.
            print(String(format: "%@: %.4f ms per explanation over %d rows, %.0f model evaluations each",
                         name, e.cost.millisecondsPerRow, subset.rows, Double(e.cost.usage.modelEvaluations) / Double(subset.rows)))
        }
        for other in ["kernelshap", "lime"] {
            print(String(format: "fex vs %@: %.3f%% less time per explanation; training pays for itself after %.0f explanations",
                         other, 100 * (1 - perRow["fex"]! / perRow[other]!),
                         h.seconds * 1000 / (perRow[other]! - perRow["fex"]!)))
        }
    }
}
