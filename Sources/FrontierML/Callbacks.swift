/// Stops training when the monitored loss has not improved for `patience`
/// epochs, remembering the best snapshot so it can be restored.
public struct EarlyStopping<Snapshot> {
    public let patience: Int
    public let minimumImprovement: Float
    public private(set) var bestLoss: Float = .infinity
    public private(set) var bestEpoch: Int = 0
    public private(set) var best: Snapshot?
    private var epochsWithoutImprovement = 0

    public init(patience: Int, minimumImprovement: Float = 0) {
        self.patience = patience
        self.minimumImprovement = minimumImprovement
    }

    /// Records an epoch's loss; returns `true` when training should stop.
    /// `snapshot` is evaluated only when the loss improved.
    public mutating func record(epoch: Int, loss: Float, snapshot: () -> Snapshot) -> Bool {
        if loss < bestLoss - minimumImprovement || best == nil {
            bestLoss = min(loss, bestLoss)
            bestEpoch = epoch
            best = snapshot()
            epochsWithoutImprovement = 0
            return false
        }
        epochsWithoutImprovement += 1
        return epochsWithoutImprovement >= max(patience, 1)
    }
}

/// Multiplies the learning rate by `factor` when the monitored loss has not
/// improved for `patience` epochs (Keras's ReduceLROnPlateau).
public struct PlateauScheduler: Sendable {
    public let patience: Int
    public let factor: Float
    public let minimumLearningRate: Float
    public let minimumImprovement: Float
    public private(set) var learningRate: Float
    private var best: Float = .infinity
    private var wait = 0

    public init(learningRate: Float, patience: Int, factor: Float, minimumLearningRate: Float,
                minimumImprovement: Float = 1e-4) {
        self.learningRate = learningRate
        self.patience = patience
        self.factor = factor
        self.minimumLearningRate = minimumLearningRate
        self.minimumImprovement = minimumImprovement
    }

    /// Records an epoch's loss and returns the learning rate for the next epoch.
    @discardableResult
    public mutating func record(loss: Float) -> Float {
        if loss < best - minimumImprovement {
            best = loss
            wait = 0
        } else {
            wait += 1
            // Keras cuts only a rate above the floor: a rate that starts below it is kept, not raised.
            if wait >= max(patience, 1) {
                if learningRate > minimumLearningRate { learningRate = max(minimumLearningRate, learningRate * factor) }
                wait = 0
            }
        }
        return learningRate
    }
}
