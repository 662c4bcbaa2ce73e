import Foundation
import FrontierExplain
import FrontierML
import FrontierSolvers

/// Speed of POE's transductive solvers against the baselines on the benchmark the issue
/// sets: a 100-mix sweep of F-grad + R-avg + smoothness with N = 1000 points (a 10^3 grid on
/// [-5, 5]^3) and Gaussian similarity, then the same sweep with complexity; each baseline's
/// time per delta, per lambda or per run beside it.
public struct POEBenchmark {
    public struct Settings: Codable, Sendable {
        public var function: SyntheticFunctionKind = .cubic
        /// Points per axis of the grid (10: N = 1000 in three dimensions).
        public var gridSide = 10
        public var dimensions = 3
        /// The Gaussian similarity's length scale (the authors' code: 3).
        public var lengthScale = 3.0
        public var mixes = 100
        /// Smoothness and complexity weights relative to F-grad's.
        public var smoothnessRatio = 0.05
        public var complexityRatio = 1.0
        /// Perturbations per row for SmoothGrad and LIME (the authors' code: 10 000).
        public var baselineSamples = 1000
        /// NSGA-II generations timed for MOFAE (the authors run 500; the time per generation is reported).
        public var mofaeGenerations = 5
        public var seed: UInt64 = 1

        public init() {}
    }

    /// One timed sweep of POE.
    public struct SweepTiming: Codable, Sendable {
        public var mixes: Int
        /// Gradients, similarity matrix and both Laplacians' eigendecompositions.
        public var setupSeconds: Double
        public var solveSeconds: Double
        public var totalSeconds: Double
        public var millisecondsPerMix: Double
        public var solver: String
        public var largestKKTResidual: Double
        public var largestDualityGap: Double?
        public var iterations: Int
    }

    /// One baseline's cost.
    public struct BaselineTiming: Codable, Sendable {
        public var method: String
        /// What one unit is: `per delta`, `per lambda`, `per run`, `per generation`.
        public var unit: String
        public var seconds: Double
        public var note: String
    }

    public struct Report: Codable, Sendable {
        public var settings: Settings
        public var points: Int
        public var poe: SweepTiming
        public var poeWithComplexity: SweepTiming
        public var baselines: [BaselineTiming]
        public var blas: String
        public var processors: Int
    }

    public init() {}

    public func run(_ settings: Settings, progress: (String) -> Void = { _ in }) throws -> Report {
        let axis = QueryPoints.grid(count: Int(pow(Double(settings.gridSide), Double(settings.dimensions))),
                                    dimensions: settings.dimensions)
        let target = try ExplanationTarget(settings.function, points: axis)
        var objective = PropertyObjectiveSettings()
        objective.robustness = RobustnessSettings(similarity: .gaussian, lengthScale: settings.lengthScale)
        progress("POE: F-grad + R-avg + smoothness, \(settings.mixes) mixes, N = \(target.rows.rows)")
        let plain = try sweep(target, objective, settings, complexity: false)
        progress("POE: with complexity")
        let withComplexity = try sweep(target, objective, settings, complexity: true)
        progress("baselines")
        let baselines = try baselineTimings(target, objective, settings, progress: progress)
        return Report(settings: settings, points: target.rows.rows, poe: plain, poeWithComplexity: withComplexity,
                      baselines: baselines, blas: BLAS.configuration, processors: ProcessInfo.processInfo.activeProcessorCount)
    }

    private func sweep(_ target: ExplanationTarget, _ objective: PropertyObjectiveSettings, _ settings: Settings,
                       complexity: Bool) throws -> SweepTiming {
        let start = Date()
        let problem = try target.problem(objective)
        let setup = Date().timeIntervalSince(start)
        let ratios = MixSweep.ratios(count: settings.mixes, scale: MixSweep.typicalEigenvalue(problem.kronecker.rows))
        let mixes = ratios.map { r -> PropertyWeights in
            let c = complexity ? settings.complexityRatio : 0
            let total = 1 + r + settings.smoothnessRatio + c
            return PropertyWeights(fGrad: 1 / total, rAvg: r / total, smoothness: settings.smoothnessRatio / total, complexity: c / total)
        }
        var solver = TransductiveSolver(problem: problem, options: TransductiveSolverOptions(allLosses: false))
        let solveStart = Date()
        let solutions = try solver.sweep(mixes)
        let solve = Date().timeIntervalSince(solveStart)
        let gaps = solutions.compactMap(\.dualityGap)
        return SweepTiming(mixes: mixes.count, setupSeconds: setup, solveSeconds: solve, totalSeconds: setup + solve,
                           millisecondsPerMix: 1000 * solve / Double(mixes.count), solver: solutions.first?.solver ?? "",
                           largestKKTResidual: solutions.map(\.kktResidual).max() ?? 0, largestDualityGap: gaps.max(),
                           iterations: solutions.map(\.iterations).reduce(0, +))
    }

    private func baselineTimings(_ target: ExplanationTarget, _ objective: PropertyObjectiveSettings, _ settings: Settings,
                                 progress: (String) -> Void) throws -> [BaselineTiming] {
        var g = SeededGenerator(seed: settings.seed).derived("bench")
        var base = BaseExplanationSettings()
        base.samples = settings.baselineSamples
        func time(_ body: () throws -> Void) rethrows -> Double {
            let start = Date()
            try body()
            return Date().timeIntervalSince(start)
        }
        var out: [BaselineTiming] = []
        let samples = "\(settings.baselineSamples) samples per row"
        let sg = try time { _ = try base.smoothGrad(1.5).explain(target.rows, model: target.model, context: target.context, generator: &g) }
        out.append(BaselineTiming(method: "smoothgrad", unit: "per delta", seconds: sg, note: samples))
        let lime = try time { _ = try base.lime(1.5).explain(target.rows, model: target.model, context: target.context, generator: &g) }
        out.append(BaselineTiming(method: "lime", unit: "per delta", seconds: lime, note: samples))
        let shap = try time { _ = try KernelSHAP().explain(target.rows, model: target.model, context: target.context, generator: &g) }
        out.append(BaselineTiming(method: "kernelshap", unit: "per run", seconds: shap, note: "exact, one reference row (the mean)"))
        progress("AGG")
        var metered = MeteredModel(target.model)
        var bases: [DenseMatrix] = []
        let baseSeconds = try time {
            bases = try base.explanations(target.rows, explaining: target.outputs, model: &metered, context: target.context, generator: &g)
        }
        let problem = try target.problem(objective)
        let mix = PropertyWeights(fGrad: 0.5, rAvg: 0.5 / (2 * MixSweep.typicalEigenvalue(problem.kronecker.rows)))
        let qp = try time { _ = try AGG.combine(bases, problem: problem, weights: mix) }
        out.append(BaselineTiming(method: "agg", unit: "per lambda", seconds: baseSeconds + qp,
                                  note: String(format: "base set (3 SmoothGrad + 3 LIME) %.2f s, QP %.3f s; the authors recompute the base set per lambda", baseSeconds, qp)))
        progress("MOFAE")
        var mofaeSettings = MOFAE.Settings()
        mofaeSettings.generations = settings.mofaeGenerations
        mofaeSettings.objective = objective
        var start = bases
        let extra = try time {
            for delta in BaseExplanationSettings.deltas(mofaeSettings.extraSmoothGrad) {
                start.append(DenseMatrix(try base.smoothGrad(delta).attribute(target.rows, explaining: [target.outputs], model: &metered,
                                                                              context: target.context, generator: &g)[0].values))
            }
        }
        var evolution = g.derived("mofae")
        let evolve = try time { _ = try MOFAE(settings: mofaeSettings).evolve(start, problem: problem, generator: &evolution) }
        let perGeneration = evolve / Double(max(settings.mofaeGenerations, 1))
        out.append(BaselineTiming(method: "mofae", unit: "per run", seconds: baseSeconds + extra + 500 * perGeneration,
                                  note: String(format: "base %.2f s + 100 SmoothGrad %.2f s + 500 generations at %.3f s each (%d timed)",
                                               baseSeconds, extra, perGeneration, settings.mofaeGenerations)))
        return out
    }
}
