import Foundation
import Testing
import FrontierML
import FrontierSettings
@testable import FrontierExplain

/// Settings for a quick training: a few epochs of small rollouts.
func quickFEXSettings(epochs: Int = 3) -> FEXSettings {
    var settings = FEXSettings()
    settings.maxEpochs = epochs
    settings.rowsPerBatch = 64
    settings.hiddenWidths = [16]
    return settings
}

@Suite("FEX training and explaining")
struct FEXTests {
    let model = randomNetwork(inputs: 6, hidden: [8], task: .multiclass(classes: 3), seed: 4)
    let groups = try! FeatureGroups.inferred(featureNames: ["a", "b", "c=x", "c=y", "c=z", "d"])

    func training(_ count: Int = 200) -> Matrix {
        var g = SeededGenerator(seed: 8)
        return randomMatrix(count, 6, &g)
    }

    @Test("The same seed gives the same policy, history and attributions; another seed another policy")
    func determinism() throws {
        let trainer = try FEXTrainer(settings: quickFEXSettings())
        let rows = training()
        let a = try trainer.train(model: model, training: rows, groups: groups, generator: SeededGenerator(seed: 1))
        let b = try trainer.train(model: model, training: rows, groups: groups, generator: SeededGenerator(seed: 1))
        let c = try trainer.train(model: model, training: rows, groups: groups, generator: SeededGenerator(seed: 2))
        #expect(a.policy == b.policy)
        #expect(a.history.epochs.map(\.validationScore) == b.history.epochs.map(\.validationScore))
        #expect(a.history.epochs.map(\.trainingScore) == b.history.epochs.map(\.trainingScore))
        #expect(a.policy != c.policy)
        var g1 = SeededGenerator(seed: 5), g2 = SeededGenerator(seed: 6)
        let context = sampleContext(rows)
        let x = rows.rows(0..<10)
        let e1 = try FEX(policy: a.policy).explain(x, model: model, context: context, generator: &g1)
        let e2 = try FEX(policy: b.policy).explain(x, model: model, context: context, generator: &g2)
        #expect(e1.attributions == e2.attributions)
    }

    @Test("The progress callback sees every epoch and can cancel; the best epoch's policy is kept")
    func progressAndCancel() throws {
        var seen: [Int] = []
        let result = try FEXTrainer(settings: quickFEXSettings(epochs: 10))
            .train(model: model, training: training(), groups: groups, generator: SeededGenerator(seed: 1)) { report in
                seen.append(report.epoch)
                return report.epoch == 2 ? .cancel : .proceed
            }
        #expect(seen == [1, 2])
        #expect(result.history.cancelled && !result.history.stoppedEarly && result.history.epochs.count == 2)
        let best = result.history.epochs.max { $0.validationScore < $1.validationScore }!
        #expect(result.history.bestEpoch == best.epoch)
        #expect(abs(result.history.bestValidationScore - best.validationScore) < 1e-6)
        // Every epoch scores K masks for each training row, and K for each validation row.
        #expect(result.history.epochs[0].modelEvaluations == 200 + 8 * 200)
        #expect(result.history.usage.modelEvaluations == 200 + 2 * 8 * 200)
    }

    @Test("Early stopping ends training `patience` epochs after the best one")
    func earlyStopping() throws {
        var settings = quickFEXSettings(epochs: 200)
        settings.patience = 2
        settings.learningRate = 0.01
        let result = try FEXTrainer(settings: settings).train(model: model, training: training(), groups: groups,
                                                              generator: SeededGenerator(seed: 1))
        #expect(result.history.stoppedEarly)
        #expect(result.history.epochs.count == result.history.bestEpoch + 2)
        #expect(result.history.epochs.last!.improved == false)
    }

    @Test("The trained explainer: one forward pass, no model evaluations, a group's probability on each of its features")
    func explaining() throws {
        let rows = training()
        let result = try FEXTrainer(settings: quickFEXSettings()).train(model: model, training: rows, groups: groups,
                                                                        generator: SeededGenerator(seed: 1))
        let explainer = FEX(policy: result.policy)
        var g = SeededGenerator(seed: 2)
        let e = try explainer.explain(rows.rows(0..<20), model: model, context: sampleContext(rows), output: .all, generator: &g)
        #expect(e.cost.usage.modelEvaluations == 0 && e.cost.usage.gradientEvaluations == 0)
        #expect(e.attributions.count == 3 && e.attributions.allSatisfy { $0.kind == .selectionProbability })
        for (k, a) in e.attributions.enumerated() {
            #expect(a.outputs == [Int](repeating: k, count: 20) && a.baseValues == nil)
            #expect(a.values.scalars.allSatisfy { $0 > 0 && $0 < 1 })
            for r in 0..<20 { #expect(a.values[r, 2] == a.values[r, 3] && a.values[r, 3] == a.values[r, 4]) }
        }
        // Each head is its own explanation.
        #expect(e.attributions[0].values != e.attributions[1].values)
        let p = result.policy.keepProbabilities(rows.rows(0..<20), outputs: [Int](repeating: 1, count: 20))
        #expect(e.attributions[1].values[7, 5] == p[7, 3])
    }

    @Test("Made from settings (the registry), fex trains on the context's rows and counts that training's model evaluations")
    func untrainedFromRegistry() throws {
        let rows = training()
        let explainer = try Explainers.registry.make("fex", settings: quickFEXSettings().tree)
        var g = SeededGenerator(seed: 2)
        let context = try ExplanationContext(training: rows, generator: SeededGenerator(seed: 1), featureGroups: groups)
        let e = try explainer.explain(rows.rows(0..<5), model: model, context: context, generator: &g)
        // 5 to resolve the predicted classes, 200 predictions, 3 epochs of 8 masks for all 200 rows.
        #expect(e.cost.usage.modelEvaluations == 5 + 200 + 3 * 8 * 200)
        let parts = try ExplanationContext(background: rows, featureMeans: [Float](repeating: 0, count: 6),
                                           featureMinimums: [Float](repeating: -1, count: 6),
                                           featureMaximums: [Float](repeating: 1, count: 6))
        #expect(throws: ExplainError.self) { try explainer.explain(rows.rows(0..<5), model: model, context: parts, generator: &g) }
    }

    @Test("A policy for another model is refused")
    func mismatchedPolicy() throws {
        let rows = training()
        let result = try FEXTrainer(settings: quickFEXSettings(epochs: 1)).train(model: model, training: rows, groups: groups,
                                                                                 generator: SeededGenerator(seed: 1))
        let binary = randomNetwork(inputs: 6, hidden: [8], task: .binaryClassification)
        var g = SeededGenerator(seed: 2)
        #expect(throws: ExplainError.self) {
            try FEX(policy: result.policy).explain(rows.rows(0..<2), model: binary, context: sampleContext(rows), generator: &g)
        }
    }

    @Test("A policy survives a JSON round trip (snake_case keys); a file with the wrong parameter count is refused")
    func policyJSON() throws {
        let rows = training()
        let policy = try FEXTrainer(settings: quickFEXSettings(epochs: 1)).train(model: model, training: rows, groups: groups,
                                                                                 generator: SeededGenerator(seed: 1)).policy
        let data = try JSONEncoder().encode(policy)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"hidden_widths\":[16]") && text.contains("\"output_count\":3"))
        let decoded = try JSONDecoder().decode(FEXPolicy.self, from: data)
        #expect(decoded == policy)
        #expect(decoded.attributions(rows, outputs: [Int](repeating: 2, count: rows.rows))
                == policy.attributions(rows, outputs: [Int](repeating: 2, count: rows.rows)))
        let truncated = text.replacingOccurrences(of: "\"parameters\":[", with: "\"parameters\":[1,")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(FEXPolicy.self, from: Data(truncated.utf8)) }
    }

    @Test("Bad settings are refused with the field's path; lists and choices read from a tree")
    func settings() throws {
        let fex = try FEX(tree: try SettingValue.parse(yaml: "{sparsity: 0.5, hidden_widths: [32, 16], baseline: sample, max_gradient_norm: 0}"), at: "")
        #expect(fex.settings.sparsity == 0.5 && fex.settings.hiddenWidths == [32, 16] && fex.settings.baseline == .sample)
        #expect(fex.settings.maxGradientNorm == 0)
        for (yaml, message) in [
            ("{clip_range: 1.5}", "fex.clip_range: must lie in (0, 1) (got 1.5)"),
            ("{masks_per_row: 1}", "fex.masks_per_row: must be at least 2"),
            ("{baseline: median}", "fex.baseline"),
            ("{lambda: 1}", "fex.lambda: unknown field"),
            ("{minibatches: 500}", "fex.minibatches: must lie in 1...rows_per_batch (256)"),
        ] {
            do {
                _ = try Explainers.registry.make("fex", settings: try SettingValue.parse(yaml: yaml), at: "fex")
                Issue.record("fex accepted \(yaml)")
            } catch {
                #expect(error.description.hasPrefix(message), "\(error)")
            }
        }
    }
}

@Suite("FEX's mask score")
struct MaskScoreTests {
    let model = linearNetwork([1, 2, 3, 4])
    let groups = try! FeatureGroups(names: ["a", "bc", "d"], members: [[0], [1, 2], [3]], featureCount: 4)
    let rows = Matrix([[1, 1, 1, 1]])

    @Test("Removed groups take the mean; the score is the output minus lambda |m| / G")
    func meanBaseline() {
        let scorer = MaskScorer(groups: groups, baseline: .mean, means: [0, 0.5, 0.5, 0], pool: rows, sparsity: 0.3,
                                closenessWidth: nil)
        var metered = MeteredModel(model)
        var g = SeededGenerator(seed: 1)
        let masks = Matrix([[1, 1, 1], [1, 0, 1], [0, 0, 0]])
        let s = scorer.scores(rows, masks: masks, outputs: [0], predictions: [10], model: &metered, generator: &g)
        // f = x . (1, 2, 3, 4): all kept 10; without b, c: 1 + 1 + 1.5 + 4 = 7.5; nothing kept 2.5.
        #expect(abs(s[0] - (10 - 0.3)) < 1e-6 && abs(s[1] - (7.5 - 0.2)) < 1e-6 && abs(s[2] - 2.5) < 1e-6)
        #expect(metered.usage.modelEvaluations == 3)
    }

    @Test("With the sample baseline removed groups come from training rows; closeness scores a value's distance")
    func sampleBaselineAndCloseness() {
        let pool = Matrix([[5, 5, 5, 1.5], [7, 7, 7, 0]])
        let scorer = MaskScorer(groups: groups, baseline: .sample, means: [0, 0, 0, 0], pool: pool, sparsity: 0,
                                closenessWidth: 2)
        var metered = MeteredModel(model)
        var g = SeededGenerator(seed: 1)
        let masks = Matrix(rows: 64, cols: 3, scalars: (0..<64).flatMap { _ in [Float](arrayLiteral: 1, 1, 0) })
        let s = scorer.scores(Matrix(rows: 1, cols: 4, scalars: [1, 1, 1, 1]), masks: masks, outputs: [0], predictions: [10],
                              model: &metered, generator: &g)
        // d replaced by 1.5 or 0: f = 6 + 6 or 6, 2 or 4 from f(x) = 10, closeness exp(-gap^2 / (2 w^2)), w = 2.
        let expected = [Foundation.exp(-4.0 / 8), Foundation.exp(-16.0 / 8)]
        #expect(s.allSatisfy { v in expected.contains { abs($0 - v) < 1e-9 } })
        #expect(Set(s).count == 2)
    }
}
