import Testing
@testable import FrontierML

/// Central finite differences of `loss` with respect to `x`, in place.
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

/// Largest relative error between analytic and numerical gradients.
func maxRelativeError(_ analytic: [Float], _ numeric: [Double]) -> Double {
    zip(analytic, numeric).map { a, n in abs(Double(a) - n) / max(1e-2, abs(Double(a)) + abs(n)) }.max() ?? 0
}

func randomMatrix(_ rows: Int, _ cols: Int, _ g: inout SeededGenerator, scale: Float = 1) -> Matrix {
    Matrix(rows: rows, cols: cols, scalars: g.normals(rows * cols, std: scale))
}

/// Sum of w_ij * output_ij: a loss whose gradient with respect to the output is w.
func weightedSum(_ m: Matrix, _ w: Matrix) -> Double {
    zip(m.scalars, w.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
}

@Suite("Gradient checks against finite differences")
struct GradientCheckTests {
    @Test("MLP parameter gradients", arguments: Activation.allCases)
    func parameterGradients(activation: Activation) {
        var g = SeededGenerator(seed: 7)
        let arch = MLPArchitecture(inputWidth: 4, hiddenWidths: [5, 3], outputWidth: 2, hiddenActivation: activation)
        var mlp = MLP(arch, generator: &g)
        let x = randomMatrix(6, 4, &g)
        let w = randomMatrix(6, 2, &g)
        var analytic = [Float]()
        mlp.backward(mlp.forward(x), outputGradient: w, into: &analytic)
        let params = mlp.parameters
        var p = params
        let numeric = numericalGradient(&p) { q in
            mlp.parameters = q
            return weightedSum(mlp(x), w)
        }
        mlp.parameters = params
        #expect(analytic.count == arch.parameterCount)
        #expect(maxRelativeError(analytic, numeric) < 2e-2, "activation \(activation)")
    }

    @Test("MLP input gradient", arguments: Activation.allCases)
    func inputGradient(activation: Activation) {
        var g = SeededGenerator(seed: 11)
        let arch = MLPArchitecture(inputWidth: 3, hiddenWidths: [6], outputWidth: 2, hiddenActivation: activation)
        let mlp = MLP(arch, generator: &g)
        let x = randomMatrix(4, 3, &g)
        let w = randomMatrix(4, 2, &g)
        let analytic = mlp.inputGradient(x, outputGradient: w)
        var xs = x.scalars
        let numeric = numericalGradient(&xs) { q in weightedSum(mlp(Matrix(rows: 4, cols: 3, scalars: q)), w) }
        #expect(maxRelativeError(analytic.scalars, numeric) < 2e-2)
    }

    @Test("Loss gradients", arguments: PredictionLoss.allCases)
    func lossGradient(loss: PredictionLoss) {
        var g = SeededGenerator(seed: 3)
        let n = 8
        let width = loss == .softmaxCrossEntropy ? 4 : (loss == .meanSquaredError ? 2 : 1)
        let output = randomMatrix(n, width, &g, scale: 2)
        let targets: Matrix
        switch loss {
        case .binaryCrossEntropy: targets = Matrix(column: (0..<n).map { Float($0 % 2) })
        case .softmaxCrossEntropy: targets = Matrix(column: (0..<n).map { Float($0 % 4) })
        default: targets = randomMatrix(n, 1, &g)
        }
        let (_, analytic) = loss.valueAndGradient(output: output, targets: targets)
        var o = output.scalars
        let numeric = numericalGradient(&o, epsilon: 1e-2) { q in
            Double(loss.value(output: Matrix(rows: n, cols: width, scalars: q), targets: targets))
        }
        #expect(maxRelativeError(analytic.scalars, numeric) < 1e-2, "loss \(loss)")
    }

    @Test("Output-link backpropagation", arguments: [PredictionTask.binaryClassification, .multiclass(classes: 3), .regression])
    func linkGradient(task: PredictionTask) {
        var g = SeededGenerator(seed: 5)
        let raw = randomMatrix(5, task.outputWidth, &g)
        let w = randomMatrix(5, task.outputWidth, &g)
        let analytic = OutputLink.backprop(linked: OutputLink.apply(raw, task: task), gradient: w, task: task)
        var r = raw.scalars
        let numeric = numericalGradient(&r) { q in
            weightedSum(OutputLink.apply(Matrix(rows: 5, cols: task.outputWidth, scalars: q), task: task), w)
        }
        #expect(maxRelativeError(analytic.scalars, numeric) < 1e-2)
    }

    @Test("Binary cross-entropy from logits stays finite for extreme logits")
    func stableCrossEntropy() {
        let logits = Matrix(column: [200, -200, 0])
        let targets = Matrix(column: [0, 1, 1])
        let (value, gradient) = PredictionLoss.binaryCrossEntropy.valueAndGradient(output: logits, targets: targets)
        #expect(value.isFinite)
        // (200 + 200 + log 2) / 3
        #expect(abs(value - Float((400 + 0.693147) / 3)) < 1e-3)
        #expect(gradient.scalars.allSatisfy { $0.isFinite })
        #expect(PredictionLoss.logCosh.value(output: Matrix(column: [1000]), targets: Matrix(column: [0])).isFinite)
    }
}
