import Foundation
import Testing
import FrontierML
import FrontierSolvers
@testable import FrontierExplain

@Suite("POE's inductive solver: Gaussian-process inference on inducing points")
struct POEInductiveTests {
    func points(_ count: Int, _ d: Int, _ g: inout SeededGenerator, range: Double = 3) -> DenseMatrix {
        DenseMatrix(rows: count, cols: d, values: (0..<(count * d)).map { _ in -range + 2 * range * g.nextUniform() })
    }

    func gradients(_ x: DenseMatrix, _ f: SyntheticFunctionKind) -> DenseMatrix {
        DenseMatrix(rows: x.rows, cols: x.cols, values: (0..<x.rows).flatMap { f.gradient(x.row($0)) })
    }

    @Test("On the inducing points themselves it is the transductive optimum with the precision similarity (Proposition 1)",
          arguments: [0.0, 0.4])
    func equivalence(smoothness: Double) throws {
        var g = SeededGenerator(seed: 3)
        let (n, d) = (25, 3)
        let x = points(n, d, &g)
        let grad = gradients(x, .sine)
        let lengthScale = 1.2
        let weights = PropertyWeights(fGrad: 1, rAvg: 0.02, smoothness: smoothness)
        let features = try Smoothness.Settings().featureSpectrum(features: d)
        let inductive = try InductiveSolver(weights: weights, lengthScale: lengthScale, features: features)
            .explain(queries: x, inducing: x, gradients: grad, importance: [Double](repeating: 1, count: n), queryGradients: grad)
        let problem = try TransductiveProblem(rows: x, gradients: grad, outputs: nil,
                                              robustness: RobustnessSettings(similarity: .gaussianPrecision, lengthScale: lengthScale),
                                              smoothness: Smoothness.Settings())
        var solver = TransductiveSolver(problem: problem)
        let transductive = try solver.solve(PropertyWeights(fGrad: 1 / Double(n), rAvg: 0.02, smoothness: smoothness / Double(n)))
        let scale = transductive.explanations.values.map(abs).max()!
        #expect(maxAbs(inductive, transductive.explanations) < 1e-6 * scale)
        // And it trades faithfulness for robustness: not the gradients, not a constant.
        #expect(maxAbs(inductive, grad) > 1e-2 * scale)
    }

    @Test("Its error against a dense-inducing reference falls as inducing points grow")
    func convergence() throws {
        let d = 2
        let weights = PropertyWeights(fGrad: 1, rAvg: 0.005)
        let solver = try InductiveSolver(weights: weights, lengthScale: 1, features: CompleteGraphSpectrum(size: d))
        var g = SeededGenerator(seed: 8)
        let queries = points(40, d, &g, range: 2.5)
        let queryGradients = gradients(queries, .quasiPeriodicLinear)
        func explain(_ count: Int, seed: UInt64) throws -> DenseMatrix {
            var draw = SeededGenerator(seed: seed)
            let x = points(count, d, &draw)
            return try solver.explain(queries: queries, inducing: x, gradients: gradients(x, .quasiPeriodicLinear),
                                      importance: [Double](repeating: 1, count: count), queryGradients: queryGradients)
        }
        let reference = try explain(1600, seed: 99)
        let errors = try [25, 100, 400].map { count in
            try (0..<3).map { seed in (try explain(count, seed: UInt64(seed))) - reference }.map { $0.norm }.reduce(0, +) / 3
        }
        #expect(errors[0] > errors[1] && errors[1] > errors[2], "\(errors)")
        #expect(errors[2] < 0.25 * errors[0], "\(errors)")
    }

    @Test("Local inducing points are importance-weighted: a local set as wide as the domain is the global solution")
    func localWeights() throws {
        let domain = try Domain(low: [-1, -1], high: [1, 1])
        var g = SeededGenerator(seed: 4)
        let set = InducingSet.mixed(domain, box: try Domain(low: [-0.5, -0.5], high: [0.5, 0.5]), global: 30, local: 10, generator: &g)
        // Inside the box: (1/4) / (30/40/4 + 10/40/1) = 0.25 / 0.4375; outside: (1/4) / (30/40/4) = 4/3.
        for (x, w) in zip(set.points, set.weights) {
            let inside = x.allSatisfy { abs($0) <= 0.5 }
            #expect(abs(w - (inside ? 0.25 / 0.4375 : 4.0 / 3)) < 1e-12)
        }
        // The weighted sample estimates a mean over the domain: E[x0^2] = 1/3.
        var big = SeededGenerator(seed: 5)
        let many = InducingSet.mixed(domain, box: try Domain(low: [-0.2, -0.2], high: [0.6, 0.6]), global: 20_000, local: 20_000, generator: &big)
        let estimate = zip(many.points, many.weights).reduce(0.0) { $0 + $1.1 * $1.0[0] * $1.0[0] } / Double(many.points.count)
        #expect(abs(estimate - 1.0 / 3) < 0.01)
    }

    @Test("The explainer in inductive mode: global and local inducing points from the context's ranges")
    func explainer() throws {
        let model = SyntheticFunction(.sine, dimensions: 2)
        var g = SeededGenerator(seed: 6)
        let training = Matrix(rows: 200, cols: 2, scalars: (0..<400).map { _ in Float(-3 + 6 * g.nextUniform()) })
        let context = sampleContext(training)
        let rows = Matrix(training.scalars.prefix(20).map { $0 }.chunked(2))
        for placement in ["global", "local", "global_local"] {
            let poe = try Explainers.registry.make("poe", settings: .map([
                "mode": .string("inductive"), "similarity": .string("gaussian_precision"), "length_scale": .number(1),
                "r_avg": .number(0.01), "inducing_points": .number(150), "inducing_placement": .string(placement),
                "local_points": .number(60), "local_radius": .number(1.5)]), at: "poe")
            var draws = SeededGenerator(seed: 1)
            let explanation = try poe.explain(rows, model: model, context: context, generator: &draws)
            let w = explanation.attributions[0].values
            // Close to cos(x) (faithfulness dominates at this lambda), but not equal to it.
            let gradient = model.inputGradients(rows, outputWeights: Matrix(rows: 10, cols: 1, repeating: 1))
            let gap = zip(w.scalars, gradient.scalars).map { abs(Double($0) - Double($1)) }.max()!
            #expect(gap < 0.6 && gap > 1e-4, "\(placement): \(gap)")
        }
    }
}

extension Array where Element == Float {
    func chunked(_ size: Int) -> [[Float]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
