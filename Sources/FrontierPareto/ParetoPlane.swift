/// The rows of one two-objective dataset that are eligible for its front, as
/// points in "to minimise" form kept sorted by (x, y).
///
/// `FrontAggregator` used to sort every row of a dataset, then its means twice
/// (front, hypervolume), after every result. Keeping the points sorted makes an
/// update one binary search plus a shift, and the front, the extremes and the
/// hypervolume one linear pass each.
///
/// The passes mirror the two-objective cases of `ParetoFront.nonDominated` (sort
/// by (x, y), sweep groups of equal x) and `Hypervolume.of` (strips below the
/// running best y, in (x, y) order) step for step, down to the order of the
/// floating-point additions, so the aggregator publishes the same bits as a
/// recomputation from scratch. Points that compare equal are interchangeable in
/// both, so the order among them does not matter.
struct ParetoPlane: Sendable {
    /// A row's means: x is the first objective, y the second, both to minimise and finite.
    struct Point: Sendable {
        var x: Double
        var y: Double
        /// The row's number in its `DatasetFront`.
        var row: Int
    }

    /// The points in ascending (x, y) order.
    private(set) var points: [Point] = []

    /// Number of points.
    var count: Int { points.count }

    /// Adds a row's point.
    mutating func insert(x: Double, y: Double, row: Int) {
        points.insert(Point(x: x, y: y, row: row), at: lowerBound(x, y))
    }

    /// Removes the point `insert` added for `row` with these coordinates.
    mutating func remove(x: Double, y: Double, row: Int) {
        var i = lowerBound(x, y)
        // Points with equal coordinates sit together; find this row's among them.
        while i < points.count, points[i].x == x, points[i].y == y, points[i].row != row { i += 1 }
        precondition(i < points.count && points[i].row == row, "ParetoPlane: row \(row) is not at (\(x), \(y))")
        points.remove(at: i)
    }

    /// The rows no other point dominates, as `ParetoFront.nonDominated` finds them
    /// for two objectives: a group of equal x is on the front when its smallest y
    /// beats every y of smaller x, and then only its points tied at that y.
    func frontRows() -> [Int] {
        var front: [Int] = []
        var bestYBefore = Double.infinity
        var start = 0
        while start < points.count {
            let x = points[start].x
            // Sorted by y within the group: the group's minimum y is first.
            let groupMinY = points[start].y
            var end = start + 1
            while end < points.count && points[end].x == x { end += 1 }
            if groupMinY < bestYBefore {
                for k in start..<end where points[k].y == groupMinY { front.append(points[k].row) }
            }
            bestYBefore = min(bestYBefore, groupMinY)
            start = end
        }
        return front
    }

    /// Smallest and largest x and y; nil with no points.
    func extremes() -> (minX: Double, maxX: Double, minY: Double, maxY: Double)? {
        guard let first = points.first, let last = points.last else { return nil }
        var minY = first.y, maxY = first.y
        for p in points {
            if p.y < minY { minY = p.y }
            if p.y > maxY { maxY = p.y }
        }
        return (first.x, last.x, minY, maxY)
    }

    /// The hypervolume (area) of the points against the reference (rx, ry), as
    /// `Hypervolume.of` computes it for two objectives: points not strictly inside
    /// the reference contribute nothing; the others, in (x, y) order, add the strip
    /// below the running best y.
    func hypervolume(referenceX rx: Double, referenceY ry: Double) -> Double {
        precondition(rx.isFinite && ry.isFinite, "hypervolume: reference point must be finite")
        var area = 0.0
        var currentY = ry
        for p in points where p.x < rx && p.y < ry && p.y < currentY {
            area += (rx - p.x) * (currentY - p.y)
            currentY = p.y
        }
        return area
    }

    /// First position whose (x, y) is not below (x, y).
    private func lowerBound(_ x: Double, _ y: Double) -> Int {
        var low = 0, high = points.count
        while low < high {
            let middle = (low + high) / 2
            let p = points[middle]
            if p.x < x || (p.x == x && p.y < y) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
