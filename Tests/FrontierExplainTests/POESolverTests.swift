import Foundation
import Testing
import FrontierML
import FrontierSolvers
@testable import FrontierExplain

@Suite("POE's transductive solvers: optimality for every property mix")
struct POESolverTests {
    /// Mixes covering every solver path, with the problem each runs on.
    static let cases: [(name: String, weights: PropertyWeights, similarity: InputSimilarity, smoothness: Smoothness.Settings,
                        options: TransductiveSolverOptions, solver: String)] = [
        ("F-grad + R-avg, uniform S", PropertyWeights(fGrad: 1, rAvg: 0.05), .uniform, .init(), .init(), "kronecker"),
        ("F-grad + R-avg gaussian + S uniform", PropertyWeights(fGrad: 0.6, rAvg: 0.3, smoothness: 0.1), .gaussian, .init(), .init(), "kronecker"),
        ("F-grad + R-avg precision + S grid", PropertyWeights(fGrad: 1, rAvg: 0.2, smoothness: 0.3), .gaussianPrecision,
         .init(similarity: .grid, gridWidth: 2), .init(), "kronecker"),
        ("F-grad + F-func + R-avg + S, direct", PropertyWeights(fGrad: 0.5, fFunc: 0.2, rAvg: 0.2, smoothness: 0.1), .gaussian,
         .init(), .init(linearSolver: .direct), "least_squares"),
        ("F-grad + F-func + R-avg, conjugate gradients", PropertyWeights(fGrad: 0.5, fFunc: 0.2, rAvg: 0.2), .gaussian,
         .init(), .init(linearSolver: .conjugateGradient), "least_squares"),
        ("F-func + R-avg, no F-grad", PropertyWeights(fFunc: 1, rAvg: 0.5), .uniform, .init(), .init(), "least_squares"),
        ("F-grad + R-avg + C, ADMM", PropertyWeights(fGrad: 1, rAvg: 0.05, complexity: 2), .gaussian, .init(), .init(), "admm_l1"),
        ("F-grad + R-avg + S + C, FISTA", PropertyWeights(fGrad: 1, rAvg: 0.05, smoothness: 0.1, complexity: 2), .uniform,
         .init(), .init(complexitySolver: .fista), "fista_l1"),
        ("F-grad + F-func + R-avg + C", PropertyWeights(fGrad: 1, fFunc: 0.1, rAvg: 0.05, complexity: 1), .gaussian,
         .init(), .init(), "fista_l1"),
        ("F-grad + R-max", PropertyWeights(fGrad: 1, rMax: 0.3), .uniform, .init(), .init(), "admm_max"),
        ("F-grad + R-max gaussian + R-avg", PropertyWeights(fGrad: 1, rAvg: 0.05, rMax: 0.5), .gaussian, .init(), .init(), "admm_max"),
        ("F-grad + R-avg + R-max + S + C", PropertyWeights(fGrad: 1, rAvg: 0.05, rMax: 0.3, smoothness: 0.1, complexity: 1), .uniform,
         .init(), .init(), "admm_max"),
        ("F-grad + F-func + R-max", PropertyWeights(fGrad: 1, fFunc: 0.1, rMax: 0.3), .uniform, .init(), .init(), "admm_max"),
    ]

    @Test("KKT residual and duality gap below tolerance; the solver the mix calls for", arguments: 0..<cases.count)
    func optimality(index: Int) throws {
        let c = Self.cases[index]
        let d = c.smoothness.similarity == .grid ? 4 : 3
        let problem = try poeProblem(n: 7, d: d, similarity: c.similarity, smoothness: c.smoothness)
        var solver = TransductiveSolver(problem: problem, options: c.options)
        let solution = try solver.solve(c.weights)
        #expect(solution.solver == c.solver, "\(c.name)")
        #expect(solution.kktResidual < 1e-6, "\(c.name): KKT residual \(solution.kktResidual)")
        if let gap = solution.dualityGap { #expect(gap < 1e-6, "\(c.name): duality gap \(gap)") }
        // The objective the solver reports is Table 2's, summed pair by pair.
        let reference = referenceObjective(solution.explanations, problem, c.weights)
        #expect(abs(solution.objective - reference) <= 1e-9 * max(1, abs(reference)), "\(c.name)")
    }

    @Test("Brute force on tiny problems: no perturbation improves the solution, and a long subgradient run does no better",
          arguments: 0..<cases.count)
    func bruteForce(index: Int) throws {
        let c = Self.cases[index]
        let d = c.smoothness.similarity == .grid ? 4 : 2
        let problem = try poeProblem(n: 4, d: d, seed: 9, similarity: c.similarity, smoothness: c.smoothness)
        var options = c.options
        options.tolerance = 1e-11
        var solver = TransductiveSolver(problem: problem, options: options)
        let w = try solver.solve(c.weights).explanations
        let best = referenceObjective(w, problem, c.weights)
        // A convex function has no local minimum that is not global: random directions at
        // every scale must not go down (beyond rounding).
        var g = SeededGenerator(seed: 77)
        for trial in 0..<3000 {
            let scale = pow(10, -1 - 5 * Double(trial % 6) / 5)
            var x = w
            for i in x.values.indices { x.values[i] += scale * g.nextNormal() }
            let value = referenceObjective(x, problem, c.weights)
            #expect(value >= best - 1e-10 * max(1, abs(best)), "\(c.name): scale \(scale) lowered \(best) to \(value)")
            if value < best - 1e-10 * max(1, abs(best)) { break }
        }
        // The subgradient method with steps 1 / (mu (k + L / mu)) and averaging, mu and L the
        // extreme curvatures of the quadratic part (the maximum adds at most 4 l_Rm N).
        let quadratic = try SymmetricEigen(QuadraticPart(problem: problem, weights: c.weights).assembled()).values
        let mu = quadratic.first!, lipschitz = quadratic.last! + 4 * c.weights.rMax * Double(problem.rowCount)
        #expect(mu > 0, "\(c.name): the mix should be strongly convex for this test")
        var x = DenseMatrix(rows: w.rows, cols: w.cols)
        var average = x
        var lowest = Double.infinity
        for k in 1...40_000 {
            let step = 1 / (mu * Double(k) + lipschitz)
            x.add(referenceSubgradient(x, problem, c.weights), scaled: -step)
            average = (1 - 1 / Double(k)) * average + (1 / Double(k)) * x
            if k % 1000 == 0 { lowest = min(lowest, referenceObjective(average, problem, c.weights), referenceObjective(x, problem, c.weights)) }
        }
        #expect(best <= lowest + 1e-9 * max(1, abs(lowest)), "\(c.name): solver \(best), subgradient \(lowest)")
        #expect(lowest - best < 1e-2 * max(1, abs(best)), "\(c.name): the subgradient run should come near: \(lowest) vs \(best)")
    }

    @Test("Quadratic mixes equal the dense solve of the Hessian assembled from Table 2's definitions")
    func denseReference() throws {
        for c in Self.cases where c.weights.isQuadratic {
            let d = c.smoothness.similarity == .grid ? 4 : 3
            let problem = try poeProblem(n: 5, d: d, seed: 5, similarity: c.similarity, smoothness: c.smoothness)
            var solver = TransductiveSolver(problem: problem, options: c.options)
            let w = try solver.solve(c.weights).explanations
            // J(x) = 1/2 x^T H x - b^T x + c exactly: H and b from second and first differences at 0.
            let size = w.count
            let zero = DenseMatrix(rows: w.rows, cols: w.cols)
            func j(_ entries: [(Int, Double)]) -> Double {
                var x = zero
                for (i, v) in entries { x.values[i] += v }
                return referenceObjective(x, problem, c.weights)
            }
            let j0 = j([])
            var h = DenseMatrix(rows: size, cols: size)
            var b = [Double](repeating: 0, count: size)
            for a in 0..<size {
                b[a] = -(j([(a, 1)]) - j([(a, -1)])) / 2
                for e in 0..<size { h[a, e] = j([(a, 1), (e, 1)]) - j([(a, 1)]) - j([(e, 1)]) + j0 }
            }
            let eigen = try SymmetricEigen(h)
            let top = eigen.values.map(abs).max()!
            let reference = eigen.function { abs($0) > 1e-10 * top ? 1 / $0 : 0 }.multiplied(by: b)
            let scale = reference.map(abs).max()!
            #expect(zip(w.values, reference).map { abs($0 - $1) }.max()! < 1e-7 * max(1, scale), "\(c.name)")
        }
    }

    @Test("Uniform similarity has the closed form mean + (G - mean) l_Fg / (l_Fg + 2 N l_Ra)")
    func uniformClosedForm() throws {
        let problem = try poeProblem(n: 9, d: 3)
        var solver = TransductiveSolver(problem: problem)
        let (lf, lr) = (0.7, 0.02)
        let w = try solver.solve(PropertyWeights(fGrad: lf, rAvg: lr)).explanations
        let shrink = lf / (lf + 2 * 9 * lr)
        for j in 0..<3 {
            let mean = (0..<9).reduce(0.0) { $0 + problem.gradients[$1, j] } / 9
            for i in 0..<9 { #expect(abs(w[i, j] - (mean + (problem.gradients[i, j] - mean) * shrink)) < 1e-10) }
        }
    }

    @Test("A warm-started sweep gives the cold solutions, and the losses through the Laplacians equal the pairwise sums")
    func sweep() throws {
        let problem = try poeProblem(n: 8, d: 3, similarity: .gaussian)
        let mixes = (0..<5).map { PropertyWeights(fGrad: 1, rAvg: 0.01 * Double($0 + 1), complexity: 0.5 + 0.3 * Double($0)) }
        var warm = TransductiveSolver(problem: problem)
        let swept = try warm.sweep(mixes)
        for (mix, solution) in zip(mixes, swept) {
            var cold = TransductiveSolver(problem: problem)
            let single = try cold.solve(mix)
            #expect(maxAbs(single.explanations, solution.explanations) < 1e-6)
            let w = solution.explanations
            #expect(abs(solution.losses.rAvg - PropertyLosses.averageRobustness(w, similarity: problem.similarity!)) < 1e-9 * max(1, solution.losses.rAvg))
        }
        #expect(swept.last!.explanations.values.contains(0), "complexity makes some attributions exactly zero")
    }

    @Test("A sweep of Kronecker mixes solved in one batch equals one solve per mix, certificates included",
          arguments: [InputSimilarity.uniform, .gaussian, .gaussianPrecision])
    func batchedSweep(similarity: InputSimilarity) throws {
        let problem = try poeProblem(n: 12, d: 3, similarity: similarity)
        let mixes = (0..<6).map { PropertyWeights(fGrad: 1, rAvg: 0.003 * pow(3, Double($0)), smoothness: 0.02 * Double($0)) }
        var batch = TransductiveSolver(problem: problem)
        let swept = try batch.sweep(mixes)
        for (mix, solution) in zip(mixes, swept) {
            var single = TransductiveSolver(problem: problem)
            let one = try single.solve(mix)
            #expect(maxAbs(one.explanations, solution.explanations) < 1e-10 * max(1, one.explanations.norm))
            #expect(abs(one.losses.rAvg - solution.losses.rAvg) < 1e-9 * max(1, one.losses.rAvg))
            #expect(abs(one.losses.smoothness - solution.losses.smoothness) < 1e-9 * max(1, one.losses.smoothness))
            #expect(abs(one.objective - solution.objective) < 1e-9 * max(1, one.objective))
            #expect(solution.kktResidual < 1e-10 && (solution.dualityGap ?? 1) < 1e-12)
        }
    }

    @Test("Mixes the problem cannot take are refused with the field named")
    func refusals() throws {
        let precision = try poeProblem(similarity: .gaussianPrecision)
        var solver = TransductiveSolver(problem: precision)
        #expect(throws: ExplainError.self) { try solver.solve(PropertyWeights(fGrad: 1, rMax: 1)) }
        #expect(throws: ExplainError.self) { try solver.solve(PropertyWeights()) }
        #expect(throws: ExplainError.self) { try solver.solve(PropertyWeights(fGrad: -1, rAvg: 1)) }
        let noOutputs = try TransductiveProblem(rows: precision.rows, gradients: precision.gradients, outputs: nil,
                                                robustness: RobustnessSettings(), smoothness: Smoothness.Settings())
        var other = TransductiveSolver(problem: noOutputs)
        do {
            _ = try other.solve(PropertyWeights(fFunc: 1))
            Issue.record("F-func without f's values was accepted")
        } catch {
            #expect(error.description.hasPrefix("poe.f_func"))
        }
    }
}
