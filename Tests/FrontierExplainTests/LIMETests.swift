import Testing
import FrontierML
import FrontierMethods
@testable import FrontierExplain

@Suite("LIME")
struct LIMETests {
    /// The evaluation's use of `TabularLIME`: one generator shared by the rows in turn.
    func tabularLIME(_ lime: TabularLIME, rows: Matrix, model: NetworkModel, seed: UInt64) -> [LocalExplanation] {
        var g = SeededGenerator(seed: seed)
        return (0..<rows.rows).map { r in lime.explain(rows.row(r), model: { model.outputs($0).scalars }, generator: &g) }
    }

    @Test("The same attributions however the rows are batched", arguments: [2_500, 700])
    func batching(chunkRows: Int) throws {
        let model = randomNetwork(inputs: 9, hidden: [32, 16], task: .binaryClassification, activation: .relu, seed: 4)
        var g = SeededGenerator(seed: 30)
        let rows = randomMatrix(7, 9, &g)
        let context = sampleContext(randomMatrix(20, 9, &g))
        let lime = try LIME(settings: .init(samples: 1000, perturbationScale: 0.5))
        var a = SeededGenerator(seed: 12), b = SeededGenerator(seed: 12)
        let whole = try lime.explain(rows, model: model, context: context, generator: &a)
        let batched = try lime.explain(rows, model: model, context: context, generator: &b, chunkRows: chunkRows)
        #expect(whole.attributions == batched.attributions)
        #expect(batched.cost.usage.modelEvaluations == 7 * 1000)
    }

    @Test("Estimates the same local models as FrontierMethods's TabularLIME (other draws, same algorithm)")
    func agreesWithTabularLIME() throws {
        let model = randomNetwork(inputs: 9, hidden: [32, 16], task: .binaryClassification, activation: .relu, seed: 4)
        var g = SeededGenerator(seed: 30)
        let rows = randomMatrix(6, 9, &g)
        let old = tabularLIME(TabularLIME(samples: 20_000, perturbationScale: 0.5), rows: rows, model: model, seed: 12)
        var generator = SeededGenerator(seed: 13)
        let e = try LIME(settings: .init(samples: 20_000, perturbationScale: 0.5))
            .explain(rows, model: model, context: sampleContext(rows), generator: &generator)
        for r in 0..<rows.rows {
            let ours = e.attributions[0].values.row(r).map(Double.init), theirs = old[r].coefficients.map(Double.init)
            let size = theirs.map(abs).max()!
            let gap = zip(ours, theirs).map { abs($0 - $1) }.max()!
            #expect(gap < 0.1 * size, "row \(r): largest difference \(gap) against coefficients up to \(size)")
            #expect(abs(Double(e.attributions[0].baseValues![r] - old[r].intercept)) < 0.1 * max(size, 0.1))
        }
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
