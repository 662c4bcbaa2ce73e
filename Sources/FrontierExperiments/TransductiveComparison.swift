import Foundation
import FrontierExplain
import FrontierML
import FrontierSolvers

/// One explanation's losses, with the parameter that produced it (a delta, a lambda ratio).
public struct LossPoint: Codable, Sendable {
    public var parameter: Double
    public var fGrad: Double
    public var rAvg: Double
    public var complexity: Double

    public init(parameter: Double, _ losses: PropertyLossValues) {
        self.parameter = parameter
        self.fGrad = losses.fGrad
        self.rAvg = losses.rAvg
        self.complexity = losses.complexity
    }

    var faithfulnessRobustness: (Double, Double) { (fGrad, rAvg) }
}

/// The points one method produced on one function, and what they cost.
public struct MethodPoints: Codable, Sendable {
    public var method: String
    /// Points of a parameter sweep, in sweep order; for `agg_base` the base explanations.
    public var points: [LossPoint]
    public var seconds: Double
    /// What one unit of `seconds / units` is (`delta`, `lambda`, `run`).
    public var unit: String
    public var units: Int
    /// For POE's complexity sweeps: the group (complexity weight) of each point.
    public var groups: [Double]?
}

/// POE against the baselines on one function with D = 3 (the paper's Figures 2 and 3).
public struct TransductiveComparison: Sendable {
    public struct Settings: Codable, Sendable {
        /// Query points (the authors' grid: 100 of a 5^3 grid on [-5, 5]^3).
        public var points = 100
        public var dimensions = 3
        public var mixes = 100
        /// SmoothGrad's and LIME's deltas (evenly from 1e-5 to 3).
        public var deltas = 10
        /// Perturbations per row for SmoothGrad and LIME (the authors: 10 000).
        public var samples = 1000
        public var mofaeGenerations = 500
        /// Figure 3: complexity weights relative to F-grad's, as fractions q of the mean
        /// absolute gradient (`l_C / l_Fg = 2 q mean|grad f|`: L1 shrinks attributions by q mean|grad f|).
        public var complexityGroups = [0.0, 0.25, 0.5]
        /// Figure 3's mixes per group.
        public var mixesPerGroup = 40
        public var seed: UInt64 = 1

        public init() {}
    }

    public let settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    /// Figure 2's methods on `kind`: F-grad vs R-avg with uniform similarity.
    public func faithfulnessRobustness(_ kind: SyntheticFunctionKind) throws -> [MethodPoints] {
        let target = try ExplanationTarget(kind, points: QueryPoints.grid(count: settings.points, dimensions: settings.dimensions))
        let objective = PropertyObjectiveSettings(weights: PropertyWeights(fGrad: 1))
        let problem = try target.problem(objective)
        let ratios = MixSweep.ratios(count: settings.mixes, scale: MixSweep.typicalEigenvalue(problem.kronecker.rows), decades: 8)
        let mixes = ratios.map { PropertyWeights(fGrad: 1 / (1 + $0), rAvg: $0 / (1 + $0)) }
        var out: [MethodPoints] = []
        let watch = Date()
        var solver = TransductiveSolver(problem: problem, options: .init(allLosses: false))
        let poe = try solver.sweep(mixes)
        out.append(MethodPoints(method: "poe", points: zip(ratios, poe).map { LossPoint(parameter: $0, $1.losses) },
                                seconds: Date().timeIntervalSince(watch), unit: "lambda", units: mixes.count))
        var g = SeededGenerator(seed: settings.seed).derived(kind.rawValue)
        out += try baselines(target, problem, mixes: mixes, ratios: ratios, objectives: ["f_grad", "r_avg"], generator: &g)
        return out
    }

    /// Figure 3's methods on `kind`: F-grad, R-avg and complexity; POE in groups of fixed complexity weight.
    public func withComplexity(_ kind: SyntheticFunctionKind) throws -> [MethodPoints] {
        let target = try ExplanationTarget(kind, points: QueryPoints.grid(count: settings.points, dimensions: settings.dimensions))
        let problem = try target.problem(PropertyObjectiveSettings(weights: PropertyWeights(fGrad: 1)))
        let ratios = MixSweep.ratios(count: settings.mixesPerGroup, scale: MixSweep.typicalEigenvalue(problem.kronecker.rows), decades: 8)
        let meanGradient = problem.gradients.values.reduce(0) { $0 + abs($1) } / Double(problem.gradients.count)
        var mixes: [PropertyWeights] = []
        var groups: [Double] = []
        var parameters: [Double] = []
        for q in settings.complexityGroups {
            for r in ratios {
                let c = 2 * q * meanGradient
                let total = 1 + r + c
                mixes.append(PropertyWeights(fGrad: 1 / total, rAvg: r / total, complexity: c / total))
                groups.append(q)
                parameters.append(r)
            }
        }
        let watch = Date()
        var solver = TransductiveSolver(problem: problem, options: .init(allLosses: false))
        var points: [LossPoint] = []
        for (k, mix) in mixes.enumerated() { points.append(LossPoint(parameter: parameters[k], try solver.solve(mix).losses)) }
        var out = [MethodPoints(method: "poe", points: points, seconds: Date().timeIntervalSince(watch), unit: "lambda",
                                units: mixes.count, groups: groups)]
        var g = SeededGenerator(seed: settings.seed).derived("complexity-" + kind.rawValue)
        out += try baselines(target, problem, mixes: mixes, ratios: parameters, objectives: ["f_grad", "r_avg", "complexity_l1"], generator: &g)
        return out
    }

    /// SmoothGrad and LIME over delta, KernelSHAP, AGG over the mixes, MOFAE for `objectives`.
    private func baselines(_ target: ExplanationTarget, _ problem: TransductiveProblem, mixes: [PropertyWeights], ratios: [Double],
                           objectives: [String], generator g: inout SeededGenerator) throws -> [MethodPoints] {
        var base = BaseExplanationSettings()
        base.samples = settings.samples
        var metered = MeteredModel(target.model)
        let deltas = BaseExplanationSettings.deltas(settings.deltas)
        func explain(_ e: some Explainer) throws -> DenseMatrix {
            DenseMatrix(try e.attribute(target.rows, explaining: [target.outputs], model: &metered, context: target.context, generator: &g)[0].values)
        }
        func losses(_ w: DenseMatrix) -> PropertyLossValues { problem.losses(w, maximum: false) }
        var out: [MethodPoints] = []
        for (name, make) in [("smoothgrad", { (d: Double) -> any Explainer in base.smoothGrad(d) }), ("lime", { base.lime($0) })] {
            let watch = Date()
            let points = try deltas.map { d in LossPoint(parameter: d, losses(try explain(make(d)))) }
            out.append(MethodPoints(method: name, points: points, seconds: Date().timeIntervalSince(watch), unit: "delta", units: deltas.count))
        }
        var watch = Date()
        let shap = LossPoint(parameter: 0, losses(try explain(KernelSHAP())))
        out.append(MethodPoints(method: "kernelshap", points: [shap], seconds: Date().timeIntervalSince(watch), unit: "run", units: 1))
        watch = Date()
        let bases = try base.explanations(target.rows, explaining: target.outputs, model: &metered, context: target.context, generator: &g)
        let baseSeconds = Date().timeIntervalSince(watch)
        out.append(MethodPoints(method: "agg_base", points: bases.map { LossPoint(parameter: 0, losses($0)) }, seconds: baseSeconds,
                                unit: "run", units: 1))
        watch = Date()
        let agg = try zip(ratios, mixes).map { r, mix in LossPoint(parameter: r, losses(try AGG.combine(bases, problem: problem, weights: mix).explanation)) }
        out.append(MethodPoints(method: "agg", points: agg, seconds: Date().timeIntervalSince(watch) + baseSeconds, unit: "lambda",
                                units: mixes.count))
        watch = Date()
        var mofae = MOFAE.Settings()
        mofae.objectives = objectives
        mofae.generations = settings.mofaeGenerations
        var start = bases
        for delta in BaseExplanationSettings.deltas(mofae.extraSmoothGrad) { start.append(try explain(base.smoothGrad(delta))) }
        var evolution = g.derived("mofae")
        let front = try MOFAE(settings: mofae).evolve(start, problem: problem, generator: &evolution)
        out.append(MethodPoints(method: "mofae", points: front.map { LossPoint(parameter: 0, $0.losses) },
                                seconds: Date().timeIntervalSince(watch) + baseSeconds, unit: "run", units: 1))
        return out
    }
}
