/// How a model is fitted: epochs, batches, learning rate and the two callbacks
/// of the paper's recipe (early stopping, reduce-learning-rate-on-plateau).
public struct TrainingSchedule: Codable, Equatable, Hashable, Sendable {
    public var maxEpochs: Int
    public var batchSize: Int
    public var learningRate: Float
    /// Fraction of the training split held out to monitor the validation loss.
    public var validationFraction: Float
    /// Epochs without validation improvement before stopping (best weights are restored).
    public var earlyStoppingPatience: Int
    /// Epochs without validation improvement before the learning rate is cut.
    public var plateauPatience: Int
    /// Multiplier applied to the learning rate on a plateau.
    public var plateauFactor: Float
    /// The learning rate never goes below this.
    public var minimumLearningRate: Float
    /// An improvement of the validation loss smaller than this does not reset early
    /// stopping's patience (Keras's `EarlyStopping(min_delta=0)`).
    public var stoppingMinimumImprovement: Float
    /// An improvement smaller than this does not reset the plateau's patience
    /// (Keras's `ReduceLROnPlateau(min_delta=1e-4)`).
    public var plateauMinimumImprovement: Float

    public init(maxEpochs: Int = 100, batchSize: Int = 32, learningRate: Float = 1e-3,
                validationFraction: Float = 0.1, earlyStoppingPatience: Int = 3,
                plateauPatience: Int = 1, plateauFactor: Float = 0.1,
                minimumLearningRate: Float = 1e-6, stoppingMinimumImprovement: Float = 0,
                plateauMinimumImprovement: Float = 1e-4) {
        self.maxEpochs = maxEpochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.validationFraction = validationFraction
        self.earlyStoppingPatience = earlyStoppingPatience
        self.plateauPatience = plateauPatience
        self.plateauFactor = plateauFactor
        self.minimumLearningRate = minimumLearningRate
        self.stoppingMinimumImprovement = stoppingMinimumImprovement
        self.plateauMinimumImprovement = plateauMinimumImprovement
    }

    /// The recipe of "Exploring Multi-Task Learning for Explainability": Adam at
    /// 1e-3, batch 32, 10% validation, early stopping patience 3, plateau patience 1,
    /// up to 100 epochs.
    public static let paper = TrainingSchedule()

    /// Checks every field and names the first bad one.
    public func validate() throws(ScheduleError) {
        if maxEpochs < 1 { throw ScheduleError("maxEpochs must be at least 1 (got \(maxEpochs))") }
        if batchSize < 1 { throw ScheduleError("batchSize must be at least 1 (got \(batchSize))") }
        if !(learningRate > 0 && learningRate.isFinite) {
            throw ScheduleError("learningRate must be a positive number (got \(learningRate))")
        }
        if !(validationFraction >= 0 && validationFraction < 1) {
            throw ScheduleError("validationFraction must be in [0, 1) (got \(validationFraction))")
        }
        if earlyStoppingPatience < 0 || plateauPatience < 0 {
            throw ScheduleError("patience values must be non-negative")
        }
        if !(plateauFactor > 0 && plateauFactor <= 1) {
            throw ScheduleError("plateauFactor must be in (0, 1] (got \(plateauFactor))")
        }
    }
}

/// A training schedule with an invalid field.
public struct ScheduleError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
