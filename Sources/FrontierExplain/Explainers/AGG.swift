import FrontierML
import FrontierSolvers

/// AGG (Decker et al., 2024, as POE's experiments extend it): the convex combination
/// `sum_m alpha_m W_m` of base explanations that minimises a lambda-mix of Table 2's losses,
///
///     minimise_alpha  sum_i lambda_i L_i(sum_m alpha_m W_m)   subject to  alpha >= 0, sum alpha = 1.
///
/// The quadratic losses make it a QP over the simplex in the m weights (`SimplexQP`); with
/// complexity, ADMM splits `Z = sum_m alpha_m W_m` and each alpha-step is such a QP. Its
/// reach is bounded by its base set: three SmoothGrad and three LIME explanations by
/// default. R-max is not supported (the paper runs AGG with F-grad, R-avg and complexity).
public struct AGG: Explainer {
    public struct Settings: PluginSettings {
        public var objective = PropertyObjectiveSettings()
        public var base = BaseExplanationSettings()

        public init() {}

        public init(objective: PropertyObjectiveSettings, base: BaseExplanationSettings = BaseExplanationSettings()) {
            self.objective = objective
            self.base = base
        }

        public static var settingKeys: [String] {
            PropertyObjectiveSettings.keys + BaseExplanationSettings.CodingKeys.allCases.map(\.stringValue)
        }

        public enum CodingKeys: CodingKey, CaseIterable {}

        public init(from decoder: Decoder) throws {
            objective = try PropertyObjectiveSettings(from: decoder)
            base = try BaseExplanationSettings(from: decoder)
        }

        public func encode(to encoder: Encoder) throws {
            try objective.encode(to: encoder)
            try base.encode(to: encoder)
        }

        public func validate(for plugin: String) throws(ExplainError) {
            try objective.validate(for: plugin)
            try base.validate(for: plugin)
            guard objective.weights.rMax == 0 else {
                throw ExplainError(plugin: plugin, field: "r_max", "AGG combines with quadratic losses and complexity only")
            }
        }
    }

    public static let name = "agg"
    public static let summary = "the best convex combination of SmoothGrad and LIME explanations for a lambda-mix of property losses (AGG)"
    public let settings: Settings
    public var kind: AttributionKind { .slope }

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions] {
        var result: [Attributions] = []
        for explained in outputs {
            let base = try settings.base.explanations(rows, explaining: explained, model: &model, context: context, generator: &generator)
            let problem = try settings.objective.problem(rows, explaining: explained, model: &model,
                                                         values: settings.objective.weights.fFunc > 0)
            let combined = try Self.combine(base, problem: problem, weights: settings.objective.weights)
            result.append(Attributions(kind: .slope, values: combined.explanation.floatMatrix, outputs: explained))
        }
        return result
    }

    /// The best convex combination of `base` for `weights` on `problem`.
    public static func combine(_ base: [DenseMatrix], problem: TransductiveProblem,
                               weights: PropertyWeights) throws(ExplainError) -> (alpha: [Double], explanation: DenseMatrix) {
        try problem.check(weights)
        guard weights.rMax == 0 else { throw ExplainError(plugin: name, field: "r_max", "AGG combines with quadratic losses and complexity only") }
        guard !base.isEmpty, base.allSatisfy({ $0.rows == problem.rowCount && $0.cols == problem.featureCount }) else {
            throw ExplainError("agg: base explanations must be \(problem.rowCount) x \(problem.featureCount)")
        }
        let quadratic = QuadraticPart(problem: problem, weights: weights)
        let m = base.count
        // Q(sum alpha_m W_m) = 1/2 alpha^T (W^T H W) alpha - (W^T B)^T alpha + c.
        let images = base.map { quadratic.apply($0) }
        let b = quadratic.linearTerm
        var hessian = DenseMatrix(rows: m, cols: m)
        for i in 0..<m { for j in 0..<m { hessian[i, j] = base[i].dot(images[j]) } }
        let linear = base.map { -$0.dot(b) }
        let alpha: [Double]
        do {
            alpha = weights.complexity > 0
                ? try withComplexity(base, hessian: hessian, linear: linear, lambda: weights.complexity)
                : try SimplexQP.minimise(hessian: hessian, linear: linear).weights
        } catch { throw ExplainError("agg: \(error.description)") }
        var w = DenseMatrix(rows: problem.rowCount, cols: problem.featureCount)
        for (a, x) in zip(alpha, base) { w.add(x, scaled: a) }
        return (alpha, w)
    }

    /// ADMM on `Z = M alpha` (M the base explanations as columns): alpha-steps are simplex QPs
    /// with `H + rho M^T M`, Z-steps soft-threshold.
    private static func withComplexity(_ base: [DenseMatrix], hessian: DenseMatrix, linear: [Double],
                                       lambda: Double) throws(SolverError) -> [Double] {
        let m = base.count
        var gram = DenseMatrix(rows: m, cols: m)
        for i in 0..<m { for j in 0..<m { gram[i, j] = base[i].dot(base[j]) } }
        var failure: SolverError?
        let combine = { (alpha: [Double]) -> [Double] in
            var z = [Double](repeating: 0, count: base[0].count)
            for (a, x) in zip(alpha, base) { Vector.axpy(a, x.values, into: &z) }
            return z
        }
        let adjoint = { (y: [Double]) -> [Double] in base.map { Vector.dot($0.values, y) } }
        let problem = ADMM.Problem(
            applyA: combine, applyAT: adjoint,
            xUpdate: { v, rho, previous in
                let h = hessian + rho * gram
                let c = Vector.add(linear, Vector.scaled(adjoint(v), by: -rho))
                do { return try SimplexQP.minimise(hessian: h, linear: c, start: previous).weights } catch {
                    failure = (error as? SolverError) ?? SolverError("\(error)")
                    return previous
                }
            },
            zUpdate: { v, rho in ProximalOperators.softThreshold(v, lambda / rho) })
        let start = [Double](repeating: 1 / Double(m), count: m)
        let initialZ = combine(start)
        let state = ADMM.solve(problem, from: ADMM.State(x: start, z: initialZ, u: [Double](repeating: 0, count: initialZ.count),
                                                         rho: max(lambda, 1e-6)),
                               options: ADMM.Options(absoluteTolerance: 1e-10, relativeTolerance: 1e-8, maxIterations: 5000))
        if let failure { throw failure }
        return state.x
    }
}
