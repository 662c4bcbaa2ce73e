import Testing
@testable import FrontierML

@Suite("Optimiser and callbacks")
struct OptimiserTests {
    @Test("Adam's first step moves each parameter by lr * g / (|g| + eps)")
    func adamFirstStep() {
        var adam = Adam(learningRate: 0.1)
        var p: [Float] = [1, -2, 3]
        adam.update(&p, gradient: [0.5, -4, 0])
        #expect(abs(p[0] - 0.9) < 1e-5)
        #expect(abs(p[1] - (-1.9)) < 1e-5)
        #expect(p[2] == 3)
        #expect(adam.step == 1)
    }

    @Test("Adam minimises a quadratic")
    func adamQuadratic() {
        var adam = Adam(learningRate: 0.05)
        var p: [Float] = [5, -3]
        for _ in 0..<2000 { adam.update(&p, gradient: [2 * (p[0] - 1), 2 * (p[1] + 2)]) }
        #expect(abs(p[0] - 1) < 1e-2 && abs(p[1] + 2) < 1e-2)
    }

    @Test("Early stopping waits `patience` epochs and remembers the best")
    func earlyStopping() {
        var stopping = EarlyStopping<Int>(patience: 3)
        let losses: [Float] = [1, 0.5, 0.6, 0.7, 0.8, 0.1]
        var stoppedAt: Int?
        for (i, loss) in losses.enumerated() {
            if stopping.record(epoch: i + 1, loss: loss, snapshot: { i + 1 }) { stoppedAt = i + 1; break }
        }
        #expect(stoppedAt == 5)
        #expect(stopping.best == 2 && stopping.bestEpoch == 2 && stopping.bestLoss == 0.5)
    }

    @Test("Reduce-on-plateau cuts the rate after `patience` flat epochs")
    func plateau() {
        var plateau = PlateauScheduler(learningRate: 1e-3, patience: 1, factor: 0.1, minimumLearningRate: 1e-6)
        #expect(plateau.record(loss: 1.0) == 1e-3)
        #expect(plateau.record(loss: 0.5) == 1e-3)
        #expect(abs(plateau.record(loss: 0.5) - 1e-4) < 1e-9)
        #expect(abs(plateau.record(loss: 0.6) - 1e-5) < 1e-10)
        #expect(abs(plateau.record(loss: 0.7) - 1e-6) < 1e-11)
        #expect(abs(plateau.record(loss: 0.8) - 1e-6) < 1e-11)
    }

    @Test("A learning rate below the plateau's floor is kept, never raised to it (Keras)")
    func plateauNeverRaisesTheRate() {
        var plateau = PlateauScheduler(learningRate: 1e-8, patience: 1, factor: 0.1, minimumLearningRate: 1e-6)
        #expect(plateau.record(loss: 1.0) == 1e-8)
        #expect(plateau.record(loss: 1.0) == 1e-8)
        #expect(plateau.record(loss: 1.0) == 1e-8)
    }

    @Test("Schedule validation names the bad field")
    func scheduleValidation() {
        var s = TrainingSchedule.paper
        s.batchSize = 0
        #expect(throws: ScheduleError.self) { try s.validate() as Void }
        do { try s.validate() } catch { #expect(error.description.contains("batchSize")) }
    }
}
