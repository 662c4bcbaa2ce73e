/// Dominance between the points of two methods on a plane of two losses (both minimised):
/// how many of POE's points a baseline beats, and what share of a baseline's points POE's
/// front beats.
///
/// A point a dominates b when it is no worse in both losses and better in one by more than
/// a tolerance (`relativeTolerance` times the range of that loss over all points compared),
/// so rounding differences at the same optimum are not counted. "No worse" has no slack: at
/// the ends of a front one loss can fall steeply while the other barely moves, and a slack
/// there would let a point that is merely close count as better.
/// POE's front also dominates through its segments: a convex combination of two POE
/// explanations is at least as good as the same combination of their losses (both losses
/// are convex), so every point of the segment between two POE points is achievable.
public struct FrontDominance: Sendable {
    public var relativeTolerance: Double

    public init(relativeTolerance: Double = 1e-6) {
        self.relativeTolerance = relativeTolerance
    }

    /// `a` dominates `b` with tolerances `epsilon` per loss.
    public func dominates(_ a: (Double, Double), _ b: (Double, Double), epsilon: (Double, Double)) -> Bool {
        let noWorse = a.0 <= b.0 && a.1 <= b.1
        let better = a.0 < b.0 - epsilon.0 || a.1 < b.1 - epsilon.1
        return noWorse && better
    }

    /// The tolerance per loss for a set of points.
    public func epsilon(_ points: [(Double, Double)]) -> (Double, Double) {
        func range(_ v: [Double]) -> Double { (v.max() ?? 0) - (v.min() ?? 0) }
        return (relativeTolerance * max(range(points.map(\.0)), 1e-300), relativeTolerance * max(range(points.map(\.1)), 1e-300))
    }

    /// The points of `points` that no other point dominates, sorted by the first loss.
    public func front(_ points: [(Double, Double)], epsilon: (Double, Double)) -> [(Double, Double)] {
        points.filter { p in !points.contains { dominates($0, p, epsilon: epsilon) } }.sorted { $0 < $1 }
    }

    /// How many of `poe`'s points some point of `baseline` dominates.
    public func poePointsDominated(poe: [(Double, Double)], by baseline: [(Double, Double)]) -> Int {
        let eps = epsilon(poe + baseline)
        return poe.filter { p in baseline.contains { dominates($0, p, epsilon: eps) } }.count
    }

    /// The share of `baseline`'s points dominated by POE's front (its points and the
    /// segments between neighbouring front points); 0 for no points.
    public func shareDominated(baseline: [(Double, Double)], byFrontOf poe: [(Double, Double)]) -> Double {
        guard !baseline.isEmpty else { return 0 }
        let eps = epsilon(poe + baseline)
        let f = front(poe, epsilon: eps)
        let dominated = baseline.filter { b in
            if f.contains(where: { dominates($0, b, epsilon: eps) }) { return true }
            // The segment between neighbours (x1, y1)-(x2, y2), x1 < x2, y1 > y2: at b's first
            // loss it reaches the interpolated second loss; it dominates b if that is lower.
            for (p, q) in zip(f, f.dropFirst()) where p.0 < b.0 && b.0 < q.0 {
                let t = (b.0 - p.0) / (q.0 - p.0)
                let y = p.1 + t * (q.1 - p.1)
                if y < b.1 - eps.1 { return true }
            }
            return false
        }
        return Double(dominated.count) / Double(baseline.count)
    }

    /// `a` dominates `b` in any number of losses, with tolerances `epsilon` per loss.
    public func dominates(_ a: [Double], _ b: [Double], epsilon: [Double]) -> Bool {
        var better = false
        for k in a.indices {
            if a[k] > b[k] { return false }
            if a[k] < b[k] - epsilon[k] { better = true }
        }
        return better
    }

    /// The tolerance per loss for a set of points of any dimension.
    public func epsilon(_ points: [[Double]]) -> [Double] {
        guard let first = points.first else { return [] }
        return first.indices.map { k in
            let v = points.map { $0[k] }
            return relativeTolerance * max((v.max() ?? 0) - (v.min() ?? 0), 1e-300)
        }
    }

    /// How many of `poe`'s points some point of `others` dominates (any number of losses).
    public func pointsDominated(_ poe: [[Double]], by others: [[Double]]) -> Int {
        let eps = epsilon(poe + others)
        return poe.filter { p in others.contains { dominates($0, p, epsilon: eps) } }.count
    }

    /// The share of `others`' points that some point of `poe` dominates (0 for none).
    public func shareDominated(_ others: [[Double]], byPointsOf poe: [[Double]]) -> Double {
        guard !others.isEmpty else { return 0 }
        let eps = epsilon(poe + others)
        return Double(others.filter { b in poe.contains { dominates($0, b, epsilon: eps) } }.count) / Double(others.count)
    }
}
