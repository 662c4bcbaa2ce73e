import Foundation
import Testing
import FrontierML
@testable import FrontierExplain

/// The regression network `f(x) = sum_h tanh(x_{relevant[h]})`: one tanh unit per relevant
/// feature, every other feature's weights zero, so f reads exactly `relevant` and each as much.
func plantedNetwork(width: Int, relevant: [Int]) -> NetworkModel {
    var f = MLP(MLPArchitecture(inputWidth: width, hiddenWidths: [relevant.count], outputWidth: 1, hiddenActivation: .tanh),
                parameters: [Float](repeating: 0, count: (width + 2) * relevant.count + 1))
    let layers = f.architecture.layout
    for (h, j) in relevant.enumerated() {
        f.parameters[layers[0].weights + j * relevant.count + h] = 1
        f.parameters[layers[1].weights + h] = 1
    }
    return try! NetworkModel(f: f, task: .regression)
}

/// The share of rows whose `k` most probable groups are exactly `expected`.
func topKHitRate(_ probabilities: Matrix, expected: Set<Int>) -> Double {
    let hits = (0..<probabilities.rows).filter { r in
        let row = Array(probabilities.row(r))
        return Set(row.indices.sorted { row[$0] > row[$1] }.prefix(expected.count)) == expected
    }
    return Double(hits.count) / Double(probabilities.rows)
}

@Suite("FEX on a planted model")
struct FEXPlantedTests {
    /// Removed features take a random training row's values (`sample`), so a relevant feature
    /// matters on every row, also where its value happens to be near the mean.
    @Test("f reads 3 of 10 features: FEX's 3 most probable features are those on at least 95% of unseen rows")
    func plantedTopThree() throws {
        let relevant = [1, 4, 7]
        let model = plantedNetwork(width: 10, relevant: relevant)
        var g = SeededGenerator(seed: 11)
        let training = randomMatrix(2000, 10, &g)
        let test = randomMatrix(300, 10, &g)
        var settings = FEXSettings()
        settings.baseline = .sample
        let result = try FEXTrainer(settings: settings).train(model: model, training: training, groups: .singletons(featureCount: 10),
                                                              generator: SeededGenerator(seed: 3))
        let p = result.policy.keepProbabilities(test, outputs: [Int](repeating: 0, count: test.rows))
        let rate = topKHitRate(p, expected: Set(relevant))
        #expect(rate >= 0.95, "top-3 hit rate \(rate)")
        // What f reads is kept far more often than not (0.83 measured); what it does not read is less
        // likely kept than not: the sparsity price against the entropy bonus, sigmoid(-0.02 / 0.1) = 0.45.
        let mean = (0..<10).map { j in p.column(j).reduce(0, +) / Float(p.rows) }
        #expect(relevant.allSatisfy { mean[$0] > 0.75 }, "\(mean)")
        #expect((0..<10).filter { !relevant.contains($0) }.allSatisfy { mean[$0] < 0.5 }, "\(mean)")
        #expect(result.history.epochs.count >= 2 && result.history.bestValidationScore > result.history.epochs[0].validationScore)
    }
}
