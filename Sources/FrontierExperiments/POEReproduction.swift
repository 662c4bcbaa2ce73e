import Foundation
import FrontierExplain
import FrontierML

/// Reproduces POE's experiments: Figure 2 (faithfulness vs robustness on the synthetic
/// functions with D = 3), Figure 3 (with complexity), Figure 4 (inductive vs transductive as
/// inducing points grow) and appendix G (global vs local inducing points), with the
/// dominance counts the issue asks for. `POEReport` writes them as Markdown and SVG.
public struct POEReproduction {
    public struct Settings: Codable, Sendable {
        public var functions = SyntheticFunctionKind.allCases
        public var transductive = TransductiveComparison.Settings()
        public var inductive = InductiveComparison.Settings()
        public var figure3 = true
        public var appendixG = true

        public init() {}
    }

    /// One function's methods and their dominance counts.
    public struct FunctionResult: Codable, Sendable {
        public var function: SyntheticFunctionKind
        public var methods: [MethodPoints]
        public var poePoints: Int
        /// POE points dominated by at least one baseline point (the issue requires 0).
        public var poeDominated: Int
        /// Per baseline: the share of its points dominated by POE's front.
        public var shareDominatedByPOE: [String: Double]
    }

    public struct Results: Codable, Sendable {
        public var settings: Settings
        public var figure2: [FunctionResult]
        public var figure3: [FunctionResult]
        public var figure4: [InductiveComparison.ErrorRow]
        public var appendixG: [InductiveComparison.LocalRow]
        public var seconds: Double
    }

    /// The baselines whose points are compared with POE's (AGG's base explanations are SmoothGrad's and LIME's).
    public static let baselines = ["smoothgrad", "lime", "kernelshap", "agg", "mofae"]

    public init() {}

    public func run(_ settings: Settings, progress: (String) -> Void = { _ in }) throws -> Results {
        let start = Date()
        let transductive = TransductiveComparison(settings: settings.transductive)
        let dominance = FrontDominance()
        var figure2: [FunctionResult] = []
        var figure3: [FunctionResult] = []
        for kind in settings.functions {
            progress("figure 2: \(kind.rawValue)")
            let methods = try transductive.faithfulnessRobustness(kind)
            let poe = methods.first { $0.method == "poe" }!.points.map(\.faithfulnessRobustness)
            let others = methods.filter { Self.baselines.contains($0.method) }
            var shares: [String: Double] = [:]
            for m in others { shares[m.method] = dominance.shareDominated(baseline: m.points.map(\.faithfulnessRobustness), byFrontOf: poe) }
            let all = others.flatMap { $0.points.map(\.faithfulnessRobustness) }
            figure2.append(FunctionResult(function: kind, methods: methods, poePoints: poe.count,
                                          poeDominated: dominance.poePointsDominated(poe: poe, by: all), shareDominatedByPOE: shares))
            guard settings.figure3 else { continue }
            progress("figure 3: \(kind.rawValue)")
            let complexity = try transductive.withComplexity(kind)
            let vector = { (p: LossPoint) in [p.fGrad, p.rAvg, p.complexity] }
            let poe3 = complexity.first { $0.method == "poe" }!.points.map(vector)
            let others3 = complexity.filter { Self.baselines.contains($0.method) }
            var shares3: [String: Double] = [:]
            for m in others3 { shares3[m.method] = dominance.shareDominated(m.points.map(vector), byPointsOf: poe3) }
            figure3.append(FunctionResult(function: kind, methods: complexity, poePoints: poe3.count,
                                          poeDominated: dominance.pointsDominated(poe3, by: others3.flatMap { $0.points.map(vector) }),
                                          shareDominatedByPOE: shares3))
        }
        let inductive = InductiveComparison(settings: settings.inductive)
        let figure4 = try inductive.figure4(progress: progress)
        progress("appendix G")
        let local = settings.appendixG ? try inductive.appendixG() : []
        return Results(settings: settings, figure2: figure2, figure3: figure3, figure4: figure4, appendixG: local,
                       seconds: Date().timeIntervalSince(start))
    }
}
