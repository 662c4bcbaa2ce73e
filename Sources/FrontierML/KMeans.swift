import Foundation

/// k-means clustering: k-means++ seeding, then Lloyd iterations, the best of several
/// seeded restarts (as scikit-learn's `KMeans(n_init=10)`, which `shap.kmeans` calls).
///
/// Distances to the centroids come from one BLAS product per iteration
/// (`|x|^2 - 2 x.c + |c|^2`), so clustering a training split costs a few matrix products.
/// Summarising a background set for KernelSHAP and choosing inducing points are its uses.
public struct KMeans: Sendable {
    /// A clustering of the rows of a matrix.
    public struct Result: Sendable {
        /// One centroid a row (`clusters x features`).
        public var centroids: Matrix
        /// The cluster of every input row.
        public var assignments: [Int]
        /// Rows in each cluster.
        public var sizes: [Int]
        /// Sum of squared distances of the rows to their centroids.
        public var inertia: Double
    }

    public var clusters: Int
    /// Independent seeded runs; the one with the lowest inertia is kept.
    public var restarts: Int
    public var maxIterations: Int
    /// Lloyd stops when no row changes cluster or the centroids move less than this,
    /// relative to the mean feature variance (scikit-learn's `tol`).
    public var tolerance: Double

    public init(clusters: Int, restarts: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4) {
        precondition(clusters >= 1 && restarts >= 1 && maxIterations >= 1, "k-means needs positive counts")
        self.clusters = clusters
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// Clusters the rows of `x`, which must number at least `clusters`.
    public func fit(_ x: Matrix, generator: inout SeededGenerator) -> Result {
        precondition(x.rows >= clusters, "k-means: \(x.rows) rows cannot form \(clusters) clusters")
        let rowNorms = (0..<x.rows).map { r in x.row(r).reduce(0.0) { $0 + Double($1) * Double($1) } }
        let threshold = tolerance * Self.meanVariance(x)
        var best: Result?
        for _ in 0..<restarts {
            var centroids = seed(x, rowNorms: rowNorms, generator: &generator)
            var result = assign(x, centroids: centroids, rowNorms: rowNorms)
            for _ in 0..<maxIterations {
                let moved = Self.update(&centroids, x: x, result: result)
                let previous = result.assignments
                result = assign(x, centroids: centroids, rowNorms: rowNorms)
                // Converged: no row changed cluster, or the centroids barely moved (scikit-learn's two tests).
                if result.assignments == previous || moved <= threshold { break }
            }
            if best == nil || result.inertia < best!.inertia { best = result }
        }
        return best!
    }

    /// k-means++: the first centroid uniformly, each next one with probability
    /// proportional to the squared distance to the nearest centroid so far.
    private func seed(_ x: Matrix, rowNorms: [Double], generator: inout SeededGenerator) -> Matrix {
        let n = x.rows
        var chosen = [Int(generator.next() % UInt64(n))]
        var nearest = [Double](repeating: .infinity, count: n)
        while chosen.count < clusters {
            let last = x.row(chosen[chosen.count - 1])
            var total = 0.0
            for r in 0..<n {
                var s = 0.0
                for (a, b) in zip(x.row(r), last) { let t = Double(a) - Double(b); s += t * t }
                nearest[r] = min(nearest[r], s)
                total += nearest[r]
            }
            // All remaining rows coincide with a centroid: any row will do.
            guard total > 0 else { chosen.append(Int(generator.next() % UInt64(n))); continue }
            var target = generator.nextUniform() * total
            var pick = n - 1
            for r in 0..<n {
                target -= nearest[r]
                if target < 0 { pick = r; break }
            }
            chosen.append(pick)
        }
        return x.gatherRows(chosen)
    }

    /// Assigns every row to its nearest centroid.
    private func assign(_ x: Matrix, centroids: Matrix, rowNorms: [Double]) -> Result {
        let k = clusters
        let products = x.matmul(centroids, transposeOther: true)  // n x k
        let centroidNorms = (0..<k).map { c in centroids.row(c).reduce(0.0) { $0 + Double($1) * Double($1) } }
        var assignments = [Int](repeating: 0, count: x.rows)
        var sizes = [Int](repeating: 0, count: k)
        var inertia = 0.0
        for r in 0..<x.rows {
            var bestDistance = Double.infinity, bestCluster = 0
            for c in 0..<k {
                let distance = rowNorms[r] - 2 * Double(products.scalars[r * k + c]) + centroidNorms[c]
                if distance < bestDistance { bestDistance = distance; bestCluster = c }
            }
            assignments[r] = bestCluster
            sizes[bestCluster] += 1
            inertia += max(bestDistance, 0)
        }
        return Result(centroids: centroids, assignments: assignments, sizes: sizes, inertia: inertia)
    }

    /// Moves every centroid to the mean of its rows (an empty cluster takes the row
    /// farthest from its centroid) and returns the total squared shift.
    private static func update(_ centroids: inout Matrix, x: Matrix, result: Result) -> Double {
        let k = centroids.rows, d = centroids.cols
        var sums = [Double](repeating: 0, count: k * d)
        for r in 0..<x.rows {
            let c = result.assignments[r]
            for (j, v) in x.row(r).enumerated() { sums[c * d + j] += Double(v) }
        }
        var next = centroids
        for c in 0..<k {
            if result.sizes[c] == 0 {
                let far = farthestRow(x, from: result.centroids, assignments: result.assignments)
                for (j, v) in x.row(far).enumerated() { next[c, j] = v }
                continue
            }
            for j in 0..<d { next[c, j] = Float(sums[c * d + j] / Double(result.sizes[c])) }
        }
        var moved = 0.0
        for i in 0..<next.count { let t = Double(next.scalars[i]) - Double(centroids.scalars[i]); moved += t * t }
        centroids = next
        return moved
    }

    private static func farthestRow(_ x: Matrix, from centroids: Matrix, assignments: [Int]) -> Int {
        var far = 0, farthest = -1.0
        for r in 0..<x.rows {
            var s = 0.0
            for (a, b) in zip(x.row(r), centroids.row(assignments[r])) { let t = Double(a) - Double(b); s += t * t }
            if s > farthest { farthest = s; far = r }
        }
        return far
    }

    private static func meanVariance(_ x: Matrix) -> Double {
        guard x.rows > 0, x.cols > 0 else { return 0 }
        var total = 0.0
        for j in 0..<x.cols {
            var mean = 0.0, square = 0.0
            for r in 0..<x.rows { let v = Double(x[r, j]); mean += v; square += v * v }
            mean /= Double(x.rows)
            total += max(square / Double(x.rows) - mean * mean, 0)
        }
        return total / Double(x.cols)
    }
}
