import Testing
import FrontierML
@testable import FrontierExplain

@Suite("The linear model explainer")
struct LinearExplainerTests {
    @Test("Global form: the surrogate's coefficients for every row; local: coefficient x (x - mean), adding up to g(x)")
    func forms() throws {
        var g = SeededGenerator(seed: 3)
        let f = randomNetwork(inputs: 4, hidden: [6], task: .binaryClassification)
        let surrogate = MLP(.linear(inputWidth: 4, outputWidth: 1), parameters: [0.5, -1, 2, 0, 0.25])
        let training = randomMatrix(50, 4, &g)
        let context = sampleContext(training, linearModel: try LinearModel(network: surrogate))
        let rows = randomMatrix(3, 4, &g)
        let global = try LinearExplainer(settings: .init(form: .global)).explain(rows, model: f, context: context, generator: &g)
        #expect(global.attributions[0].kind == .slope)
        for r in 0..<3 { #expect(Array(global.attributions[0].values.row(r)) == [0.5, -1, 2, 0]) }
        #expect(global.cost.usage.modelEvaluations == 0 && global.cost.usage.gradientEvaluations == 0)
        let local = try LinearExplainer().explain(rows, model: f, context: context, generator: &g)
        let a = local.attributions[0]
        #expect(a.kind == .contribution)
        let raw = surrogate(rows)
        for r in 0..<3 {
            for j in 0..<4 { #expect(abs(a.values[r, j] - surrogate.parameters[j] * (rows[r, j] - context.featureMeans[j])) < 1e-6) }
            #expect(abs(a.values.row(r).reduce(a.baseValues![r], +) - raw[r, 0]) < 1e-5)
        }
    }

    @Test("Without a surrogate it reads a linear model's own coefficients, and refuses a deep one")
    func ownCoefficients() throws {
        var g = SeededGenerator(seed: 4)
        let rows = randomMatrix(2, 3, &g)
        let e = try LinearExplainer(settings: .init(form: .global))
            .explain(rows, model: linearNetwork([1, 2, 3]), context: sampleContext(rows), generator: &g)
        #expect(Array(e.attributions[0].values.row(1)) == [1, 2, 3])
        let deep = randomNetwork(inputs: 3, hidden: [4], task: .regression)
        #expect(throws: ExplainError.self) { try LinearExplainer().explain(rows, model: deep, context: sampleContext(rows), generator: &g) }
    }
}
