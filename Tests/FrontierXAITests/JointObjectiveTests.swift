import Foundation
import Testing
import FrontierML
@testable import FrontierXAI

@Suite("Joint f/g objective")
struct JointObjectiveTests {
    /// The raw-output gradients of the joint loss match finite differences.
    @Test("Gradient of the joint loss", arguments: [PredictionTask.binaryClassification, .regression, .multiclass(classes: 3)])
    func gradient(task: PredictionTask) {
        var g = SeededGenerator(seed: 21)
        let n = 6
        let k = task.outputWidth
        let fRaw = Matrix(rows: n, cols: k, scalars: g.normals(n * k))
        let gRaw = Matrix(rows: n, cols: k, scalars: g.normals(n * k))
        let targets: Matrix
        switch task {
        case .binaryClassification: targets = Matrix(column: (0..<n).map { Float($0 % 2) })
        case .multiclass: targets = Matrix(column: (0..<n).map { Float($0 % 3) })
        case .regression: targets = Matrix(column: g.normals(n))
        }
        var init_ = SeededGenerator(seed: 1)
        let objective = JointObjective(
            f: MLP(MLPArchitecture(inputWidth: 2, hiddenWidths: [3], outputWidth: k), generator: &init_),
            g: MLP(.linear(inputWidth: 2, outputWidth: k), generator: &init_), alpha: 0.3, task: task)
        let t = objective.terms(fRaw: fRaw, gRaw: gRaw, targets: targets, wantGradient: true)
        func total(_ f: [Float], _ gg: [Float]) -> Double {
            let r = objective.terms(fRaw: Matrix(rows: n, cols: k, scalars: f), gRaw: Matrix(rows: n, cols: k, scalars: gg),
                                    targets: targets, wantGradient: false)
            return Double(0.3 * r.base + 0.7 * r.fidelity)
        }
        var fs = fRaw.scalars
        let numericF = numericalGradient(&fs) { total($0, gRaw.scalars) }
        var gs = gRaw.scalars
        let numericG = numericalGradient(&gs) { total(fRaw.scalars, $0) }
        #expect(maxRelativeError(t.dF!.scalars, numericF) < 1e-2)
        #expect(maxRelativeError(t.dG!.scalars, numericG) < 1e-2)
    }

    @Test("Joint training at small alpha makes g faithful to f on held-out data")
    func smallAlphaIsFaithful() throws {
        let data = toyClassification(rows: 600, seed: 4)
        let test = toyClassification(rows: 300, seed: 5)
        let dataset = Dataset(name: "toy", task: .binaryClassification, featureNames: ["a", "b", "c"],
                              train: data, test: test)
        var settings = MethodSettings(method: .stl, hiddenWidths: [32, 16], seed: 3)
        settings.schedule = TrainingSchedule(maxEpochs: 20, learningRate: 3e-3)
        let stl = try settings.fit(dataset).model.evaluate(on: test, generator: SeededGenerator(seed: 1))
        settings.method = .joint
        settings.alpha = 0.1
        let joint = try settings.fit(dataset).model.evaluate(on: test, generator: SeededGenerator(seed: 1))
        #expect(joint.globalFidelity < 0.5 * stl.globalFidelity,
                "joint GF \(joint.globalFidelity) vs STL GF \(stl.globalFidelity)")
        #expect(stl.blackBox.accuracy! > 0.75)
    }

    @Test("A run cancelled by its progress handler throws a cancellation and skips evaluation")
    func cancelledRunSkipsEvaluation() throws {
        let dataset = Dataset(name: "toy", task: .binaryClassification, featureNames: ["a", "b", "c"],
                              train: toyClassification(rows: 200, seed: 4), test: toyClassification(rows: 100, seed: 5))
        var settings = MethodSettings(method: .joint, alpha: 0.5, hiddenWidths: [8], seed: 3)
        settings.schedule = TrainingSchedule(maxEpochs: 5)
        var epochs = 0
        let run = LocalRun(settings: settings)
        #expect {
            try run.run(on: dataset) { _ in
                epochs += 1
                return epochs == 2 ? .cancel : .proceed
            }
        } throws: { error in
            (error as? MethodError)?.isCancellation == true && "\(error)" == "cancelled after 2 epochs"
        }
        #expect(epochs == 2)
        #expect(MethodError("bad").isCancellation == false)
    }

    @Test("Settings validation names the problem")
    func validation() {
        #expect(throws: MethodError.self) { try MethodSettings(method: .joint).validate() as Void }
        #expect(throws: MethodError.self) { try MethodSettings(method: .joint, alpha: 1).validate() as Void }
        #expect(throws: MethodError.self) { try MethodSettings(method: .stl, hiddenWidths: [0]).validate() as Void }
        #expect(throws: Never.self) { try MethodSettings(method: .joint, alpha: 0.5).validate() as Void }
    }
}

/// Label = [x0 * x1 + sin(2 x2) > 0]: a non-linear binary problem.
func toyClassification(rows: Int, seed: UInt64) -> LabeledSamples {
    var g = SeededGenerator(seed: seed)
    let x = Matrix(rows: rows, cols: 3, scalars: g.normals(rows * 3))
    let y = (0..<rows).map { r -> Float in x[r, 0] * x[r, 1] + Float(sin(2 * Double(x[r, 2]))) + 0.3 * x[r, 0] > 0 ? 1 : 0 }
    return LabeledSamples(features: x, targets: Matrix(column: y))
}

/// Central finite differences of `loss` with respect to `x`.
func numericalGradient(_ x: inout [Float], epsilon: Float = 1e-2, loss: ([Float]) -> Double) -> [Double] {
    var grad = [Double](repeating: 0, count: x.count)
    for i in x.indices {
        let saved = x[i]
        x[i] = saved + epsilon
        let plus = loss(x)
        x[i] = saved - epsilon
        let minus = loss(x)
        x[i] = saved
        grad[i] = (plus - minus) / (2 * Double(epsilon))
    }
    return grad
}

func maxRelativeError(_ analytic: [Float], _ numeric: [Double]) -> Double {
    zip(analytic, numeric).map { a, n in abs(Double(a) - n) / max(1e-2, abs(Double(a)) + abs(n)) }.max() ?? 0
}
