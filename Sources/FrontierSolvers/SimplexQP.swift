/// Convex quadratic programs over the probability simplex,
///
///     minimise  1/2 a^T H a + h^T a   subject to  a >= 0,  sum a = 1,
///
/// with H symmetric positive semi-definite and small (a few hundred weights at most): AGG's
/// best convex combination of base explanations. Accelerated projected gradient finds the
/// support, then the equality-constrained system on the support is solved exactly and kept
/// when it satisfies every KKT condition.
public enum SimplexQP {
    public struct Result: Sendable {
        public var weights: [Double]
        public var objective: Double
        /// The largest violation of the KKT conditions (stationarity on the support,
        /// non-negative multipliers off it), relative to the gradient's scale.
        public var kktResidual: Double
        public var iterations: Int
    }

    public static func minimise(hessian h: DenseMatrix, linear c: [Double], tolerance: Double = 1e-12,
                                maxIterations: Int = 20_000) throws(SolverError) -> Result {
        let m = c.count
        guard h.rows == m, h.cols == m else { throw SolverError("simplex QP: \(h.rows) x \(h.cols) Hessian for \(m) weights") }
        guard m > 0 else { throw SolverError("simplex QP: no weights") }
        let lipschitz = max(try SymmetricEigen(h).values.last ?? 0, 1e-300)
        let scale = max(1, Vector.norm(c), lipschitz)
        let start = [Double](repeating: 1 / Double(m), count: m)
        let fista = FISTA.minimise(from: start, gradient: { gradient(h, c, $0) }, lipschitz: lipschitz * 1.0001,
                                   prox: { v, _ in projectOntoSimplex(v) }, scale: scale,
                                   tolerance: tolerance, maxIterations: maxIterations)
        var best = fista.solution
        if let polished = polish(h, c, near: best), objective(h, c, polished) <= objective(h, c, best) + 1e-15 * scale {
            best = polished
        }
        return Result(weights: best, objective: objective(h, c, best), kktResidual: kktResidual(h, c, best) / scale,
                      iterations: fista.iterations)
    }

    /// The Euclidean projection onto the simplex (sort-based, Duchi et al., 2008).
    public static func projectOntoSimplex(_ v: [Double]) -> [Double] {
        let sorted = v.sorted(by: >)
        var cumulative = 0.0, theta = 0.0
        for (i, u) in sorted.enumerated() {
            cumulative += u
            let t = (cumulative - 1) / Double(i + 1)
            if u - t > 0 { theta = t }
        }
        return v.map { max($0 - theta, 0) }
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

    /// The exact minimiser on the support of `a` with the sum constraint, if it stays feasible.
    private static func polish(_ h: DenseMatrix, _ c: [Double], near a: [Double]) -> [Double]? {
        let support = a.indices.filter { a[$0] > 1e-9 }
        let k = support.count
        guard k > 0 else { return nil }
        // [H_SS 1; 1^T 0] [a_S; nu] = [-c_S; 1], solved by eigendecomposition (H_SS may be singular).
        var kkt = DenseMatrix(rows: k + 1, cols: k + 1)
        var rhs = [Double](repeating: 0, count: k + 1)
        for (p, i) in support.enumerated() {
            for (q, j) in support.enumerated() { kkt[p, q] = h[i, j] }
            kkt[p, k] = 1
            kkt[k, p] = 1
            rhs[p] = -c[i]
        }
        rhs[k] = 1
        guard let eigen = try? SymmetricEigen(kkt) else { return nil }
        let largest = eigen.values.map(abs).max() ?? 0
        var solution = [Double](repeating: 0, count: k + 1)
        let projected = eigen.vectors.transposed.multiplied(by: rhs)
        for t in 0..<(k + 1) where abs(eigen.values[t]) > 1e-12 * largest {
            let s = projected[t] / eigen.values[t]
            for r in 0..<(k + 1) { solution[r] += eigen.vectors[r, t] * s }
        }
        var full = [Double](repeating: 0, count: a.count)
        for (p, i) in support.enumerated() {
            guard solution[p] >= -1e-12 else { return nil }
            full[i] = max(0, solution[p])
        }
        let total = full.reduce(0, +)
        guard total > 0 else { return nil }
        return full.map { $0 / total }
    }
}
