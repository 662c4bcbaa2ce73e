/// How the hypervolume's reference point is chosen when the caller does not give one.
public enum ReferencePoint {
    /// Fraction of each objective's range added beyond the worst value.
    public static let margin = 0.1

    /// The default reference point for a set of row means, in natural units.
    ///
    /// Rule, per objective: take the worst mean over all `points` (the largest
    /// when minimising, the smallest when maximising — the nadir of the rows) and
    /// move it a further 10% of the objective's range (worst - best) in the worse
    /// direction. With a zero range (one row, or all equal) the margin is 10% of
    /// the worst value's magnitude, or 0.1 if that is zero too, so a lone point
    /// still has a positive hypervolume. The margin keeps the extreme rows of the
    /// front from contributing zero volume.
    ///
    /// - Parameters:
    ///   - points: one array of means per row, ordered as `objectives`, all finite.
    ///   - objectives: the sweep's objectives.
    /// - Returns: objective name to value; empty when there are no points.
    public static func derived(from points: [[Double]], objectives: [Objective]) -> [String: Double] {
        guard !points.isEmpty else { return [:] }
        var reference: [String: Double] = [:]
        for (j, objective) in objectives.enumerated() {
            let values = points.map { objective.toMinimization($0[j]) }
            reference[objective.name] = derived(worst: values.max()!, best: values.min()!, objective: objective)
        }
        return reference
    }

    /// One objective's coordinate of the derived reference point, from the worst
    /// and best values in "to minimise" form; in natural units. Shared with the
    /// incremental aggregator, which tracks the extremes instead of the points.
    static func derived(worst: Double, best: Double, objective: Objective) -> Double {
        var step = margin * (worst - best)
        if step <= 0 { step = abs(worst) > 0 ? margin * abs(worst) : margin }
        return objective.direction.fromMinimization(worst + step)
    }
}
