/// The alternating direction method of multipliers (Boyd et al., 2011, scaled form) for
///
///     minimise  f(x) + g(z)   subject to  A x = z,
///
/// with f and g convex. Each iteration solves `argmin f(x) + rho/2 |A x - z + u|^2` (the
/// caller's `xUpdate`, typically a structured linear solve), then `prox_{g/rho}(A x + u)`
/// (the caller's `zUpdate`), then updates the scaled dual u. The penalty rho is balanced
/// between the primal and dual residuals (factor 2 when one is 10 times the other), and the
/// iteration stops on Boyd's absolute-plus-relative tolerances. The unscaled multiplier of
/// the constraint is `rho u`.
public enum ADMM {
    /// The problem, given as operations.
    public struct Problem {
        /// `x -> A x`.
        public var applyA: ([Double]) -> [Double]
        /// `y -> A^T y`.
        public var applyAT: ([Double]) -> [Double]
        /// `(v, rho, previous x) -> argmin_x f(x) + rho/2 |A x - v|^2`.
        public var xUpdate: ([Double], Double, [Double]) -> [Double]
        /// `(v, rho) -> argmin_z g(z) + rho/2 |z - v|^2`.
        public var zUpdate: ([Double], Double) -> [Double]

        public init(applyA: @escaping ([Double]) -> [Double], applyAT: @escaping ([Double]) -> [Double],
                    xUpdate: @escaping ([Double], Double, [Double]) -> [Double],
                    zUpdate: @escaping ([Double], Double) -> [Double]) {
            self.applyA = applyA
            self.applyAT = applyAT
            self.xUpdate = xUpdate
            self.zUpdate = zUpdate
        }
    }

    public struct Options: Sendable {
        public var rho: Double = 1
        public var absoluteTolerance: Double = 1e-9
        public var relativeTolerance: Double = 1e-7
        public var maxIterations: Int = 10_000
        public var adaptiveRho = true

        public init(rho: Double = 1, absoluteTolerance: Double = 1e-9, relativeTolerance: Double = 1e-7,
                    maxIterations: Int = 10_000, adaptiveRho: Bool = true) {
            self.rho = rho
            self.absoluteTolerance = absoluteTolerance
            self.relativeTolerance = relativeTolerance
            self.maxIterations = maxIterations
            self.adaptiveRho = adaptiveRho
        }
    }

    /// Where the iteration stopped; `x`, `z`, `u` and `rho` warm-start a neighbouring problem.
    public struct State: Sendable {
        public var x: [Double]
        public var z: [Double]
        /// The scaled dual; the multiplier is `rho * u`.
        public var u: [Double]
        public var rho: Double
        public var iterations = 0
        public var primalResidual = Double.infinity
        public var dualResidual = Double.infinity
        public var converged = false

        public init(x: [Double], z: [Double], u: [Double], rho: Double) {
            self.x = x
            self.z = z
            self.u = u
            self.rho = rho
        }

        /// The multiplier `rho u` of the constraint `A x = z`.
        public var multiplier: [Double] { u.map { rho * $0 } }
    }

    /// Runs ADMM from `start` (whose rho overrides the options' unless it is not positive).
    public static func solve(_ problem: Problem, from start: State, options: Options = Options()) -> State {
        var s = start
        if !(s.rho > 0) { s.rho = options.rho }
        let p = s.z.count, n = s.x.count
        precondition(s.u.count == p, "ADMM: dual of length \(s.u.count) for \(p) constraints")
        s.iterations = 0
        s.converged = false
        while s.iterations < options.maxIterations {
            var v = s.z
            for i in 0..<p { v[i] -= s.u[i] }
            s.x = problem.xUpdate(v, s.rho, s.x)
            let ax = problem.applyA(s.x)
            var w = ax
            for i in 0..<p { w[i] += s.u[i] }
            let previous = s.z
            s.z = problem.zUpdate(w, s.rho)
            var r = 0.0
            for i in 0..<p {
                let gap = ax[i] - s.z[i]
                s.u[i] += gap
                r += gap * gap
            }
            let zChange = problem.applyAT(Vector.subtract(s.z, previous))
            s.primalResidual = r.squareRoot()
            s.dualResidual = s.rho * Vector.norm(zChange)
            s.iterations += 1
            let primalTolerance = Double(p).squareRoot() * options.absoluteTolerance
                + options.relativeTolerance * max(Vector.norm(ax), Vector.norm(s.z))
            let dualTolerance = Double(n).squareRoot() * options.absoluteTolerance
                + options.relativeTolerance * s.rho * Vector.norm(problem.applyAT(s.u))
            if s.primalResidual <= primalTolerance && s.dualResidual <= dualTolerance {
                s.converged = true
                break
            }
            if options.adaptiveRho {
                if s.primalResidual > 10 * s.dualResidual {
                    s.rho *= 2
                    for i in 0..<p { s.u[i] /= 2 }
                } else if s.dualResidual > 10 * s.primalResidual {
                    s.rho /= 2
                    for i in 0..<p { s.u[i] *= 2 }
                }
            }
        }
        return s
    }
}
