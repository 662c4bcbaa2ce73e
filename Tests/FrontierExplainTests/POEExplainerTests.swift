import Foundation
import Testing
import FrontierML
import FrontierSettings
import FrontierSolvers
@testable import FrontierExplain

@Suite("POE, AGG and MOFAE as explainer plug-ins; the synthetic functions")
struct POEExplainerTests {
    let model = SyntheticFunction(.cubic, dimensions: 3)
    var rows: Matrix {
        Matrix(rows: 27, cols: 3, scalars: QueryPoints.grid(count: 27, dimensions: 3, low: -2, high: 2).flatMap { $0.map(Float.init) })
    }
    var context: ExplanationContext { sampleContext(rows) }

    func metric(_ name: String, _ a: Attributions, settings: SettingValue = .null) throws -> Double {
        var g = SeededGenerator(seed: 1)
        return try PropertyMetrics.registry.make(name, settings: settings)
            .measure(MetricInput(rows: rows, attributions: a), model: model, context: context, generator: &g).value
    }

    @Test("POE with R-avg weighted 0 returns the gradient; raising R-avg trades F-grad for R-avg")
    func tradeOff() throws {
        var g = SeededGenerator(seed: 1)
        let exact = try Explainers.registry.make("poe", settings: .map(["r_avg": .number(0)]))
            .explain(rows, model: model, context: context, generator: &g).attributions[0]
        #expect(try metric("f_grad", exact) < 1e-6)
        var previous = (f: 0.0, r: Double.infinity)
        for lambda in [0.001, 0.01, 0.1] {
            let a = try Explainers.registry.make("poe", settings: .map(["r_avg": .number(lambda)]))
                .explain(rows, model: model, context: context, generator: &g).attributions[0]
            let (f, r) = (try metric("f_grad", a), try metric("r_avg", a))
            #expect(f > previous.f && r < previous.r)
            previous = (f, r)
        }
    }

    @Test("Table 2's losses of any explanation under the objective's similarities are the metrics with those similarities")
    func lossesOfAttributions() throws {
        var g = SeededGenerator(seed: 2)
        let attributions = try SmoothGrad(settings: .init(samples: 20, noise: 0.5, noiseScale: .absolute))
            .explain(rows, model: model, context: context, generator: &g).attributions[0]
        let objective = PropertyObjectiveSettings(weights: PropertyWeights(fGrad: 1, rAvg: 0.1),
                                                  robustness: .init(similarity: .gaussian, lengthScale: 2))
        var metered = MeteredModel(model)
        let losses = try objective.losses(of: attributions, rows: rows, model: &metered)
        let gaussian = SettingValue.map(["similarity": .string("gaussian"), "length_scale": .number(2)])
        for (name, settings) in [("f_grad", SettingValue.null), ("f_func", .null), ("r_avg", gaussian), ("r_max", gaussian),
                                 ("smoothness", .null), ("complexity_l1", .null)] {
            let expected = try metric(name, attributions, settings: settings)
            let value = try #require(losses[name])
            #expect(expected > 0 && abs(value - expected) <= 1e-9 * expected, "\(name): \(value) against the metric's \(expected)")
        }
        // Under another similarity R-avg differs: the losses follow the objective, not the metric's default.
        #expect(abs(losses.rAvg - (try metric("r_avg", attributions))) > 1e-3 * losses.rAvg)
    }

    @Test("A sweep is the same as one explanation per mix, and its solutions carry their certificates")
    func sweep() throws {
        let poe = try POEExplainer(settings: .init(objective: .init(weights: PropertyWeights(fGrad: 1, rAvg: 0.01),
                                                                   robustness: .init(similarity: .gaussian, lengthScale: 1))))
        let mixes = [PropertyWeights(fGrad: 1, rAvg: 0.001), PropertyWeights(fGrad: 1, rAvg: 0.01, complexity: 1)]
        var metered = MeteredModel(model)
        let solutions = try poe.solutions(rows, explaining: [[Int](repeating: 0, count: 27)], model: &metered, mixes: mixes)[0]
        #expect(metered.usage.gradientEvaluations == 27)
        for (mix, solution) in zip(mixes, solutions) {
            #expect(solution.kktResidual < 1e-6)
            var single = poe.settings
            single.objective.weights = mix
            var g = SeededGenerator(seed: 1)
            let one = try POEExplainer(settings: single).explain(rows, model: model, context: context, generator: &g).attributions[0]
            #expect(zip(one.values.scalars, solution.explanations.values).allSatisfy { abs(Double($0) - $1) < 1e-4 * max(1, abs($1)) })
        }
    }

    @Test("POE's settings: flat lambda keys, defaults kept, bad values refused with their path", arguments: [
        ("{r_max: -1}", "poe.r_max: must be a finite non-negative weight"),
        ("{lambda: 1}", "poe.lambda: unknown field"),
        ("{f_grad: 0, r_avg: 0}", "poe.f_grad: at least one property weight must be positive"),
        ("{mode: inductive, complexity_l1: 1}", "poe.mode: inductive POE optimises"),
        ("{mode: inductive, r_avg: 1}", "poe.similarity: inductive POE's robustness"),
        ("{similarity: cosine}", "poe.similarity"),
        ("{feature_similarity: grid}", "poe.grid_width: grid similarity needs a positive grid width"),
        ("{tolerance: 0}", "poe.tolerance: must be in (0, 1)"),
    ])
    func refusals(yaml: String, message: String) {
        do {
            _ = try Explainers.registry.make("poe", settings: try SettingValue.parse(yaml: yaml), at: "poe")
            Issue.record("poe accepted \(yaml)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error)")
        }
    }

    @Test("Settings read from a tree keep every default they do not name and round-trip")
    func settingsTree() throws {
        let poe = try POEExplainer(tree: try SettingValue.parse(yaml: "{r_avg: 0.2, similarity: gaussian, linear_solver: direct}"), at: "")
        #expect(poe.settings.objective.weights == PropertyWeights(fGrad: 1, rAvg: 0.2))
        #expect(poe.settings.objective.robustness.similarity == .gaussian)
        #expect(poe.settings.solver.linearSolver == .direct)
        #expect(poe.settings.solver.tolerance == 1e-8)
        #expect(try POEExplainer(tree: poe.settings.tree, at: "").settings == poe.settings)
        #expect(Explainers.registry["poe"]!.knownSettings.isSuperset(of: ["f_grad", "r_avg", "complexity_l1", "length_scale", "mode"]))
    }

    @Test("AGG: no base explanation and no other combination scores lower on its mix")
    func agg() throws {
        let problem = try poeProblem(n: 10, d: 3, seed: 2)
        var g = SeededGenerator(seed: 3)
        let base = (0..<4).map { k in
            DenseMatrix(rows: 10, cols: 3, values: problem.gradients.values.map { $0 * (1 - 0.2 * Double(k)) + 0.5 * g.nextNormal() })
        }
        for weights in [PropertyWeights(fGrad: 1, rAvg: 0.02), PropertyWeights(fGrad: 1, rAvg: 0.02, complexity: 0.5)] {
            let (alpha, w) = try AGG.combine(base, problem: problem, weights: weights)
            #expect(abs(alpha.reduce(0, +) - 1) < 1e-9 && alpha.allSatisfy { $0 >= -1e-12 })
            let best = referenceObjective(w, problem, weights)
            for _ in 0..<500 {
                let raw = (0..<4).map { _ in -log(g.nextUniform()) }
                let total = raw.reduce(0, +)
                var other = DenseMatrix(rows: 10, cols: 3)
                for (a, x) in zip(raw, base) { other.add(x, scaled: a / total) }
                #expect(referenceObjective(other, problem, weights) >= best - 1e-6 * best)
            }
        }
        #expect(throws: ExplainError.self) { try AGG.combine(base, problem: problem, weights: PropertyWeights(fGrad: 1, rMax: 1)) }
    }

    @Test("AGG and MOFAE as plug-ins: base explanations from SmoothGrad and LIME over delta")
    func baselines() throws {
        var g = SeededGenerator(seed: 4)
        let agg = try Explainers.registry.make("agg", settings: try SettingValue.parse(yaml: "{r_avg: 0.01, base_samples: 200}"))
        let combined = try agg.explain(rows, model: model, context: context, generator: &g).attributions[0]
        // The combination is at least as good on its mix as SmoothGrad with the smallest delta (one of its bases).
        let sg = try SmoothGrad(settings: .init(samples: 200, noise: 1e-5, noiseScale: .absolute))
            .explain(rows, model: model, context: context, generator: &g).attributions[0]
        let mix = { (a: Attributions) throws -> Double in try self.metric("f_grad", a) + 0.01 * (try self.metric("r_avg", a)) }
        #expect(try mix(combined) <= mix(sg) * (1 + 1e-6))
        let mofae = try Explainers.registry.make("mofae", settings: try SettingValue.parse(yaml:
            "{base_samples: 100, extra_smoothgrad: 10, population_size: 20, generations: 15}"))
        var g1 = SeededGenerator(seed: 9), g2 = SeededGenerator(seed: 9)
        let a = try mofae.explain(rows, model: model, context: context, generator: &g1).attributions[0]
        let b = try mofae.explain(rows, model: model, context: context, generator: &g2).attributions[0]
        #expect(a.values == b.values)
    }

    @Test("MOFAE's front: non-dominated members for its objectives")
    func mofaeFront() throws {
        let problem = try poeProblem(n: 8, d: 2, seed: 3)
        var g = SeededGenerator(seed: 5)
        let start = (0..<12).map { k in
            DenseMatrix(rows: 8, cols: 2, values: problem.gradients.values.map { $0 * Double(k) / 11 + 0.3 * g.nextNormal() })
        }
        var settings = MOFAE.Settings()
        settings.populationSize = 16
        settings.generations = 30
        let front = try MOFAE(settings: settings).evolve(start, problem: problem, generator: &g)
        #expect(!front.isEmpty)
        for m in front {
            #expect(!front.contains { $0.losses.fGrad < m.losses.fGrad && $0.losses.rAvg < m.losses.rAvg })
            #expect(abs(m.losses.fGrad - PropertyLosses.gradientFaithfulness(m.explanation, gradients: problem.gradients)) < 1e-9 * max(1, m.losses.fGrad))
        }
    }

    @Test("Synthetic functions: gradients match central differences; the paper's grid in numpy's order")
    func synthetic() {
        for kind in SyntheticFunctionKind.allCases {
            for x in [[0.3, -1.2, 2.1], [-2.5, 0.0, 1.0]] {
                let g = kind.gradient(x[...])
                for j in 0..<3 {
                    var plus = x, minus = x
                    plus[j] += 1e-6
                    minus[j] -= 1e-6
                    let numeric = (kind.value(plus[...]) - kind.value(minus[...])) / 2e-6
                    #expect(abs(numeric - g[j]) < 1e-5 * max(1, abs(g[j])), "\(kind) at \(x)")
                }
            }
        }
        let grid = QueryPoints.grid(count: 100, dimensions: 3)
        #expect(grid.count == 100)
        // numpy: new_make_grid(-5, 5, 100, 3)
        #expect(grid[0] == [-5, -5, -5] && grid[1] == [-5, -5, -2.5] && grid[5] == [-2.5, -5, -5])
        #expect(grid[99] == [5, 2.5, 5])
        #expect(QueryPoints.grid(count: 1000, dimensions: 3)[2][2] == -5 + 10 * 2 / 9.0)
        let model = SyntheticFunction(.exponential, dimensions: 2)
        #expect(model.outputs(Matrix([[0, 1]])).scalars[0] == Float(1 + exp(1.0)))
    }
}
