import FrontierML
import FrontierSolvers

/// POE, Property Optimised Explanations (Tadesse et al.): attributions that minimise a
/// user-chosen mix `sum_i lambda_i L_i` of Table 2's property losses, so the trade-off
/// between faithfulness, robustness, smoothness and complexity is set by the lambdas and
/// every result is optimal for its mix.
///
/// - `transductive` (default): the explained rows are the whole problem; any mix of F-grad,
///   F-func, R-avg, R-max, smoothness and complexity, solved exactly (`TransductiveSolver`).
/// - `inductive`: an explanation function fitted on inducing points drawn over the domain
///   (the context's feature ranges), then read at the rows (`InductiveSolver`); F-grad,
///   R-avg (Gaussian-precision similarity) and smoothness.
///
/// Costs N gradient evaluations (plus N outputs with F-func; plus the inducing points'
/// gradients inductively). `sweep` solves many mixes on one set of rows for the cost of one
/// decomposition: the entry point for a job kind with swept lambdas.
public struct POEExplainer: Explainer {
    public enum Mode: String, Codable, CaseIterable, Sendable {
        case transductive, inductive
    }

    public struct Settings: PluginSettings {
        public var objective = PropertyObjectiveSettings()
        public var mode: Mode = .transductive
        public var solver = TransductiveSolverOptions()
        public var inducing = InducingSettings()

        public init() {}

        public init(objective: PropertyObjectiveSettings, mode: Mode = .transductive,
                    solver: TransductiveSolverOptions = TransductiveSolverOptions(), inducing: InducingSettings = InducingSettings()) {
            self.objective = objective
            self.mode = mode
            self.solver = solver
            self.inducing = inducing
        }

        /// The objective's keys (the lambdas, similarities) and the solver's.
        public static var settingKeys: [String] { PropertyObjectiveSettings.keys + CodingKeys.allCases.map(\.stringValue) }

        public enum CodingKeys: String, CodingKey, CaseIterable {
            case mode, tolerance, maxIterations = "max_iterations", linearSolver = "linear_solver", complexitySolver = "complexity_solver"
            case inducingPoints = "inducing_points", inducingPlacement = "inducing_placement", localPoints = "local_points"
            case localRadius = "local_radius"
        }

        public init(from decoder: Decoder) throws {
            objective = try PropertyObjectiveSettings(from: decoder)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            mode = try c.decode(Mode.self, forKey: .mode)
            solver = TransductiveSolverOptions(
                tolerance: try c.decode(Double.self, forKey: .tolerance), maxIterations: try c.decode(Int.self, forKey: .maxIterations),
                linearSolver: try c.decode(LinearSolverChoice.self, forKey: .linearSolver),
                complexitySolver: try c.decode(ComplexitySolverChoice.self, forKey: .complexitySolver))
            inducing = InducingSettings(
                placement: try c.decode(InducingSettings.Placement.self, forKey: .inducingPlacement),
                count: try c.decode(Int.self, forKey: .inducingPoints), localCount: try c.decode(Int.self, forKey: .localPoints),
                localRadius: try c.decode(Double.self, forKey: .localRadius))
        }

        public func encode(to encoder: Encoder) throws {
            try objective.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(mode, forKey: .mode)
            try c.encode(solver.tolerance, forKey: .tolerance)
            try c.encode(solver.maxIterations, forKey: .maxIterations)
            try c.encode(solver.linearSolver, forKey: .linearSolver)
            try c.encode(solver.complexitySolver, forKey: .complexitySolver)
            try c.encode(inducing.placement, forKey: .inducingPlacement)
            try c.encode(inducing.count, forKey: .inducingPoints)
            try c.encode(inducing.localCount, forKey: .localPoints)
            try c.encode(inducing.localRadius, forKey: .localRadius)
        }

        public func validate(for plugin: String) throws(ExplainError) {
            try objective.validate(for: plugin)
            guard solver.tolerance > 0, solver.tolerance < 1 else {
                throw ExplainError(plugin: plugin, field: "tolerance", "must be in (0, 1) (got \(solver.tolerance))")
            }
            guard solver.maxIterations >= 1 else {
                throw ExplainError(plugin: plugin, field: "max_iterations", "must be at least 1 (got \(solver.maxIterations))")
            }
            if mode == .inductive {
                let w = objective.weights
                guard w.fFunc == 0, w.rMax == 0, w.complexity == 0 else {
                    throw ExplainError(plugin: plugin, field: "mode", "inductive POE optimises f_grad, r_avg and smoothness only")
                }
                guard w.fGrad > 0 else { throw ExplainError(plugin: plugin, field: "f_grad", "inductive POE needs a positive f_grad") }
                guard objective.robustness.similarity == .gaussianPrecision || w.rAvg == 0 else {
                    throw ExplainError(plugin: plugin, field: "similarity",
                                       "inductive POE's robustness is the Gaussian kernel's precision: use gaussian_precision")
                }
                try inducing.validate(for: plugin)
            }
        }
    }

    public static let name = "poe"
    public static let summary = "attributions optimised for a lambda-mix of faithfulness, robustness, smoothness and complexity (POE)"
    public let settings: Settings
    public var kind: AttributionKind { .slope }

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions] {
        switch settings.mode {
        case .transductive:
            return try sweep(rows, explaining: outputs, model: &model, mixes: [settings.objective.weights]).map(\.[0])
        case .inductive:
            return try outputs.map { (explained) throws(ExplainError) -> Attributions in
                try inductive(rows, explaining: explained, model: &model, context: context, generator: &generator)
            }
        }
    }

    /// Transductive POE for several mixes on the same rows: per output set, the solutions of
    /// every mix in order (`result[s][m]`), each warm-started from the previous one, for one
    /// decomposition of the Laplacians and one gradient evaluation per row.
    public func sweep(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                      mixes: [PropertyWeights]) throws(ExplainError) -> [[Attributions]] {
        try solutions(rows, explaining: outputs, model: &model, mixes: mixes).enumerated().map { s, set in
            set.map { Attributions(kind: .slope, values: $0.explanations.floatMatrix, outputs: outputs[s]) }
        }
    }

    /// The solver's full results (explanations, losses, optimality certificates, timings).
    public func solutions(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          mixes: [PropertyWeights]) throws(ExplainError) -> [[TransductiveSolution]] {
        for mix in mixes { try mix.validate(for: Self.name) }
        let needsOutputs = mixes.contains { $0.fFunc > 0 }
        var result: [[TransductiveSolution]] = []
        for explained in outputs {
            let problem = try settings.objective.problem(rows, explaining: explained, model: &model, values: needsOutputs)
            var solver = TransductiveSolver(problem: problem, options: settings.solver)
            result.append(try solver.sweep(mixes))
        }
        return result
    }

    /// Inductive POE: inducing points over the context's feature ranges, one GP (global) or one
    /// per row (local); rows explaining the same output share the global inducing points.
    private func inductive(_ rows: Matrix, explaining explained: [Int], model: inout MeteredModel,
                           context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> Attributions {
        let d = rows.cols
        // The training rows' ranges; a constant feature gets a unit-wide box around its value.
        let constant = (0..<d).map { context.featureMaximums[$0] <= context.featureMinimums[$0] }
        let domain = try Domain(low: (0..<d).map { Double(context.featureMinimums[$0]) - (constant[$0] ? 0.5 : 0) },
                                high: (0..<d).map { Double(context.featureMaximums[$0]) + (constant[$0] ? 0.5 : 0) })
        let solver = try InductiveSolver(weights: settings.objective.weights, lengthScale: settings.objective.robustness.lengthScale,
                                         features: settings.objective.smoothness.featureSpectrum(features: d, plugin: Self.name))
        let queries = DenseMatrix(rows)
        let queryGradients = DenseMatrix(model.inputGradients(rows, outputs: explained))
        var values = DenseMatrix(rows: rows.rows, cols: d)
        let inducing = settings.inducing
        for output in Set(explained).sorted() {
            let members = explained.indices.filter { explained[$0] == output }
            if inducing.placement == .global {
                let set = InducingSet.global(domain, count: inducing.count, generator: &generator)
                let e = try solve(solver, members: members, set: set, output: output, queries: queries,
                                  queryGradients: queryGradients, model: &model)
                for (i, r) in members.enumerated() { for j in 0..<d { values[r, j] = e[i, j] } }
                continue
            }
            for r in members {
                let box = domain.neighbourhood(of: queries.row(r), radius: inducing.localRadius)
                let set = InducingSet.mixed(domain, box: box, global: inducing.placement == .local ? 0 : inducing.count,
                                            local: inducing.localCount, generator: &generator)
                let e = try solve(solver, members: [r], set: set, output: output, queries: queries,
                                  queryGradients: queryGradients, model: &model)
                for j in 0..<d { values[r, j] = e[0, j] }
            }
        }
        return Attributions(kind: .slope, values: values.floatMatrix, outputs: explained)
    }

    private func solve(_ solver: InductiveSolver, members: [Int], set: InducingSet, output: Int, queries: DenseMatrix,
                       queryGradients: DenseMatrix, model: inout MeteredModel) throws(ExplainError) -> DenseMatrix {
        let points = Matrix(rows: set.points.count, cols: queries.cols, scalars: set.points.flatMap { $0.map(Float.init) })
        let gradients = model.inputGradients(points, outputs: [Int](repeating: output, count: points.rows))
        let pick = { (m: DenseMatrix) in DenseMatrix(rows: members.count, cols: m.cols, values: members.flatMap { m.row($0) }) }
        return try solver.explain(queries: pick(queries), inducing: DenseMatrix(points), gradients: DenseMatrix(gradients),
                                  importance: set.weights, queryGradients: pick(queryGradients))
    }
}
