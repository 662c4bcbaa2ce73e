import Foundation
import Testing
import FrontierML
import FrontierSettings
@testable import FrontierExplain

@Suite("Gradient explainers and the network model's input gradients")
struct GradientExplainerTests {
    @Test("Input gradients match finite differences on every scale and task",
          arguments: [(PredictionTask.binaryClassification, NetworkModel.Scale.output), (.binaryClassification, .raw),
                      (.multiclass(classes: 3), .output), (.regression, .output)])
    func finiteDifferences(task: PredictionTask, scale: NetworkModel.Scale) {
        let model = randomNetwork(inputs: 5, hidden: [7, 4], task: task, seed: 13, scale: scale)
        var g = SeededGenerator(seed: 2)
        let rows = randomMatrix(3, 5, &g)
        let weights = randomMatrix(3, task.outputWidth, &g)
        let analytic = model.inputGradients(rows, outputWeights: weights)
        let numeric = numericalGradient(rows.scalars) { x in
            let out = model.outputs(Matrix(rows: 3, cols: 5, scalars: x))
            return zip(out.scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        for (a, n) in zip(analytic.scalars, numeric) {
            #expect(abs(Double(a) - n) <= 2e-3 + 2e-2 * abs(n), "analytic \(a), numeric \(n)")
        }
    }

    @Test("MLP.inputGradient without parameter gradients equals the full backward pass's")
    func inputGradientOnly() {
        var g = SeededGenerator(seed: 5)
        let f = MLP(MLPArchitecture(inputWidth: 6, hiddenWidths: [9, 5], outputWidth: 2), generator: &g)
        let x = randomMatrix(4, 6, &g), w = randomMatrix(4, 2, &g)
        var scratch = [Float]()
        let full = f.backward(f.forward(x), outputGradient: w, into: &scratch, wantInputGradient: true)!
        #expect(f.inputGradient(x, outputGradient: w) == full)
    }

    @Test("Gradient, gradient x input and noiseless SmoothGrad agree with the model's gradient")
    func gradientFamily() throws {
        let model = randomNetwork(inputs: 6, hidden: [10], task: .binaryClassification, seed: 6)
        var g = SeededGenerator(seed: 7)
        let rows = randomMatrix(5, 6, &g)
        let context = sampleContext(randomMatrix(30, 6, &g))
        let gradient = model.inputGradients(rows, outputWeights: Matrix(rows: 5, cols: 1, repeating: 1))
        let saliency = try Saliency().explain(rows, model: model, context: context, generator: &g)
        #expect(saliency.attributions[0].values == gradient)
        #expect(saliency.cost.usage.gradientEvaluations == 5)
        let absolute = try Saliency(settings: .init(absolute: true)).explain(rows, model: model, context: context, generator: &g)
        #expect(absolute.attributions[0].values == gradient.map(abs))
        let times = try GradientTimesInput().explain(rows, model: model, context: context, generator: &g)
        for i in 0..<rows.count { #expect(times.attributions[0].values.scalars[i] == gradient.scalars[i] * rows.scalars[i]) }
        let still = try SmoothGrad(settings: .init(samples: 4, noise: 0)).explain(rows, model: model, context: context, generator: &g)
        for (a, b) in zip(still.attributions[0].values.scalars, gradient.scalars) { #expect(abs(a - b) < 1e-6) }
    }

    @Test("SmoothGrad of a linear model is its weights; on a curved one it averages the gradient over the noise")
    func smoothGrad() throws {
        var g = SeededGenerator(seed: 8)
        let weights: [Float] = [0.5, -1, 2]
        let rows = randomMatrix(4, 3, &g)
        let context = sampleContext(randomMatrix(30, 3, &g))
        let linear = try SmoothGrad(settings: .init(samples: 10, noise: 0.3))
            .explain(rows, model: linearNetwork(weights), context: context, generator: &g)
        for r in 0..<4 { for j in 0..<3 { #expect(abs(linear.attributions[0].values[r, j] - weights[j]) < 1e-5) } }
        #expect(linear.cost.usage.gradientEvaluations == 40)
        // f = sum x_j^3: E[3 (x + e)^2] = 3 x^2 + 3 sigma^2, sigma = 0.25 x the training range 2.
        let training = Matrix(rows: 2, cols: 3, scalars: [-1, -1, -1, 1, 1, 1])
        let cubic = try SmoothGrad(settings: .init(samples: 4000, noise: 0.25, noiseScale: .relative))
            .explain(rows, model: Cubic(width: 3), context: sampleContext(training), generator: &g)
        for r in 0..<4 {
            for j in 0..<3 {
                let expected = 3 * rows[r, j] * rows[r, j] + 3 * 0.25
                #expect(abs(cubic.attributions[0].values[r, j] - expected) < 0.1)
            }
        }
    }

    @Test("Integrated Gradients is complete to 1e-3 at 256 steps with both rules, on tanh and ReLU networks",
          arguments: [PathQuadrature.riemannTrapezoid, .gaussLegendre], [Activation.tanh, .relu])
    func completeness(method: PathQuadrature, activation: Activation) throws {
        let model = randomNetwork(inputs: 6, hidden: [16, 8], task: .binaryClassification, activation: activation, seed: 10)
        var g = SeededGenerator(seed: 11)
        let rows = randomMatrix(6, 6, &g, scale: 2)
        let context = sampleContext(randomMatrix(30, 6, &g))
        let ig = try IntegratedGradients(settings: .init(steps: 256, method: method, baseline: .mean))
        let e = try ig.explain(rows, model: model, context: context, generator: &g)
        let fx = model.outputs(rows)
        let baseline = model.outputs(Matrix(rows: 1, cols: 6, scalars: context.featureMeans))
        for r in 0..<6 {
            let sum = e.attributions[0].values.row(r).reduce(0.0) { $0 + Double($1) }
            #expect(abs(sum - (Double(fx[r, 0]) - Double(baseline[0, 0]))) < 1e-3)
            #expect(e.attributions[0].baseValues![r] == baseline[0, 0])
        }
        #expect(e.cost.usage.gradientEvaluations == 6 * 256)
    }

    @Test("Integrated Gradients of a linear model is w (x - baseline) exactly, for a given baseline")
    func integratedGradientsLinear() throws {
        let weights: [Float] = [1, -2, 0.5]
        var g = SeededGenerator(seed: 12)
        let rows = randomMatrix(3, 3, &g)
        let ig = try IntegratedGradients(tree: try SettingValue.parse(yaml: "{steps: 7, baseline: [1, 0, -1]}"), at: "")
        let e = try ig.explain(rows, model: linearNetwork(weights), context: sampleContext(rows), generator: &g)
        let base: [Float] = [1, 0, -1]
        for r in 0..<3 { for j in 0..<3 { #expect(abs(e.attributions[0].values[r, j] - weights[j] * (rows[r, j] - base[j])) < 1e-5) } }
    }

    @Test("Gauss-Legendre points integrate polynomials of degree 2n - 1 exactly; both rules' weights sum to 1")
    func quadrature() {
        for n in [1, 2, 5, 16] {
            let (points, weights) = PathQuadrature.gaussLegendre.rule(steps: n)
            #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
            for degree in 0...(2 * n - 1) {
                let integral = zip(points, weights).reduce(0.0) { $0 + $1.1 * pow($1.0, Double(degree)) }
                #expect(abs(integral - 1 / Double(degree + 1)) < 1e-12, "n \(n), degree \(degree)")
            }
        }
        let (points, weights) = PathQuadrature.riemannTrapezoid.rule(steps: 5)
        #expect(points == [0, 0.25, 0.5, 0.75, 1] && weights == [0.125, 0.25, 0.25, 0.25, 0.125])
    }
}

/// `f(x) = sum_j x_j^3`, with its exact gradient.
struct Cubic: ExplainableModel {
    let width: Int
    var inputWidth: Int { width }
    var outputWidth: Int { 1 }

    func outputs(_ rows: Matrix) -> Matrix {
        Matrix(column: (0..<rows.rows).map { r in rows.row(r).reduce(0) { $0 + $1 * $1 * $1 } })
    }

    func inputGradients(_ rows: Matrix, outputWeights: Matrix) -> Matrix {
        var g = rows
        for r in 0..<rows.rows { for j in 0..<width { g[r, j] = 3 * rows[r, j] * rows[r, j] * outputWeights[r, 0] } }
        return g
    }
}
