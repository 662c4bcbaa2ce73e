import Testing
import FrontierML
import FrontierMethods
@testable import FrontierExplain

@Suite("LIME")
struct LIMETests {
    /// The evaluation's use of the old `TabularLIME`: one generator shared by the rows in turn.
    func oldLIME(_ lime: TabularLIME, rows: Matrix, model: NetworkModel, seed: UInt64) -> [LocalExplanation] {
        var g = SeededGenerator(seed: seed)
        return (0..<rows.rows).map { r in lime.explain(rows.row(r), model: { model.outputs($0).scalars }, generator: &g) }
    }

    @Test("Bit-identical to FrontierMethods's TabularLIME for a fixed seed, however the rows are batched",
          arguments: [MeteredModel.defaultChunkRows, 2_500, 700])
    func identicalToTabularLIME(chunkRows: Int) throws {
        let model = randomNetwork(inputs: 9, hidden: [32, 16], task: .binaryClassification, activation: .relu, seed: 4)
        var g = SeededGenerator(seed: 30)
        let rows = randomMatrix(7, 9, &g)
        let context = sampleContext(randomMatrix(20, 9, &g))
        let settings = LIME.Settings(samples: 1000, perturbationScale: 0.5, kernelWidth: nil, ridge: 1)
        let old = oldLIME(TabularLIME(samples: 1000, perturbationScale: 0.5), rows: rows, model: model, seed: 12)
        var generator = SeededGenerator(seed: 12)
        let e = try LIME(settings: settings).explain(rows, model: model, context: context, generator: &generator, chunkRows: chunkRows)
        let a = e.attributions[0]
        for r in 0..<rows.rows {
            #expect(Array(a.values.row(r)) == old[r].coefficients)
            #expect(a.baseValues![r] == old[r].intercept)
        }
        #expect(e.cost.usage.modelEvaluations == 7 * 1000)
    }

    @Test("Recovers the coefficients of a linear function")
    func linear() throws {
        let weights: [Float] = [1.5, -2, 0.25, 0, 3]
        let model = linearNetwork(weights, intercept: 0.7)
        var g = SeededGenerator(seed: 8)
        let rows = randomMatrix(3, 5, &g)
        let e = try LIME(settings: .init(samples: 2000)).explain(rows, model: model, context: sampleContext(rows), generator: &g)
        for r in 0..<3 {
            for (a, b) in zip(e.attributions[0].values.row(r), weights) { #expect(abs(a - b) < 0.02) }
            #expect(abs(e.attributions[0].baseValues![r] - 0.7) < 0.05)
        }
    }

    @Test("Explains each class of a multiclass model from the same perturbations")
    func multiclass() throws {
        let model = randomNetwork(inputs: 4, hidden: [8], task: .multiclass(classes: 3), seed: 2)
        var g = SeededGenerator(seed: 3)
        let rows = randomMatrix(2, 4, &g)
        var a = SeededGenerator(seed: 1), b = SeededGenerator(seed: 1)
        let all = try LIME().explain(rows, model: model, context: sampleContext(rows), output: .all, generator: &a)
        let second = try LIME().explain(rows, model: model, context: sampleContext(rows), output: .output(1), generator: &b)
        #expect(all.attributions.count == 3)
        #expect(all.attributions[1] == second.attributions[0])
        // Softmax outputs sum to one, so the local models' slopes sum to zero.
        for j in 0..<4 {
            #expect(abs((0..<3).reduce(Float(0)) { $0 + all.attributions[$1].values[0, j] }) < 1e-4)
        }
    }
}
