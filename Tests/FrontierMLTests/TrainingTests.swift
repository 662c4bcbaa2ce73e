import Foundation
import Testing
@testable import FrontierML

/// y = sin(2 x0) + x1 * x2 on a seeded sample: non-linear, learnable by a small MLP.
func toyRegression(rows: Int, seed: UInt64) -> LabeledSamples {
    var g = SeededGenerator(seed: seed)
    let x = Matrix(rows: rows, cols: 3, scalars: g.normals(rows * 3))
    let y = (0..<rows).map { r in Float(sin(2 * Double(x[r, 0]))) + x[r, 1] * x[r, 2] }
    return LabeledSamples(features: x, targets: Matrix(column: y))
}

@Suite("Training loop")
struct TrainingTests {
    func fit(seed: UInt64, epochs: Int = 15) -> (SupervisedObjective, TrainingHistory) {
        let data = toyRegression(rows: 400, seed: 99)
        var init_ = SeededGenerator(seed: seed).derived("init")
        let arch = MLPArchitecture(inputWidth: 3, hiddenWidths: [32, 16], outputWidth: 1)
        var objective = SupervisedObjective(model: MLP(arch, generator: &init_), loss: .meanSquaredError,
                                            optimiser: Adam(learningRate: 1e-2))
        let schedule = TrainingSchedule(maxEpochs: epochs, batchSize: 32, learningRate: 1e-2, earlyStoppingPatience: 5,
                                        plateauPatience: 2, plateauFactor: 0.5)
        let history = Trainer(schedule: schedule).fit(&objective, on: data, generator: SeededGenerator(seed: seed))
        return (objective, history)
    }

    @Test("The loss decreases on synthetic data")
    func lossDecreases() {
        let (objective, history) = fit(seed: 1)
        let first = history.epochs.first!.trainingLoss
        let best = history.bestValidationLoss
        #expect(best < 0.5 * first, "validation loss \(best) vs first training loss \(first)")
        let test = toyRegression(rows: 200, seed: 5)
        #expect(objective.loss(on: test) < 0.5 * PredictionLoss.meanSquaredError.value(
            output: Matrix(rows: 200, cols: 1), targets: test.targets))
    }

    @Test("One seed gives the same run twice; another seed gives another")
    func determinism() {
        let (a, ha) = fit(seed: 42, epochs: 3)
        let (b, hb) = fit(seed: 42, epochs: 3)
        let (c, _) = fit(seed: 43, epochs: 3)
        #expect(a.model.parameters == b.model.parameters)
        #expect(ha.epochs.map(\.trainingLoss) == hb.epochs.map(\.trainingLoss))
        #expect(a.model.parameters != c.model.parameters)
    }

    @Test("Early stopping restores the best epoch's weights")
    func restoresBest() {
        let (objective, history) = fit(seed: 3, epochs: 12)
        let data = toyRegression(rows: 400, seed: 99)
        let (_, validation) = Trainer(schedule: TrainingSchedule(validationFraction: 0.1))
            .validationSplit(data, generator: SeededGenerator(seed: 3))
        #expect(abs(objective.loss(on: validation) - history.bestValidationLoss) < 1e-6)
    }

    @Test("A progress handler can cancel training")
    func cancel() {
        let data = toyRegression(rows: 100, seed: 1)
        var g = SeededGenerator(seed: 1)
        var objective = SupervisedObjective(model: MLP(.linear(inputWidth: 3, outputWidth: 1), generator: &g),
                                            loss: .meanSquaredError)
        let history = Trainer(schedule: TrainingSchedule(maxEpochs: 50)).fit(&objective, on: data, generator: g) {
            $0.epoch == 2 ? .cancel : .proceed
        }
        #expect(history.cancelled && history.epochs.count == 2)
    }
}
