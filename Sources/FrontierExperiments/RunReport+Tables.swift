import FrontierMethods

// What the reproduction tables (MTL, MOO) read off a run.
extension RunReport {
    /// Whether the run is classification (its performance is accuracy).
    public var isClassification: Bool { metrics.blackBox.accuracy != nil }
    /// Accuracy for classification, MSE for regression.
    public var performance: Double { metrics.blackBox.accuracy ?? metrics.blackBox.mse ?? .nan }
}
