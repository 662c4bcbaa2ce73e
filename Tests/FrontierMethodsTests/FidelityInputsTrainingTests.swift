import Testing
import FrontierML
import FrontierSettings
@testable import FrontierMethods

@Suite("Fidelity on extra inputs")
struct FidelityInputsTrainingTests {
    /// Unlabelled rows below the labelled ones enter the fidelity loss only: the prediction
    /// loss is the labelled rows' alone and its gradient is zero on the extra rows.
    @Test("Extra rows count for fidelity only", arguments: [PredictionTask.binaryClassification, .multiclass(classes: 3)])
    func extraRowsAreFidelityOnly(task: PredictionTask) {
        var gen = SeededGenerator(seed: 8)
        let labelled = 5, extra = 4, k = task.outputWidth, n = labelled + extra
        let fRaw = Matrix(rows: n, cols: k, scalars: gen.normals(n * k))
        let gRaw = Matrix(rows: n, cols: k, scalars: gen.normals(n * k))
        let targets = Matrix(column: (0..<labelled).map { Float($0 % 2) })
        let losses = JointLosses(task: task, fidelitySpace: .auto)
        let all = losses.evaluate(fRaw: fRaw, gRaw: gRaw, targets: targets, wantGradient: true)
        let head = losses.evaluate(fRaw: fRaw.rows(0..<labelled), gRaw: gRaw.rows(0..<labelled), targets: targets,
                                   wantGradient: true)
        #expect(all.prediction == head.prediction)
        #expect(all.predictionGradientF!.rows(0..<labelled) == head.predictionGradientF!)
        #expect(all.predictionGradientF!.rows(labelled..<n).scalars.allSatisfy { $0 == 0 })
        #expect(all.fidelity != head.fidelity)
        #expect(all.fidelityGradientF!.rows(labelled..<n).scalars.contains { $0 != 0 })
    }

    /// The point of the setting: with few training points, f fitted to g on the batch alone
    /// matches g there and not between the points; comparing them on noisy copies too makes
    /// them agree on fresh points.
    @Test("Noisy fidelity inputs make f and g agree off the training points")
    func noiseLowersHeldOutDiscrepancy() {
        let train = toyClassification(rows: 40, seed: 11), fresh = toyClassification(rows: 2000, seed: 12)
        func heldOutDiscrepancy(_ inputs: FidelityInputs) -> Double {
            var initGenerator = SeededGenerator(seed: 13)
            let f = MLP(MLPArchitecture(inputWidth: 3, hiddenWidths: [64, 64], outputWidth: 1), generator: &initGenerator)
            let g = MLP(.linear(inputWidth: 3, outputWidth: 1), generator: &initGenerator)
            var objective = JointObjective(f: f, g: g, alpha: 0.1, task: .binaryClassification, fidelitySpace: .logits,
                                           fidelityInputs: FidelityInputStream(inputs, generator: SeededGenerator(seed: 14)),
                                           optimiser: Adam(learningRate: 0.01))
            for _ in 0..<400 { _ = objective.step(on: train, learningRate: 0.01) }
            let losses = JointLosses(task: .binaryClassification, fidelitySpace: .logits)
            return losses.values(f: objective.f, g: objective.g, on: fresh).fidelity
        }
        let onBatch = heldOutDiscrepancy(.batch), withNoise = heldOutDiscrepancy(.noise(sigma: 0.5))
        #expect(withNoise < onBatch / 2, "held-out logit discrepancy: batch \(onBatch), noise \(withNoise)")
    }

    @Test("fidelity_inputs reads, validates and encodes")
    func settings() throws {
        func read(_ yaml: String) throws -> JointMethod.Settings {
            try JointMethod.Settings.read(try SettingValue.parse(yaml: yaml), at: "settings")
        }
        #expect(try read("alpha: 0.1").surrogate.fidelityInputs == .batch)
        #expect(try read("fidelity_inputs: mixup").surrogate.fidelityInputs == .mixup)
        #expect(try read("fidelity_inputs: noise").surrogate.fidelityInputs == .noise(sigma: 0.5))
        #expect(try read("fidelity_inputs: noise\nfidelity_noise: 0.25").surrogate.fidelityInputs == .noise(sigma: 0.25))
        #expect(throws: SettingsError.self) { try read("fidelity_inputs: noise\nfidelity_noise: -1") }
        #expect(throws: SettingsError.self) { try read("fidelity_inputs: jitter") }
        let encoded = SettingValue.of(try read("fidelity_inputs: noise\nfidelity_noise: 0.25"))
        #expect(try JointMethod.Settings.read(encoded, at: "settings").surrogate.fidelityInputs == .noise(sigma: 0.25))
        let refusal = #expect(throws: SettingsError.self) { try read("fidelity_noise: 0.25") }
        #expect(refusal?.description.contains("settings.fidelity_noise") == true)
    }
}
