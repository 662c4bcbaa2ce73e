import FrontierML
import FrontierSolvers

/// MOFAE (Wang et al., 2024, as POE's experiments run it): NSGA-II over whole explanation
/// matrices, minimising several of Table 2's losses at once, started from the base
/// explanations (three SmoothGrad, three LIME) plus `extra_smoothgrad` more SmoothGrad
/// explanations (100, delta evenly from 1e-5 to 3). Each individual is an `N x D`
/// explanation; SBX crossover and polynomial mutation act on its entries within bounds
/// set by the starting population (its per-entry range widened by `bound_margin` of the
/// widest range on each side).
///
/// The result is a set of non-dominated explanations with no control over where they lie.
/// As an explainer it returns one: the final front's member with the lowest lambda-mix of
/// this explainer's weights (the same keys as POE's). `evolve` returns the whole front.
public struct MOFAE: Explainer {
    public struct Settings: PluginSettings {
        /// The lambdas pick the returned member; the similarities define the losses.
        public var objective = PropertyObjectiveSettings()
        public var base = BaseExplanationSettings()
        /// The losses NSGA-II minimises (metric names).
        public var objectives = ["f_grad", "r_avg"]
        public var extraSmoothGrad = 100
        public var populationSize = 100
        public var generations = 500
        public var crossoverProbability = 0.9
        public var crossoverIndex = 20.0
        public var mutationIndex = 20.0
        /// Per-entry mutation probability; nil: 1 / (N D).
        public var mutationProbability: Double?
        public var boundMargin = 0.1

        public init() {}

        public static var settingKeys: [String] {
            PropertyObjectiveSettings.keys + BaseExplanationSettings.CodingKeys.allCases.map(\.stringValue)
                + CodingKeys.allCases.map(\.stringValue)
        }

        public enum CodingKeys: String, CodingKey, CaseIterable {
            case objectives, extraSmoothGrad = "extra_smoothgrad", populationSize = "population_size", generations
            case crossoverProbability = "crossover_probability", crossoverIndex = "crossover_index"
            case mutationIndex = "mutation_index", mutationProbability = "mutation_probability", boundMargin = "bound_margin"
        }

        public init(from decoder: Decoder) throws {
            objective = try PropertyObjectiveSettings(from: decoder)
            base = try BaseExplanationSettings(from: decoder)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            objectives = try c.decode([String].self, forKey: .objectives)
            extraSmoothGrad = try c.decode(Int.self, forKey: .extraSmoothGrad)
            populationSize = try c.decode(Int.self, forKey: .populationSize)
            generations = try c.decode(Int.self, forKey: .generations)
            crossoverProbability = try c.decode(Double.self, forKey: .crossoverProbability)
            crossoverIndex = try c.decode(Double.self, forKey: .crossoverIndex)
            mutationIndex = try c.decode(Double.self, forKey: .mutationIndex)
            mutationProbability = try c.decodeIfPresent(Double.self, forKey: .mutationProbability)
            boundMargin = try c.decode(Double.self, forKey: .boundMargin)
        }

        public func encode(to encoder: Encoder) throws {
            try objective.encode(to: encoder)
            try base.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(objectives, forKey: .objectives)
            try c.encode(extraSmoothGrad, forKey: .extraSmoothGrad)
            try c.encode(populationSize, forKey: .populationSize)
            try c.encode(generations, forKey: .generations)
            try c.encode(crossoverProbability, forKey: .crossoverProbability)
            try c.encode(crossoverIndex, forKey: .crossoverIndex)
            try c.encode(mutationIndex, forKey: .mutationIndex)
            try c.encodeIfPresent(mutationProbability, forKey: .mutationProbability)
            try c.encode(boundMargin, forKey: .boundMargin)
        }

        public func validate(for plugin: String) throws(ExplainError) {
            try objective.validate(for: plugin)
            try base.validate(for: plugin)
            let known = PropertyValues.CodingKeys.allCases.map(\.stringValue)
            guard objectives.count >= 2, Set(objectives).count == objectives.count else {
                throw ExplainError(plugin: plugin, field: "objectives", "needs at least two distinct losses (got \(objectives))")
            }
            if let bad = objectives.first(where: { !known.contains($0) }) {
                throw ExplainError(plugin: plugin, field: "objectives", "unknown loss '\(bad)' (known: \(known.joined(separator: ", ")))")
            }
            guard extraSmoothGrad >= 0 else { throw ExplainError(plugin: plugin, field: "extra_smoothgrad", "must not be negative") }
            guard populationSize >= 4, populationSize % 2 == 0 else {
                throw ExplainError(plugin: plugin, field: "population_size", "must be even and at least 4 (got \(populationSize))")
            }
            guard generations >= 0 else { throw ExplainError(plugin: plugin, field: "generations", "must not be negative") }
            guard (0...1).contains(crossoverProbability) else {
                throw ExplainError(plugin: plugin, field: "crossover_probability", "must be in [0, 1] (got \(crossoverProbability))")
            }
            guard crossoverIndex >= 0, mutationIndex >= 0 else {
                throw ExplainError(plugin: plugin, field: "crossover_index", "distribution indices must not be negative")
            }
            if let p = mutationProbability, !(0...1).contains(p) {
                throw ExplainError(plugin: plugin, field: "mutation_probability", "must be in [0, 1] (got \(p))")
            }
            guard boundMargin >= 0, boundMargin.isFinite else { throw ExplainError(plugin: plugin, field: "bound_margin", "must not be negative") }
        }

        var nsga: NSGA2.Options {
            NSGA2.Options(populationSize: populationSize, generations: generations, crossoverProbability: crossoverProbability,
                          crossoverDistributionIndex: crossoverIndex, mutationProbability: mutationProbability,
                          mutationDistributionIndex: mutationIndex)
        }
    }

    /// One member of MOFAE's final front.
    public struct Member: Sendable {
        public var explanation: DenseMatrix
        public var losses: PropertyLossValues
    }

    public static let name = "mofae"
    public static let summary = "NSGA-II over explanations for several property losses at once, from SmoothGrad and LIME (MOFAE)"
    public let settings: Settings
    public var kind: AttributionKind { .slope }

    public init(validated settings: Settings) {
        self.settings = settings
    }

    public func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                          context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions] {
        var result: [Attributions] = []
        for explained in outputs {
            var start = try settings.base.explanations(rows, explaining: explained, model: &model, context: context, generator: &generator)
            for delta in BaseExplanationSettings.deltas(settings.extraSmoothGrad) where settings.extraSmoothGrad > 0 {
                start.append(DenseMatrix(try settings.base.smoothGrad(delta).attribute(
                    rows, explaining: [explained], model: &model, context: context, generator: &generator)[0].values))
            }
            let problem = try settings.objective.problem(rows, explaining: explained, model: &model,
                                                         values: settings.objectives.contains("f_func") || settings.objective.weights.fFunc > 0)
            var evolution = generator.derived("mofae")
            let front = try evolve(start, problem: problem, generator: &evolution)
            let weights = settings.objective.weights
            let best = front.min { weights.total($0.losses) < weights.total($1.losses) }!
            result.append(Attributions(kind: .slope, values: best.explanation.floatMatrix, outputs: explained))
        }
        return result
    }

    /// NSGA-II from `start`; the final non-dominated members in population order.
    public func evolve(_ start: [DenseMatrix], problem: TransductiveProblem,
                       generator: inout SeededGenerator) throws(ExplainError) -> [Member] {
        guard let first = start.first, start.allSatisfy({ $0.rows == first.rows && $0.cols == first.cols }) else {
            throw ExplainError("mofae: the starting explanations must be non-empty and of one shape")
        }
        let size = first.count
        var lower = first.values, upper = first.values
        for x in start { for i in 0..<size { lower[i] = min(lower[i], x.values[i]); upper[i] = max(upper[i], x.values[i]) } }
        let widest = zip(lower, upper).map { $1 - $0 }.max() ?? 0
        let margin = settings.boundMargin * max(widest, 1e-12)
        lower = lower.map { $0 - margin }
        upper = upper.map { $0 + margin }
        let names = settings.objectives
        let maximum = names.contains("r_max")
        let (rows, cols) = (first.rows, first.cols)
        let result: NSGA2.Result
        do {
            result = try NSGA2.minimise(initial: start.map(\.values), lower: lower, upper: upper, options: settings.nsga,
                                        generator: &generator) { x in
                let losses = problem.losses(DenseMatrix(rows: rows, cols: cols, values: x), maximum: maximum)
                return names.map { losses[$0]! }
            }
        } catch { throw ExplainError("mofae: \(error.description)") }
        return result.front.map { i in
            let w = DenseMatrix(rows: rows, cols: cols, values: result.population[i])
            return Member(explanation: w, losses: problem.losses(w))
        }
    }
}
