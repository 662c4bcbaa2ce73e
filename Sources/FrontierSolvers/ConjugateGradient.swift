/// Preconditioned conjugate gradients for `A x = b` with A symmetric positive
/// (semi-)definite, given only as a product. From a zero start on a consistent singular
/// system it converges to the minimum-norm solution's component in A's range.
public enum ConjugateGradient {
    public struct Result: Sendable {
        public var solution: [Double]
        public var iterations: Int
        /// `|b - A x| / |b|` at the end.
        public var relativeResidual: Double
        public var converged: Bool
    }

    /// Solves until `|b - A x| <= tolerance |b|` or `maxIterations`.
    /// - Parameters:
    ///   - apply: `x -> A x`.
    ///   - preconditioner: `r -> M^{-1} r` for a symmetric positive-definite M close to A (nil: none).
    ///   - initial: a starting point (warm start), zero by default.
    public static func solve(apply: ([Double]) -> [Double], rhs: [Double], initial: [Double]? = nil,
                             preconditioner: (([Double]) -> [Double])? = nil,
                             tolerance: Double = 1e-10, maxIterations: Int = 1000) -> Result {
        let n = rhs.count
        var x = initial ?? [Double](repeating: 0, count: n)
        precondition(x.count == n, "conjugate gradient: start of length \(x.count) for \(n) unknowns")
        let bNorm = Vector.norm(rhs)
        guard bNorm > 0 else { return Result(solution: [Double](repeating: 0, count: n), iterations: 0, relativeResidual: 0, converged: true) }
        var r = initial == nil ? rhs : Vector.subtract(rhs, apply(x))
        var z = preconditioner?(r) ?? r
        var p = z
        var rz = Vector.dot(r, z)
        var residual = Vector.norm(r) / bNorm
        var iterations = 0
        while residual > tolerance && iterations < maxIterations {
            let ap = apply(p)
            let curvature = Vector.dot(p, ap)
            guard curvature > 0 else { break }  // p in A's null space: nothing left to reduce
            let alpha = rz / curvature
            Vector.axpy(alpha, p, into: &x)
            Vector.axpy(-alpha, ap, into: &r)
            iterations += 1
            residual = Vector.norm(r) / bNorm
            if residual <= tolerance { break }
            z = preconditioner?(r) ?? r
            let rzNext = Vector.dot(r, z)
            let beta = rzNext / rz
            rz = rzNext
            for i in 0..<n { p[i] = z[i] + beta * p[i] }
        }
        return Result(solution: x, iterations: iterations, relativeResidual: residual, converged: residual <= tolerance)
    }
}
