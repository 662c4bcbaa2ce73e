import Foundation
import Testing
import FrontierML
@testable import FrontierMethods

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
