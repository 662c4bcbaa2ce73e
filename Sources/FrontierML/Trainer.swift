import FrontierSupport

/// Something the trainer can fit: a model (or several) with its loss and optimiser state.
///
/// Conforming types are value types, so the trainer snapshots the best epoch by
/// copying the objective, and restores it at the end (early stopping's
/// `restore_best_weights`).
public protocol TrainableObjective {
    /// One optimiser step on a mini-batch at the given learning rate; returns the batch loss.
    mutating func step(on batch: LabeledSamples, learningRate: Float) -> Float
    /// The loss on held-out samples, without updating anything.
    func loss(on samples: LabeledSamples) -> Float
    /// Called before each epoch's first step with the samples the epoch trains on (the
    /// training split without its validation rows). Default: nothing. An objective that
    /// refits part of its model on the whole training split between steps (the bi-level
    /// method's exact surrogate) does it here.
    mutating func beginEpoch(_ epoch: Int, training: LabeledSamples)
}

extension TrainableObjective {
    public mutating func beginEpoch(_ epoch: Int, training: LabeledSamples) {}
}

/// What happened in one epoch, reported to progress displays and kept in the history.
public struct EpochReport: Codable, Equatable, Sendable {
    public var epoch: Int
    public var maxEpochs: Int
    public var trainingLoss: Float
    public var validationLoss: Float
    public var learningRate: Float
    public var seconds: Double
    /// The validation loss improved on the best so far.
    public var improved: Bool
}

/// The course of one fit.
public struct TrainingHistory: Codable, Equatable, Sendable {
    public var epochs: [EpochReport] = []
    /// The epoch whose weights were kept (1-based).
    public var bestEpoch: Int = 0
    public var bestValidationLoss: Float = .infinity
    public var stoppedEarly = false
    public var cancelled = false
    public var seconds: Double = 0

    /// An empty history (a closed-form fit has no epochs).
    public init() {}
}

/// Whether training goes on after an epoch (progress handlers can cancel a run).
public enum TrainingControl: Sendable { case proceed, cancel }

/// The mini-batch training loop shared by every method: seeded shuffling,
/// a held-out validation split, early stopping with best-weight restore, and
/// reduce-on-plateau.
public struct Trainer: Sendable {
    public var schedule: TrainingSchedule

    public init(schedule: TrainingSchedule = .paper) {
        self.schedule = schedule
    }

    /// Splits `data` into training and validation parts (seeded).
    public func validationSplit(_ data: LabeledSamples, generator: SeededGenerator) -> (train: LabeledSamples, validation: LabeledSamples) {
        var g = generator.derived("validation-split")
        let order = g.permutation(data.count)
        let held = Int((Float(data.count) * schedule.validationFraction).rounded())
        guard held > 0, held < data.count else { return (data, data) }
        return (data.subset(order[held...]), data.subset(order[..<held]))
    }

    /// Fits `objective` on `data`. Returns the history; `objective` ends holding
    /// the weights of the best validation epoch.
    @discardableResult
    public func fit<Objective: TrainableObjective>(
        _ objective: inout Objective, on data: LabeledSamples, generator: SeededGenerator,
        onEpoch: (EpochReport) -> TrainingControl = { _ in .proceed }
    ) -> TrainingHistory {
        precondition(data.count > 0, "cannot train on an empty dataset")
        let start = ContinuousClock.now
        let (train, validation) = validationSplit(data, generator: generator)
        var shuffler = generator.derived("shuffle")
        var stopping = EarlyStopping<Objective>(patience: schedule.earlyStoppingPatience,
                                                minimumImprovement: schedule.stoppingMinimumImprovement)
        var plateau = PlateauScheduler(learningRate: schedule.learningRate, patience: schedule.plateauPatience,
                                       factor: schedule.plateauFactor,
                                       minimumLearningRate: schedule.minimumLearningRate,
                                       minimumImprovement: schedule.plateauMinimumImprovement)
        var history = TrainingHistory()
        let batch = schedule.batchSize
        for epoch in 1...schedule.maxEpochs {
            let epochStart = ContinuousClock.now
            let learningRate = plateau.learningRate
            objective.beginEpoch(epoch, training: train)
            let order = shuffler.permutation(train.count)
            var lossSum = 0.0
            var begin = 0
            while begin < order.count {
                let end = min(begin + batch, order.count)
                let samples = train.subset(order[begin..<end])
                lossSum += Double(objective.step(on: samples, learningRate: learningRate)) * Double(end - begin)
                begin = end
            }
            let validationLoss = objective.loss(on: validation)
            let previousBest = stopping.bestLoss
            let stop = stopping.record(epoch: epoch, loss: validationLoss) { objective }
            plateau.record(loss: validationLoss)
            let report = EpochReport(
                epoch: epoch, maxEpochs: schedule.maxEpochs, trainingLoss: Float(lossSum / Double(train.count)),
                validationLoss: validationLoss, learningRate: learningRate,
                seconds: (ContinuousClock.now - epochStart).seconds, improved: stopping.bestLoss < previousBest)
            history.epochs.append(report)
            if onEpoch(report) == .cancel { history.cancelled = true; break }
            if !validationLoss.isFinite { history.stoppedEarly = true; break }
            if stop { history.stoppedEarly = true; break }
        }
        if let best = stopping.best { objective = best }
        history.bestEpoch = stopping.bestEpoch
        history.bestValidationLoss = stopping.bestLoss
        history.seconds = (ContinuousClock.now - start).seconds
        return history
    }
}
