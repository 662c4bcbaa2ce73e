/// FISTA, the accelerated proximal gradient method (Beck and Teboulle, 2009), for
///
///     minimise  s(x) + r(x)
///
/// with s convex and L-smooth (its gradient given) and r convex with a cheap proximal
/// operator. Momentum restarts when it points uphill (O'Donoghue and Candes' gradient
/// scheme), which restores linear convergence on strongly convex problems. Stops when the
/// proximal-gradient residual `L |x - prox(x - grad s(x) / L)|`, the norm of the gradient
/// mapping (zero exactly at a minimiser), falls below `tolerance` times the scale given.
public enum FISTA {
    public struct Result: Sendable {
        public var solution: [Double]
        public var iterations: Int
        /// The gradient mapping's norm at the solution.
        public var residual: Double
        public var converged: Bool
    }

    /// - Parameters:
    ///   - gradient: `x -> grad s(x)`.
    ///   - lipschitz: an upper bound of the largest eigenvalue of s's Hessian.
    ///   - prox: `(v, t) -> argmin_x r(x) + |x - v|^2 / (2 t)`.
    ///   - scale: what the residual is measured against (e.g. `|grad s(0)|`), at least 1e-300.
    public static func minimise(from start: [Double], gradient: ([Double]) -> [Double], lipschitz: Double,
                                prox: ([Double], Double) -> [Double], scale: Double,
                                tolerance: Double = 1e-8, maxIterations: Int = 10_000) -> Result {
        precondition(lipschitz > 0 && lipschitz.isFinite, "FISTA: the Lipschitz constant must be positive")
        let step = 1 / lipschitz
        let n = start.count
        var x = start
        var y = start
        var t = 1.0
        var residual = Double.infinity
        var iterations = 0
        let target = tolerance * max(scale, 1e-300)
        while iterations < maxIterations {
            let g = gradient(y)
            var v = y
            Vector.axpy(-step, g, into: &v)
            let next = prox(v, step)
            iterations += 1
            // The gradient mapping at y: it is zero exactly when y minimises s + r.
            var mapping = 0.0
            for i in 0..<n { let d = y[i] - next[i]; mapping += d * d }
            residual = lipschitz * mapping.squareRoot()
            if residual <= target {
                x = next
                break
            }
            // Restart when the step and the momentum disagree.
            var uphill = 0.0
            for i in 0..<n { uphill += (y[i] - next[i]) * (next[i] - x[i]) }
            let tNext: Double
            if uphill > 0 {
                tNext = 1
                y = next
            } else {
                tNext = (1 + (1 + 4 * t * t).squareRoot()) / 2
                let momentum = (t - 1) / tNext
                for i in 0..<n { y[i] = next[i] + momentum * (next[i] - x[i]) }
            }
            t = tNext
            x = next
        }
        return Result(solution: x, iterations: iterations, residual: residual, converged: residual <= target)
    }
}

/// Largest eigenvalue of a symmetric positive semi-definite operator by power iteration,
/// inflated slightly so it bounds the true value (a step of `1 / L` must not overshoot).
public enum PowerIteration {
    public static func largestEigenvalue(of apply: ([Double]) -> [Double], size: Int, iterations: Int = 60) -> Double {
        guard size > 0 else { return 0 }
        // A deterministic start with weight on every coordinate.
        var v = (0..<size).map { 1 + 0.5 * Double(($0 * 7919) % 13) / 13 }
        var norm = Vector.norm(v)
        v = v.map { $0 / norm }
        var estimate = 0.0
        for _ in 0..<iterations {
            let w = apply(v)
            estimate = Vector.dot(v, w)
            norm = Vector.norm(w)
            guard norm > 0 else { return 0 }
            v = w.map { $0 / norm }
        }
        return max(estimate, norm) * 1.02
    }
}
