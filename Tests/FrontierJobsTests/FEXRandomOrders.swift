import Foundation
import Testing
import FrontierData
import FrontierExplain
import FrontierML
import FrontierModels
@testable import FrontierJobs

/// The deletion and insertion AUC of random feature orders on a saved model's first test rows,
/// the floor FEX's curves are compared with in docs/results/fex.md (`frontier explain --metric`
/// gives the explainers' own). A measurement, not a check: prints, asserts nothing about the
/// values. Run with `FEX_MODEL=DIR [FEX_ROWS=200] FRONTIER_DATA=... swift test --filter FEXRandomOrders`.
@Suite("FEX random orders", .enabled(if: ProcessInfo.processInfo.environment["FEX_MODEL"] != nil))
struct FEXRandomOrders {
    @Test("Mean deletion and insertion AUC of 20 random orders, by feature and by group")
    func randomOrders() throws {
        let environment = ProcessInfo.processInfo.environment
        let (saved, _) = try SavedModel.read(from: environment["FEX_MODEL"]!)
        let count = Int(environment["FEX_ROWS"] ?? "200")!
        let loaded = try DatasetSource.read(saved.metadata.dataset.recipe, at: "recipe")
            .load(baseDirectory: environment["FRONTIER_DATA"] ?? "../shared/datasets")
        #expect(loaded.preprocessing == saved.metadata.preprocessing)
        let rows = loaded.dataset.test.features.gatherRows(0..<min(count, loaded.dataset.test.count))
        let network = try saved.explainableModel()
        let context = try saved.explanationContext()
        var outputsDraws = SeededGenerator(seed: 0)
        let outputs = try Saliency().explain(rows, model: network, context: context, generator: &outputsDraws).attributions[0].outputs
        for unit in AttributionCurveSettings.Unit.allCases {
            var deletion = 0.0, insertion = 0.0
            for i in 0..<20 {
                var draws = SeededGenerator(seed: UInt64(100 + i))
                // A uniform score per unit, shared by a group's features: read as selection
                // probabilities, groups rank by their mean, so every order of units is equally likely.
                let groups = context.featureGroups
                var values = Matrix(rows: rows.rows, cols: rows.cols)
                for r in 0..<rows.rows {
                    let scores = (0..<(unit == .group ? groups.count : rows.cols)).map { _ in Float(draws.nextUniform()) }
                    for f in 0..<rows.cols { values[r, f] = scores[unit == .group ? groups.groupOfFeature[f] : f] }
                }
                let random = Attributions(kind: .selectionProbability, values: values, outputs: outputs)
                let input = MetricInput(rows: rows, attributions: random)
                deletion += try DeletionAUC(validated: .init(unit: unit)).measure(input, model: network, context: context, generator: &draws).value
                insertion += try InsertionAUC(validated: .init(unit: unit)).measure(input, model: network, context: context, generator: &draws).value
            }
            print(String(format: "random orders (%@, %d rows, %d groups): deletion AUC %.4f, insertion AUC %.4f", unit.rawValue, rows.rows,
                         context.featureGroups.count, deletion / 20, insertion / 20))
        }
    }
}
