import Foundation
import Testing
@testable import FrontierML

@Suite("Multi-output least squares and the trainer's epoch hook")
struct MultiOutputLeastSquaresTests {
    @Test("Each output equals the single-output ridge fit, and its residual is orthogonal to every feature")
    func matchesRidge() {
        var g = SeededGenerator(seed: 5)
        let (n, d, k) = (200, 4, 3)
        let x = Matrix(rows: n, cols: d, scalars: g.normals(n * d, std: 1.5))
        let targets = Matrix(rows: n, cols: k, scalars: (0..<(n * k)).map { i in
            Float(i % k) + x.scalars[(i / k) * d + i % k] * 2 - x.scalars[(i / k) * d + 3] + 0.1 * Float(g.nextNormal())
        })
        let fits = LinearFit.leastSquares(x, targets: targets)
        #expect(fits.count == k)
        for c in 0..<k {
            let column = (0..<n).map { Double(targets[$0, c]) }
            let single = LinearFit.ridge(x, column, ridge: 0)
            #expect(zip(fits[c].weights, single.weights).allSatisfy { abs($0 - $1) < 1e-6 })
            #expect(abs(fits[c].intercept - single.intercept) < 1e-6)
            let residual = (0..<n).map { column[$0] - fits[c].predict(x.row($0)) }
            #expect(abs(residual.reduce(0, +)) < 1e-6 * Double(n))
            for j in 0..<d {
                let dot = (0..<n).map { residual[$0] * Double(x[$0, j]) }.reduce(0, +)
                #expect(abs(dot) < 1e-6 * Double(n), "output \(c), feature \(j): residual . x = \(dot)")
            }
        }
        // The model computes output c with fit c.
        let model = LinearFit.model(fits, .linear(inputWidth: d, outputWidth: k))
        let out = model(x)
        for i in [0, 17, 199] { for c in 0..<k { #expect(abs(Double(out[i, c]) - fits[c].predict(x.row(i))) < 1e-4) } }
    }

    @Test("A constant column and a duplicated column still solve (minimum-norm-like jitter)")
    func rankDeficient() {
        var g = SeededGenerator(seed: 6)
        let n = 50
        var x = Matrix(rows: n, cols: 3)
        for i in 0..<n {
            let v = Float(g.nextNormal())
            x[i, 0] = v; x[i, 1] = v; x[i, 2] = 0
        }
        let y = Matrix(column: (0..<n).map { 3 * x[$0, 0] + 1 })
        let fit = LinearFit.leastSquares(x, targets: y)[0]
        #expect(fit.weights.allSatisfy { $0.isFinite })
        #expect(abs(fit.weights[0] + fit.weights[1] - 3) < 1e-4 && abs(fit.intercept - 1) < 1e-4)
    }

    /// Records what the trainer tells it.
    struct Recorder: TrainableObjective {
        var epochs: [Int] = []
        var rows: [Int] = []
        var stepsBeforeEpoch: [Int] = []
        var steps = 0
        mutating func step(on batch: LabeledSamples, learningRate: Float) -> Float { steps += 1; return 1 }
        /// Falls every epoch, so early stopping keeps the last epoch's copy.
        func loss(on samples: LabeledSamples) -> Float { Float(1000 - steps) }
        mutating func beginEpoch(_ epoch: Int, training: LabeledSamples) {
            epochs.append(epoch)
            rows.append(training.count)
            stepsBeforeEpoch.append(steps)
        }
    }

    @Test("beginEpoch runs before each epoch's steps with the training rows, validation rows held out")
    func epochHook() {
        let data = LabeledSamples(features: Matrix(rows: 100, cols: 1), targets: Matrix(rows: 100, cols: 1))
        var recorder = Recorder()
        Trainer(schedule: TrainingSchedule(maxEpochs: 3, batchSize: 10, validationFraction: 0.2))
            .fit(&recorder, on: data, generator: SeededGenerator(seed: 1))
        #expect(recorder.epochs == [1, 2, 3] && recorder.rows == [80, 80, 80] && recorder.stepsBeforeEpoch == [0, 8, 16])
    }
}
