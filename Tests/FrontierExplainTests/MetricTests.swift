import Foundation
import Testing
import FrontierML
@testable import FrontierExplain

@Suite("Property metrics on cases with known values")
struct MetricTests {
    let weights: [Float] = [3, 2, 1]
    var model: NetworkModel { linearNetwork(weights) }
    let rows = Matrix([[1, 1, 1], [0, 2, -1]])

    func attributions(_ values: [[Float]], kind: AttributionKind = .slope) -> Attributions {
        Attributions(kind: kind, values: Matrix(values), outputs: [Int](repeating: 0, count: values.count))
    }

    func measure<M: PropertyMetric>(_ metric: M, _ values: [[Float]], rows: Matrix? = nil, reference: [[Float]]? = nil,
                                    model: (any ExplainableModel)? = nil) throws -> Double {
        let rows = rows ?? self.rows
        var g = SeededGenerator(seed: 1)
        let input = MetricInput(rows: rows, attributions: attributions(values), reference: reference.map { attributions($0) })
        return try metric.measure(input, model: model ?? self.model, context: sampleContext(rows), generator: &g).value
    }

    @Test("F-grad (Table 2d): 0 for the gradient, the sum of squared offsets otherwise")
    func gradientFaithfulness() throws {
        #expect(try measure(GradientFaithfulness(), [weights, weights]) < 1e-12)
        // Offsets (1, 0, 0) and (0, 2, 0): 1 + 4.
        #expect(abs(try measure(GradientFaithfulness(), [[4, 2, 1], [3, 4, 1]]) - 5) < 1e-9)
    }

    @Test("F-func (Table 2e): sum_n (w_n . x_n - f(x_n))^2 at the rows themselves")
    func functionalFaithfulness() throws {
        // f = 3 x0 + 2 x1 + x2 through the origin: its weights reproduce it exactly.
        #expect(try measure(FunctionalFaithfulness(), [weights, weights]) < 1e-9)
        // Zero attributions: f(1, 1, 1)^2 + f(0, 2, -1)^2 = 36 + 9.
        #expect(abs(try measure(FunctionalFaithfulness(), [[0, 0, 0], [0, 0, 0]]) - 45) < 1e-9)
        // (1, 1, 1) . (1, 1, 1) = 3 against 6; (1, 0, 0) . (0, 2, -1) = 0 against 3.
        #expect(abs(try measure(FunctionalFaithfulness(), [[1, 1, 1], [1, 0, 0]]) - 18) < 1e-9)
        // An offset f(x) = w . x + 1 leaves 1 per row even for its own weights.
        #expect(abs(try measure(FunctionalFaithfulness(), [weights, weights], model: linearNetwork(weights, intercept: 1)) - 2) < 1e-6)
    }

    @Test("Infidelity: 0 for a linear model's weights, radius^2 |w|^2 for zero attributions")
    func infidelity() throws {
        let metric = try LocalInfidelity(settings: .init(radius: 0.5, samples: 4000))
        #expect(try measure(metric, [weights, weights]) < 1e-9)
        // E[(w . e)^2] = 0.25 x 14 = 3.5
        #expect(abs(try measure(metric, [[0, 0, 0], [0, 0, 0]]) - 3.5) < 0.2)
    }

    @Test("R-avg and R-max (Table 2f-g) over three rows, uniform and Gaussian similarity")
    func robustness() throws {
        let rows = Matrix([[0, 0, 0], [1, 0, 0], [0, 0, 3]])
        let values: [[Float]] = [[0, 0, 0], [1, 0, 0], [0, 2, 0]]
        // Squared differences: (1,2) 1, (1,3) 4, (2,3) 5; ordered pairs count twice.
        #expect(abs(try measure(AverageRobustness(), values, rows: rows) - 2 * (1 + 4 + 5)) < 1e-9)
        #expect(abs(try measure(MaximumRobustness(), values, rows: rows) - (4 + 5 + 5)) < 1e-9)
        // Gaussian, lengthScale 1: row distances^2 are 1, 9, 10.
        let gaussian = try AverageRobustness(settings: .init(similarity: .gaussian, lengthScale: 1))
        let expected = 2 * (exp(-0.5) * 1 + exp(-4.5) * 4 + exp(-5.0) * 5)
        #expect(abs(try measure(gaussian, values, rows: rows) - expected) < 1e-9)
        let nearest = try MaximumRobustness(settings: .init(similarity: .gaussian, lengthScale: 1))
        let expectedMax = max(exp(-0.5) * 1, exp(-4.5) * 4) + max(exp(-0.5) * 1, exp(-5.0) * 5) + max(exp(-4.5) * 4, exp(-5.0) * 5)
        #expect(abs(try measure(nearest, values, rows: rows) - expectedMax) < 1e-9)
    }

    @Test("Smoothness with uniform, grid and given feature similarity")
    func smoothness() throws {
        let rows = Matrix([[0, 0, 0, 0]])
        let model = linearNetwork([1, 1, 1, 1])
        // Uniform: ordered pairs of [1, 0, 0, 0]: 6 pairs with difference 1.
        #expect(abs(try measure(Smoothness(), [[1, 0, 0, 0]], rows: rows, model: model) - 6) < 1e-12)
        // A 2 x 2 grid: pixel 0 has two neighbours, each pair counted both ways.
        let grid = try Smoothness(settings: .init(similarity: .grid, gridWidth: 2))
        #expect(abs(try measure(grid, [[1, 0, 0, 0]], rows: rows, model: model) - 4) < 1e-12)
        let given = try Smoothness(settings: .init(similarity: .given, matrix: [[0, 0.5, 0, 0], [0, 0, 0, 0], [0, 0, 0, 2], [0, 0, 0, 0]]))
        // 0.5 (1 - 3)^2 + 2 (5 - 0)^2
        #expect(abs(try measure(given, [[1, 3, 5, 0]], rows: rows, model: model) - 52) < 1e-12)
    }

    @Test("Complexity: summed L1 norm (Table 2i) and effective number of features")
    func complexity() throws {
        #expect(abs(try measure(ComplexityL1(), [[1, -2, 0], [0, 0, 0.5]]) - 3.5) < 1e-12)
        // One feature: 1; two equal features: 2; a zero row counts 0.
        #expect(abs(try measure(EffectiveFeatures(), [[3, 0, 0], [1, -1, 0]]) - 1.5) < 1e-12)
        #expect(abs(try measure(EffectiveFeatures(), [[1, 1, 1], [0, 0, 0]]) - 1.5) < 1e-12)
    }

    @Test("Deletion and insertion AUC of f = 3 x0 + 2 x1 + x2 at (1, 1, 1), zero baseline")
    func curves() throws {
        let row = Matrix([[1, 1, 1]])
        let settings = AttributionCurveSettings(baseline: .zeros)
        // Deleting in order 0, 1, 2: outputs 6, 3, 1, 0.
        #expect(abs(try measure(DeletionAUC(settings: settings), [[3, 2, 1]], rows: row) - 7.0 / 3) < 1e-6)
        // The reverse order deletes the least first: 6, 5, 3, 0.
        #expect(abs(try measure(DeletionAUC(settings: settings), [[1, 2, 3]], rows: row) - 11.0 / 3) < 1e-6)
        // Inserting in order 0, 1, 2: 0, 3, 5, 6.
        #expect(abs(try measure(InsertionAUC(settings: settings), [[3, 2, 1]], rows: row) - 11.0 / 3) < 1e-6)
        // Ranked by magnitude, -3 comes first.
        let absolute = AttributionCurveSettings(baseline: .zeros, order: .absolute)
        #expect(abs(try measure(DeletionAUC(settings: absolute), [[-3, 2, 1]], rows: row) - 7.0 / 3) < 1e-6)
        // Two steps over three features delete round(1.5) = 2 then 3: outputs 6, 1, 0.
        let coarse = AttributionCurveSettings(baseline: .zeros, steps: 2)
        #expect(abs(try measure(DeletionAUC(settings: coarse), [[3, 2, 1]], rows: row) - 2) < 1e-6)
    }

    @Test("Group deletion and insertion move a column's features together, ranked by their sum (mean for probabilities)")
    func groupCurves() throws {
        // f = 3 x0 + 2 x1 + x2 + 4 x3 at (1, 1, 1, 1), zero baseline; groups {0, 2}, {1}, {3}.
        let model = linearNetwork([3, 2, 1, 4])
        let row = Matrix([[1, 1, 1, 1]])
        let groups = try FeatureGroups(names: ["a", "b", "c"], members: [[0, 2], [1], [3]], featureCount: 4)
        var context = sampleContext(row)
        context.featureGroups = groups
        func area(_ metric: some PropertyMetric, _ values: [Float], kind: AttributionKind = .contribution) throws -> Double {
            var g = SeededGenerator(seed: 1)
            let a = Attributions(kind: kind, values: Matrix([values]), outputs: [0])
            return try metric.measure(MetricInput(rows: row, attributions: a), model: model, context: context, generator: &g).value
        }
        let settings = AttributionCurveSettings(baseline: .zeros, unit: .group)
        // Sums: a 4, b 2, c 4 -> order a, c, b (ties keep group order): outputs 10, 6, 2, 0.
        #expect(abs(try area(DeletionAUC(settings: settings), [3, 2, 1, 4]) - 13.0 / 3) < 1e-6)
        // Selection probabilities rank groups by their mean: b (0.95) before a (0.5, though its sum is 1) before c (0.4):
        // outputs 10, 8, 4, 0.
        #expect(abs(try area(DeletionAUC(settings: settings), [0.5, 0.95, 0.5, 0.4], kind: .selectionProbability) - 17.0 / 3) < 1e-6)
        // Inserting a, c, b: 0, 4, 8, 10.
        #expect(abs(try area(InsertionAUC(settings: settings), [3, 2, 1, 4]) - 17.0 / 3) < 1e-6)
        // Feature units ignore the groups: 10, 6, 3, 1, 0 over four steps.
        #expect(abs(try area(DeletionAUC(settings: .init(baseline: .zeros)), [3, 2, 1, 4]) - 3.75) < 1e-6)
    }

    @Test("Spearman agreement: 1 for the same order, -1 reversed, scipy's value with ties; top-k overlap")
    func agreement() throws {
        let rows = Matrix([[0, 0, 0, 0]])
        let model = linearNetwork([1, 1, 1, 1])
        #expect(abs(try measure(SpearmanAgreement(), [[1, 2, 3, 4]], rows: rows, reference: [[10, 20, 30, 40]], model: model) - 1) < 1e-12)
        #expect(abs(try measure(SpearmanAgreement(), [[1, 2, 3, 4]], rows: rows, reference: [[4, 3, 2, 1]], model: model) + 1) < 1e-12)
        // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]) = 0.9486832980505138
        #expect(abs(try measure(SpearmanAgreement(), [[1, 2, 2, 3]], rows: rows, reference: [[1, 3, 2, 4]], model: model)
                    - 0.9486832980505138) < 1e-12)
        let top2 = try TopKAgreement(settings: .init(k: 2))
        #expect(abs(try measure(top2, [[5, -4, 0, 1]], rows: rows, reference: [[5, 0, 4, 1]], model: model) - 0.5) < 1e-12)
        #expect(throws: ExplainError.self) { try measure(top2, [[1, 2, 3, 4]], rows: rows, model: model) }
    }

    @Test("Metrics refuse attributions that do not fit the rows or the model")
    func shapes() throws {
        #expect(throws: ExplainError.self) { try measure(ComplexityL1(), [[1, 2]]) }
        var g = SeededGenerator(seed: 1)
        let input = MetricInput(rows: rows, attributions: Attributions(kind: .slope, values: Matrix(rows: 2, cols: 3), outputs: [0, 3]))
        #expect(throws: ExplainError.self) { try ComplexityL1().measure(input, model: model, context: sampleContext(rows), generator: &g) }
    }
}
