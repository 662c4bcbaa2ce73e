import FrontierSweep

// Default hypervolume reference values, used when a sweep's spec gives no
// `reference_point`: fixed at submit, so the hypervolume of a running sweep moves
// only when its front does.

extension MethodJobKind {
    /// 1 for each objective: an error rate of 1 (always wrong); an MSE of 1 on
    /// standardised targets (no better than predicting the mean); a global fidelity
    /// of 1, a mean squared gap between g and f of one probability unit (classification)
    /// or one squared standard deviation (regression). The edge costs (latency, bytes,
    /// memory) have no natural worst value, so a sweep that puts them on its front names one.
    public func referenceValue(forObjective name: String, dataset: String) -> Double? {
        Self.predictionObjectives.contains(name) ? 1 : nil
    }
}

extension NoOpJobKind {
    /// 1.1 for `loss` (x²) and `cost` ((x − 1)² + seed/1000): the corner beyond the
    /// trade-off of x in [0, 1], whose extremes are 1 and 1 + seed/1000.
    public func referenceValue(forObjective name: String, dataset: String) -> Double? {
        objectives.contains(name) ? 1.1 : nil
    }
}
