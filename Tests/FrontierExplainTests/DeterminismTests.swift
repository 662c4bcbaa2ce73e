import Foundation
import Testing
import FrontierML
import FrontierSettings
@testable import FrontierExplain

@Suite("Determinism")
struct DeterminismTests {
    @Test("Every registered explainer gives the same attributions for the same seed", arguments: Explainers.registry.names)
    func sameSeedSameAttributions(name: String) throws {
        let model = randomNetwork(inputs: 14, hidden: [12], task: .multiclass(classes: 3), seed: 2)
        var g = SeededGenerator(seed: 9)
        let training = randomMatrix(60, 14, &g)
        let surrogate = try LinearModel(weights: randomMatrix(14, 3, &g), intercepts: [0, 1, 2])
        let context = try ExplanationContext(training: training, generator: SeededGenerator(seed: 1), linearModel: surrogate)
        let rows = randomMatrix(3, 14, &g)
        // Few KernelSHAP samples, so that the sampled path (14 > 12 varying features) is the one tested.
        let explainer = try Explainers.registry.make(name, settings: name == "kernelshap" ? .map(["samples": .number(64)]) : .null)
        var first = SeededGenerator(seed: 3), second = SeededGenerator(seed: 3)
        let a = try explainer.explain(rows, model: model, context: context, output: .all, generator: &first)
        let b = try explainer.explain(rows, model: model, context: context, output: .all, generator: &second)
        #expect(a.attributions == b.attributions)
        #expect(a.attributions.count == 3 && a.attributions.allSatisfy { $0.values.scalars.contains { $0 != 0 } })
    }
}
