/// Non-dominated (Pareto-optimal) subsets of a set of points.
///
/// A point `a` dominates `b` when `a` is at least as good in every objective and
/// strictly better in at least one. Equal points therefore never dominate each
/// other: duplicates on the front are all kept, which is what a results table
/// wants (two settings that tie are both worth reporting).
public enum ParetoFront {
    /// Whether `a` dominates `b`, both already in "to minimise" form.
    public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        precondition(a.count == b.count, "dominates: dimension mismatch")
        var strictlyBetter = false
        for (x, y) in zip(a, b) {
            if x > y { return false }
            if x < y { strictlyBetter = true }
        }
        return strictlyBetter
    }

    /// Whether every value of `point` is finite. NaN compares false with
    /// everything, so a NaN point would be neither dominated nor dominating and
    /// would sneak onto every front; infinities mean a diverged run. Both make a
    /// point ineligible.
    public static func isEligible(_ point: [Double]) -> Bool {
        point.allSatisfy(\.isFinite)
    }

    /// Indices (ascending) of the eligible points of `points` that no other
    /// eligible point dominates.
    ///
    /// - Parameters:
    ///   - points: one array of objective values per point, all the same length.
    ///   - directions: one per objective; all minimised when `nil`.
    /// - Complexity: O(n log n) for two objectives (sort and sweep),
    ///   O(n² · d) otherwise.
    public static func nonDominated(_ points: [[Double]], directions: [ObjectiveDirection]? = nil) -> [Int] {
        guard let first = points.first else { return [] }
        let d = directions?.count ?? first.count
        let directions = directions ?? Array(repeating: .minimize, count: d)
        let minimised = Objective.toMinimization(points, directions: directions)
        let eligible = minimised.indices.filter { isEligible(minimised[$0]) }
        if d == 2 { return sweep2D(minimised, eligible) }
        let front = eligible.filter { i in
            !eligible.contains { j in j != i && dominates(minimised[j], minimised[i]) }
        }
        return front
    }

    /// Two objectives: sort by (x, y) and sweep, tracking the best y among points
    /// with strictly smaller x. Points that share an x are handled as a group so a
    /// tie in x does not let the first of the group dominate the rest unfairly.
    private static func sweep2D(_ p: [[Double]], _ eligible: [Int]) -> [Int] {
        let order = eligible.sorted { p[$0][0] != p[$1][0] ? p[$0][0] < p[$1][0] : p[$0][1] < p[$1][1] }
        var front: [Int] = []
        var bestYBefore = Double.infinity
        var start = 0
        while start < order.count {
            var end = start
            while end < order.count && p[order[end]][0] == p[order[start]][0] { end += 1 }
            // Sorted by y within the group: the group's minimum y is first.
            let groupMinY = p[order[start]][1]
            if groupMinY < bestYBefore {
                // Only the points tied at the group's minimum survive; a point with
                // equal x and larger y is dominated by them.
                for k in start..<end where p[order[k]][1] == groupMinY { front.append(order[k]) }
            }
            bestYBefore = min(bestYBefore, groupMinY)
            start = end
        }
        return front.sorted()
    }
}
