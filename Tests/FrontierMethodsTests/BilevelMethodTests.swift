import Foundation
import Testing
import FrontierML
import FrontierSettings
@testable import FrontierMethods

@Suite("Bi-level training and g's exact best response")
struct BilevelMethodTests {
    static let toy = TrainingMethodTests.toy

    /// y = sin(2 x0) + x1 x2: a non-linear regression problem.
    static let regression: LabeledSamples = {
        var g = SeededGenerator(seed: 8)
        let x = Matrix(rows: 400, cols: 3, scalars: g.normals(1200))
        return LabeledSamples(features: x, targets: Matrix(column: (0..<400).map { Float(sin(2 * Double(x[$0, 0]))) + x[$0, 1] * x[$0, 2] }))
    }()

    static func randomBlackBox(outputs: Int, seed: UInt64) -> MLP {
        var g = SeededGenerator(seed: seed)
        return MLP(MLPArchitecture(inputWidth: 3, hiddenWidths: [16], outputWidth: outputs), generator: &g)
    }

    /// `sum_i r_i x_i` and `sum_i r_i` for residuals `r` (n x k) against `x`: zero at a least-squares
    /// or logistic optimum (up to the penalty).
    static func normalEquations(_ residual: Matrix, _ x: Matrix) -> Double {
        var worst = 0.0
        for c in 0..<residual.cols {
            var total = 0.0
            var perFeature = [Double](repeating: 0, count: x.cols)
            for i in 0..<x.rows {
                let r = Double(residual[i, c])
                total += r
                for j in 0..<x.cols { perFeature[j] += r * Double(x[i, j]) }
            }
            worst = max(worst, abs(total), perFeature.map(abs).max()!)
        }
        return worst / Double(x.rows)
    }

    @Test("On raw outputs g's best response is the least-squares fit: residuals orthogonal to the features",
          arguments: [PredictionTask.regression, .binaryClassification, .multiclass(classes: 3)])
    func leastSquaresBestResponse(task: PredictionTask) {
        let f = Self.randomBlackBox(outputs: task.outputWidth, seed: 2)
        let x = Self.regression.features
        let losses = JointLosses(task: task, fidelitySpace: .logits)
        let g = SurrogateBestResponse.fit(to: f, on: x, losses: losses)
        var residual = g(x)
        let fRaw = f(x)
        for i in 0..<residual.count { residual.scalars[i] -= fRaw.scalars[i] }
        #expect(Self.normalEquations(residual, x) < 1e-5)
    }

    @Test("On probabilities g's best response zeroes the soft-target cross-entropy's gradient",
          arguments: [PredictionTask.binaryClassification, .multiclass(classes: 3)])
    func softTargetBestResponse(task: PredictionTask) {
        let f = Self.randomBlackBox(outputs: task.outputWidth, seed: 4)
        let x = Self.regression.features
        let losses = JointLosses(task: task, fidelitySpace: .outputs)
        let g = SurrogateBestResponse.fit(to: f, on: x, losses: losses)
        var residual = OutputLink.apply(g(x), task: task)
        let target = OutputLink.apply(f(x), task: task)
        for i in 0..<residual.count { residual.scalars[i] -= target.scalars[i] }
        // The tiny L2 penalty leaves a gradient of order l2 |w| / n.
        #expect(Self.normalEquations(residual, x) < 1e-4)
        // And no nearby linear model is closer in the fidelity loss by more than the second-order change.
        let base = losses.values(f: f, g: g, on: LabeledSamples(features: x, targets: Matrix(rows: x.rows, cols: 1))).fidelity
        var nudged = g
        nudged.parameters[0] += 0.05
        #expect(losses.values(f: f, g: nudged, on: LabeledSamples(features: x, targets: Matrix(rows: x.rows, cols: 1))).fidelity
                > base - 1e-4)
    }

    static let small: [String: SettingValue] = ["hidden": .list([.number(32), .number(16)]), "epochs": .number(20),
                                                "learning_rate": .number(3e-3)]

    @Test("The reported g is the exact best response to the reported f; small alpha makes it faithful")
    func bilevelFit() throws {
        let settings = try BilevelMethod.Settings.read(.map(Self.small.merging(["alpha": .number(0.1)]) { $1 }), at: "")
        let fitted = try BilevelMethod().fit(settings, seed: 3, on: Self.toy) { _ in .proceed }
        let losses = JointLosses(task: Self.toy.task, fidelitySpace: .auto)
        #expect(SurrogateBestResponse.fit(to: fitted.model.f, on: Self.toy.train.features, losses: losses).parameters
                == fitted.model.g.parameters)
        let stl = try SingleTaskMethod().fit(.init(network: settings.network), seed: 3, on: Self.toy) { _ in .proceed }
        let generator = SeededGenerator(seed: 1)
        let bilevelGF = fitted.model.evaluate(on: Self.toy.test, generator: generator).globalFidelity
        let stlGF = stl.model.evaluate(on: Self.toy.test, generator: generator).globalFidelity
        #expect(bilevelGF < 0.5 * stlGF, "bilevel GF \(bilevelGF), STL GF \(stlGF)")
        #expect(fitted.diagnostics["refits"]! >= 2)
    }

    @Test("refit_steps k refits g every k optimiser steps")
    func refitEverySteps() throws {
        // 600 rows, 60 held out: 540 / 32 = 17 steps in the one epoch; refits before steps 1, 6, 11, 16, and after training.
        let settings = try BilevelMethod.Settings.read(.map(Self.small.merging(["epochs": .number(1), "refit_steps": .number(5)]) { $1 }), at: "")
        let fitted = try BilevelMethod().fit(settings, seed: 3, on: Self.toy) { _ in .proceed }
        #expect(fitted.diagnostics["refits"] == 5)
        let perEpoch = try BilevelMethod.Settings.read(.map(Self.small.merging(["epochs": .number(1)]) { $1 }), at: "")
        #expect(try BilevelMethod().fit(perEpoch, seed: 3, on: Self.toy) { _ in .proceed }.diagnostics["refits"] == 2)
    }

    @Test("Bad settings are refused with their path",
          arguments: [(SettingValue.map(["alpha": .number(1)]), "b.alpha"), (.map(["refit_steps": .number(-1)]), "b.refit_steps"),
                      (.map(["surrogate_start": .string("zero")]), "b.surrogate_start"), (.map(["ray": .number(0.5)]), "b.ray")])
    func badSettings(tree: SettingValue, path: String) {
        #expect { try BilevelMethod.Settings.read(tree, at: "b") } throws: { ($0 as? SettingsError)?.path == path }
    }
}
