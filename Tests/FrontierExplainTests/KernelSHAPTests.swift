import Testing
import FrontierML
@testable import FrontierExplain

/// Shapley values by their definition: `phi_i = sum_{S without i} |S|! (M - |S| - 1)! / M!
/// (v(S + i) - v(S))` with `v(S) = sum_b w_b f(x_S, b_rest)`, over all 2^M coalitions.
func bruteForceShapley(_ model: NetworkModel, x: [Float], context: ExplanationContext, output k: Int) -> [Double] {
    let d = x.count, background = context.background, b = background.rows
    var synthetic = Matrix(rows: (1 << d) * b, cols: d)
    for s in 0..<(1 << d) {
        for r in 0..<b {
            for j in 0..<d { synthetic[s * b + r, j] = (s >> j) & 1 == 1 ? x[j] : background[r, j] }
        }
    }
    let out = model.outputs(synthetic)
    let value = (0..<(1 << d)).map { s in (0..<b).reduce(0.0) { $0 + context.backgroundWeights[$1] * Double(out[s * b + $1, k]) } }
    func factorial(_ n: Int) -> Double { n < 2 ? 1 : (2...n).reduce(1.0) { $0 * Double($1) } }
    return (0..<d).map { i in
        (0..<(1 << d)).filter { ($0 >> i) & 1 == 0 }.reduce(0.0) { sum, s in
            let size = s.nonzeroBitCount
            return sum + factorial(size) * factorial(d - size - 1) / factorial(d) * (value[s | (1 << i)] - value[s])
        }
    }
}

@Suite("KernelSHAP")
struct KernelSHAPTests {
    let model = randomNetwork(inputs: 8, hidden: [16, 8], task: .binaryClassification, seed: 3)

    func setting() -> (rows: Matrix, context: ExplanationContext) {
        var g = SeededGenerator(seed: 21)
        let training = randomMatrix(200, 8, &g)
        let context = try! ExplanationContext(training: training, background: BackgroundSettings(kind: .kmeans, size: 6, roundValues: false),
                                              generator: SeededGenerator(seed: 2))
        return (randomMatrix(4, 8, &g, scale: 1.5), context)
    }

    @Test("Exact enumeration (D = 8) gives the Shapley values within 1e-3 of their definition")
    func exactOnNonLinearModel() throws {
        let (rows, context) = setting()
        var g = SeededGenerator(seed: 1)
        let e = try KernelSHAP().explain(rows, model: model, context: context, generator: &g)
        for r in 0..<rows.rows {
            let exact = bruteForceShapley(model, x: Array(rows.row(r)), context: context, output: 0)
            #expect(maxAbsDifference(Array(e.attributions[0].values.row(r)), exact) < 1e-3)
            #expect(exact.map(abs).max()! > 1e-2, "the model must depend on the features for the test to mean anything")
        }
    }

    @Test("shap's sampling scheme with the full budget enumerates every coalition: exact again")
    func sampledSchemeWithFullBudget() throws {
        let (rows, context) = setting()
        var g = SeededGenerator(seed: 1)
        let e = try KernelSHAP(settings: .init(samples: 254, exactUpTo: 0)).explain(rows, model: model, context: context, generator: &g)
        for r in 0..<rows.rows {
            let exact = bruteForceShapley(model, x: Array(rows.row(r)), context: context, output: 0)
            #expect(maxAbsDifference(Array(e.attributions[0].values.row(r)), exact) < 1e-3)
        }
    }

    @Test("With fewer coalitions than exist: additive to f(x) - E f(background), close to exact")
    func sampledIsAdditive() throws {
        let (rows, context) = setting()
        var g = SeededGenerator(seed: 1)
        let e = try KernelSHAP(settings: .init(samples: 120, exactUpTo: 0)).explain(rows, model: model, context: context, generator: &g)
        let fx = model.outputs(rows)
        let background = model.outputs(context.background)
        let base = (0..<background.rows).reduce(0.0) { $0 + context.backgroundWeights[$1] * Double(background[$1, 0]) }
        for r in 0..<rows.rows {
            let a = e.attributions[0]
            #expect(abs(Double(a.baseValues![r]) - base) < 1e-6)
            let sum = a.values.row(r).reduce(0.0) { $0 + Double($1) }
            #expect(abs(sum - (Double(fx[r, 0]) - base)) < 1e-5)
            let exact = bruteForceShapley(model, x: Array(rows.row(r)), context: context, output: 0)
            #expect(maxAbsDifference(Array(a.values.row(r)), exact) < 0.1 * exact.map(abs).max()!)
        }
    }

    @Test("On a linear model (D = 20, sampled) the values are w_i (x_i - E x_i)")
    func linearModel() throws {
        var g = SeededGenerator(seed: 9)
        let weights = g.normals(20)
        let model = linearNetwork(weights, intercept: 0.4)
        let training = randomMatrix(300, 20, &g)
        let context = try ExplanationContext(training: training, background: BackgroundSettings(kind: .kmeans, size: 12),
                                             generator: SeededGenerator(seed: 3))
        let rows = randomMatrix(5, 20, &g)
        let e = try KernelSHAP().explain(rows, model: model, context: context, generator: &g)
        for j in 0..<20 {
            let mean = (0..<context.background.rows).reduce(0.0) { $0 + context.backgroundWeights[$1] * Double(context.background[$1, j]) }
            for r in 0..<5 {
                let expected = Double(weights[j]) * (Double(rows[r, j]) - mean)
                #expect(abs(Double(e.attributions[0].values[r, j]) - expected) < 1e-4)
            }
        }
    }

    @Test("A feature equal to the row in every background row gets 0 and costs no coalitions")
    func nonVaryingFeature() throws {
        var g = SeededGenerator(seed: 4)
        var training = randomMatrix(50, 8, &g)
        for r in 0..<50 { training[r, 2] = 1 }
        let context = sampleContext(training, size: 5)
        var rows = randomMatrix(2, 8, &g)
        rows[0, 2] = 1
        rows[1, 2] = 0
        let e = try KernelSHAP().explain(rows, model: model, context: context, generator: &g)
        #expect(e.attributions[0].values[0, 2] == 0)
        #expect(e.attributions[0].values[1, 2] != 0)
        // Background, rows, then 2^7 - 2 coalitions for row 0 and 2^8 - 2 for row 1, five background rows each.
        #expect(e.cost.usage.modelEvaluations == 5 + 2 + (126 + 254) * 5)
    }

    @Test("Explaining every class of a softmax model: the classes' values sum to zero per feature")
    func multiclass() throws {
        let model = randomNetwork(inputs: 5, hidden: [8], task: .multiclass(classes: 3), seed: 8)
        var g = SeededGenerator(seed: 6)
        let context = sampleContext(randomMatrix(40, 5, &g), size: 8)
        let rows = randomMatrix(3, 5, &g)
        let e = try KernelSHAP().explain(rows, model: model, context: context, output: .all, generator: &g)
        #expect(e.attributions.count == 3 && e.attributions.map(\.outputs) == [[0, 0, 0], [1, 1, 1], [2, 2, 2]])
        for r in 0..<3 {
            for j in 0..<5 {
                let sum = (0..<3).reduce(0.0) { $0 + Double(e.attributions[$1].values[r, j]) }
                #expect(abs(sum) < 1e-5)
            }
        }
        let predicted = try KernelSHAP().explain(rows, model: model, context: context, generator: &g)
        #expect(predicted.attributions[0].outputs == Metrics.argmaxLabels(model.outputs(rows)))
    }

    @Test("The same seed gives the same sampled values, another seed other values")
    func determinism() throws {
        let (rows, context) = setting()
        let shap = try KernelSHAP(settings: .init(samples: 60, exactUpTo: 0))
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7), c = SeededGenerator(seed: 8)
        let first = try shap.explain(rows, model: model, context: context, generator: &a)
        let second = try shap.explain(rows, model: model, context: context, generator: &b)
        let other = try shap.explain(rows, model: model, context: context, generator: &c)
        #expect(first.attributions == second.attributions)
        #expect(first.attributions != other.attributions)
    }

    @Test("shap's budget: 2M + 2048 by default, capped at the 2^M - 2 coalitions there are")
    func coalitionBudget() {
        var g = SeededGenerator(seed: 1)
        let plan = ShapleyCoalitions.sampled(players: 40, budget: 2 * 40 + 2048, generator: &g)
        #expect(plan.count == 2128)
        // Sizes 1 and 39 are enumerated first (80 coalitions) with the kernel's exact weight.
        #expect((0..<80).allSatisfy { c in [1, 39].contains(plan.mask(c).reduce(0) { $0 + Int($1) }) })
        #expect(abs(plan.weights.reduce(0, +) - 1) < 1e-9)
        let exhaustive = ShapleyCoalitions.exhaustive(players: 5)
        #expect(exhaustive.count == 30)
    }
}
