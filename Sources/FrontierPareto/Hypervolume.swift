/// The exact hypervolume indicator: the measure of the region dominated by a
/// set of points and bounded by a reference point, all in "to minimise" form.
///
/// A larger hypervolume is a better front; it rewards both convergence and
/// spread, and it is the single number the coordinator reports per dataset.
public enum Hypervolume {
    /// The hypervolume of `points` against `reference`.
    ///
    /// Points that are not strictly better than `reference` in every objective,
    /// or that have a non-finite value, contribute nothing (their boxes would be
    /// empty or undefined). Dominated points are allowed and change nothing.
    ///
    /// - Complexity: O(n log n) for two objectives; HSO slicing for three or more
    ///   (O(n^(d-1) log n)), meant for fronts of up to a few hundred points.
    public static func of(_ points: [[Double]], reference: [Double]) -> Double {
        let d = reference.count
        precondition(d >= 1, "hypervolume needs at least one objective")
        precondition(reference.allSatisfy(\.isFinite), "hypervolume: reference point must be finite")
        let inside = points.filter { p in
            precondition(p.count == d, "hypervolume: point has \(p.count) values, reference has \(d)")
            return ParetoFront.isEligible(p) && zip(p, reference).allSatisfy { $0 < $1 }
        }
        guard !inside.isEmpty else { return 0 }
        // Dropping dominated points first keeps the slices small in higher dimensions.
        let front = d > 2 ? ParetoFront.nonDominated(inside).map { inside[$0] } : inside
        return volume(front, reference)
    }

    private static func volume(_ points: [[Double]], _ reference: [Double]) -> Double {
        guard !points.isEmpty else { return 0 }
        switch reference.count {
        case 1:
            return reference[0] - points.map { $0[0] }.min()!
        case 2:
            return area2D(points, reference)
        default:
            return sliced(points, reference)
        }
    }

    /// Sort by x and add the strip each point adds below the running best y.
    private static func area2D(_ points: [[Double]], _ reference: [Double]) -> Double {
        let sorted = points.sorted { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }
        var area = 0.0
        var currentY = reference[1]
        for p in sorted where p[1] < currentY {
            area += (reference[0] - p[0]) * (currentY - p[1])
            currentY = p[1]
        }
        return area
    }

    /// HSO ("hypervolume by slicing objectives"): sort on the last objective;
    /// between consecutive values of it, the dominated region's cross-section is
    /// the (d-1)-dimensional hypervolume of the points already passed.
    private static func sliced(_ points: [[Double]], _ reference: [Double]) -> Double {
        let last = reference.count - 1
        let sorted = points.sorted { $0[last] < $1[last] }
        let lowerReference = Array(reference[..<last])
        var total = 0.0
        var active: [[Double]] = []
        for (i, p) in sorted.enumerated() {
            active.append(Array(p[..<last]))
            let top = i + 1 < sorted.count ? sorted[i + 1][last] : reference[last]
            let depth = top - p[last]
            guard depth > 0 else { continue }
            // Only the non-dominated part of the slice matters; pruning it keeps
            // the recursion from growing with dominated points.
            if active.count > 1 && last > 2 {
                active = ParetoFront.nonDominated(active).map { active[$0] }
            }
            total += depth * volume(active, lowerReference)
        }
        return total
    }
}
