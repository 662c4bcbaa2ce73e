import FrontierSolvers

/// Which algorithm minimises a mix with the L1 complexity term.
public enum ComplexitySolverChoice: String, Codable, CaseIterable, Sendable {
    /// ADMM when the quadratic part is Kronecker-structured (no F-func), FISTA otherwise.
    case auto
    /// ADMM splitting `W = Z`: exact structured solves for W, soft thresholding for Z.
    case admm
    /// Accelerated proximal gradient with restarts.
    case fista
}

/// Options of POE's transductive solvers (one home: POE's explainer settings carry them).
public struct TransductiveSolverOptions: Codable, Equatable, Sendable {
    /// Relative optimality target: iterative solvers stop when their KKT residual (or
    /// ADMM's residuals) fall below it.
    public var tolerance = 1e-8
    public var maxIterations = 20_000
    public var linearSolver: LinearSolverChoice = .auto
    public var complexitySolver: ComplexitySolverChoice = .auto
    /// Report R-max (O(N^2 D)) even when the mix does not weigh it.
    public var allLosses = true

    public init(tolerance: Double = 1e-8, maxIterations: Int = 20_000, linearSolver: LinearSolverChoice = .auto,
                complexitySolver: ComplexitySolverChoice = .auto, allLosses: Bool = true) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.linearSolver = linearSolver
        self.complexitySolver = complexitySolver
        self.allLosses = allLosses
    }
}

/// One solved mix.
public struct TransductiveSolution: Sendable {
    /// `N x D` explanations.
    public var explanations: DenseMatrix
    /// Which algorithm produced them: `kronecker`, `least_squares`, `admm_l1`, `fista_l1`, `admm_max`.
    public var solver: String
    public var iterations: Int
    /// The relative KKT residual at the solution (`Optimality`).
    public var kktResidual: Double
    /// The relative duality gap where a dual point is at hand.
    public var dualityGap: Double?
    public var losses: PropertyLossValues
    /// `sum_i lambda_i L_i`.
    public var objective: Double
    public var seconds: Double
}

/// POE's transductive solver: picks an exact method per property mix and keeps warm starts
/// between neighbouring mixes of a sweep.
///
/// | mix | method |
/// |---|---|
/// | F-grad, R-avg, smoothness | diagonal solve in the joint eigenbasis of the two Laplacians (Householder closed form for uniform S) |
/// | + F-func | least squares: direct (Cholesky) or CG preconditioned by the Kronecker part |
/// | + complexity | ADMM (`W = Z`, structured W-step, soft-thresholded Z) or FISTA |
/// | + R-max | ADMM over pairwise differences with the exact proximal map of the max |
public struct TransductiveSolver {
    public let problem: TransductiveProblem
    public var options: TransductiveSolverOptions
    /// The previous solution, the next mix's starting point.
    private var warm: WarmStart?

    struct WarmStart {
        var explanations: DenseMatrix
        var admm: ADMM.State?
        var solver: String
    }

    public init(problem: TransductiveProblem, options: TransductiveSolverOptions = TransductiveSolverOptions()) {
        self.problem = problem
        self.options = options
    }

    /// Minimises `sum_i lambda_i L_i` for `weights`.
    public mutating func solve(_ weights: PropertyWeights) throws(ExplainError) -> TransductiveSolution {
        try problem.check(weights)
        let watch = Stopwatch()
        var quadratic = QuadraticPart(problem: problem, weights: weights, linearSolver: options.linearSolver)
        quadratic.tolerance = min(1e-10, options.tolerance * 1e-2)
        let result: (w: DenseMatrix, solver: String, iterations: Int, state: ADMM.State?, dual: DualCertificate?)
        if weights.rMax > 0 {
            let solved = try MaxRobustnessSolver(quadratic: quadratic, options: options)
                .solve(warm: warm?.solver == "admm_max" ? warm : nil)
            result = (solved.w, "admm_max", solved.iterations, solved.state, solved.dual)
        } else if weights.complexity > 0 {
            let useADMM = options.complexitySolver == .admm || (options.complexitySolver == .auto && quadratic.isKronecker)
            let solver = ComplexitySolver(quadratic: quadratic, options: options)
            if useADMM {
                let solved = try solver.admm(warm: warm?.solver == "admm_l1" ? warm?.admm : nil, start: warm?.explanations)
                result = (solved.w, "admm_l1", solved.iterations, solved.state, nil)
            } else {
                let solved = solver.fista(start: warm?.explanations)
                result = (solved.w, "fista_l1", solved.iterations, nil, nil)
            }
        } else {
            let w = try quadratic.solve(quadratic.linearTerm, warm: warm?.explanations)
            result = (w, quadratic.isKronecker ? "kronecker" : "least_squares", 1, nil, nil)
        }
        warm = WarmStart(explanations: result.w, admm: result.state, solver: result.solver)
        let losses = problem.losses(result.w, maximum: options.allLosses || weights.rMax > 0)
        let objective = weights.total(losses)
        let certificates = try Optimality(quadratic: quadratic).certify(result.w, objective: objective, maxDual: result.dual)
        return TransductiveSolution(
            explanations: result.w, solver: result.solver, iterations: result.iterations, kktResidual: certificates.kkt,
            dualityGap: certificates.gap, losses: losses, objective: objective, seconds: watch.seconds)
    }

    /// Solves every mix in order, each warm-started from the one before; a sweep of
    /// Kronecker-structured mixes (no F-func, R-max or complexity) is solved in one batch.
    public mutating func sweep(_ mixes: [PropertyWeights]) throws(ExplainError) -> [TransductiveSolution] {
        if mixes.count > 1 && mixes.allSatisfy({ $0.isQuadratic && $0.fFunc == 0 }) {
            let solutions = try KroneckerSweep(problem: problem).solve(mixes, maximum: options.allLosses)
            warm = solutions.last.map { WarmStart(explanations: $0.explanations, admm: nil, solver: $0.solver) }
            return solutions
        }
        var out: [TransductiveSolution] = []
        out.reserveCapacity(mixes.count)
        for mix in mixes { out.append(try solve(mix)) }
        return out
    }
}
