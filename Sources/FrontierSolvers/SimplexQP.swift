/// Convex quadratic programs over the probability simplex,
///
///     minimise  1/2 a^T H a + h^T a   subject to  a >= 0,  sum a = 1,
///
/// with H symmetric positive semi-definite and small (AGG's best convex combination of a few
/// base explanations). Solved exactly by a primal active-set method: from a feasible start,
/// each step solves the equality-constrained problem on the free weights (a small KKT system,
/// by Gaussian elimination with partial pivoting; a relative ridge of 1e-12 keeps it
/// solvable when H is singular on the free set), moves as far as feasibility allows, and
/// frees the weight with the most negative multiplier when the step is zero. It ends in
/// finitely many steps at a point satisfying every KKT condition; warm starts (ADMM calls it
/// with the previous solution) need one or two steps.
public enum SimplexQP {
    public struct Result: Sendable {
        public var weights: [Double]
        public var objective: Double
        /// The largest violation of the KKT conditions (stationarity on the support,
        /// non-negative multipliers off it), relative to the gradient's scale.
        public var kktResidual: Double
        public var iterations: Int
    }

    public static func minimise(hessian h: DenseMatrix, linear c: [Double], start: [Double]? = nil,
                                maxIterations: Int = 1000) throws(SolverError) -> Result {
        let m = c.count
        guard h.rows == m, h.cols == m else { throw SolverError("simplex QP: \(h.rows) x \(h.cols) Hessian for \(m) weights") }
        guard m > 0 else { throw SolverError("simplex QP: no weights") }
        guard h.values.allSatisfy(\.isFinite), c.allSatisfy(\.isFinite) else { throw SolverError("simplex QP: non-finite coefficients") }
        var a = feasibleStart(h, c, start)
        // Fixed at zero: the working set.
        var fixed = Set(a.indices.filter { a[$0] == 0 })
        var iterations = 0
        let ridge = 1e-12 * max((0..<m).map { h[$0, $0] }.max() ?? 0, 1e-300)
        while iterations < maxIterations {
            iterations += 1
            let g = gradient(h, c, a)
            let free = a.indices.filter { !fixed.contains($0) }
            let (step, nu) = direction(h, g, free: free, ridge: ridge)
            let scale = max(1, step.map(abs).max() ?? 0)
            if step.allSatisfy({ abs($0) <= 1e-14 * scale }) {
                // Stationary on the free set: optimal unless a fixed weight wants to grow.
                guard let (worst, multiplier) = fixed.map({ ($0, g[$0] + nu) }).min(by: { $0.1 < $1.1 }),
                      multiplier < -1e-13 * max(1, g.map(abs).max() ?? 0) else { break }
                fixed.remove(worst)
                continue
            }
            // The longest step in [0, 1] that keeps every free weight non-negative.
            var t = 1.0
            var blocking: Int?
            for (k, i) in free.enumerated() where step[k] < 0 {
                let limit = -a[i] / step[k]
                if limit < t { t = limit; blocking = i }
            }
            for (k, i) in free.enumerated() { a[i] = max(0, a[i] + t * step[k]) }
            if let blocking { a[blocking] = 0; fixed.insert(blocking) }
        }
        let total = a.reduce(0, +)
        a = a.map { $0 / total }
        let scale = max(1, Vector.norm(c), (0..<m).map { h[$0, $0] }.max() ?? 0)
        return Result(weights: a, objective: objective(h, c, a), kktResidual: kktResidual(h, c, a) / scale, iterations: iterations)
    }

    /// The KKT violation of weights on the simplex: with the multiplier nu of the sum that
    /// best fits the support, `|g_i + nu|` on the support and `max(0, -(g_i + nu))` off it.
    public static func kktResidual(_ h: DenseMatrix, _ c: [Double], _ a: [Double]) -> Double {
        let g = gradient(h, c, a)
        let support = a.indices.filter { a[$0] > 1e-12 }
        guard !support.isEmpty else { return .infinity }
        let nu = -support.map { g[$0] }.reduce(0, +) / Double(support.count)
        var worst = 0.0
        for i in a.indices {
            let q = g[i] + nu
            worst = max(worst, support.contains(i) ? abs(q) : max(0, -q))
        }
        return worst
    }

    static func gradient(_ h: DenseMatrix, _ c: [Double], _ a: [Double]) -> [Double] {
        Vector.add(h.multiplied(by: a), c)
    }

    static func objective(_ h: DenseMatrix, _ c: [Double], _ a: [Double]) -> Double {
        0.5 * Vector.dot(a, h.multiplied(by: a)) + Vector.dot(c, a)
    }

    /// The start if it is feasible, else the best vertex.
    private static func feasibleStart(_ h: DenseMatrix, _ c: [Double], _ start: [Double]?) -> [Double] {
        if let start, start.count == c.count, start.allSatisfy({ $0 >= 0 && $0.isFinite }) {
            let total = start.reduce(0, +)
            if total > 0 { return start.map { $0 / total } }
        }
        let best = c.indices.min { 0.5 * h[$0, $0] + c[$0] < 0.5 * h[$1, $1] + c[$1] }!
        return c.indices.map { $0 == best ? 1 : 0 }
    }

    /// The step p on the free weights minimising `1/2 p^T H p + g^T p` with `sum p = 0`, and
    /// the multiplier nu of that constraint: `[H_FF 1; 1^T 0] [p; nu] = [-g_F; 0]`.
    private static func direction(_ h: DenseMatrix, _ g: [Double], free: [Int], ridge: Double) -> ([Double], Double) {
        let k = free.count
        var system = [[Double]](repeating: [Double](repeating: 0, count: k + 2), count: k + 1)
        for (p, i) in free.enumerated() {
            for (q, j) in free.enumerated() { system[p][q] = h[i, j] + (p == q ? ridge : 0) }
            system[p][k] = 1
            system[k][p] = 1
            system[p][k + 1] = -g[i]
        }
        let x = GaussianElimination.solve(&system)
        return (Array(x[0..<k]), x[k])
    }
}

/// Dense linear solves for the very small systems where a LAPACK call (and OpenBLAS's
/// threading) costs more than the arithmetic.
enum GaussianElimination {
    /// Solves the augmented system `[A | b]` (n rows of n + 1 entries) in place by elimination
    /// with partial pivoting; a pivot that vanishes leaves its unknown at 0.
    static func solve(_ system: inout [[Double]]) -> [Double] {
        let n = system.count
        for col in 0..<n {
            let pivot = (col..<n).max { abs(system[$0][col]) < abs(system[$1][col]) }!
            system.swapAt(col, pivot)
            let p = system[col][col]
            guard abs(p) > 1e-300 else { continue }
            for row in (col + 1)..<n where system[row][col] != 0 {
                let factor = system[row][col] / p
                for j in col...n { system[row][j] -= factor * system[col][j] }
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            let p = system[row][row]
            guard abs(p) > 1e-300 else { continue }
            var s = system[row][n]
            for j in (row + 1)..<n { s -= system[row][j] * x[j] }
            x[row] = s / p
        }
        return x
    }
}
