import Foundation
import FrontierExplain
import FrontierML
import FrontierSolvers

/// POE's inductive solutions against transductive ones (the paper's Figure 4) and global
/// against local inducing points (appendix G).
public struct InductiveComparison: Sendable {
    public struct Settings: Codable, Sendable {
        /// Figure 4's functions.
        public var functions: [SyntheticFunctionKind] = [.cubic, .quasiPeriodicExponent, .exponential, .sine, .quasiPeriodicLinear]
        /// Query points M, uniform on [-5, 5]^D (the authors' code: 1000).
        public var queries = 1000
        public var dimensions = 3
        /// Inducing points N: `round(logspace(2, 3, 10))`, as the authors' code; each a prefix of one draw.
        public var inducingCounts = (0..<10).map { Int((pow(10, 2 + Double($0) / 9)).rounded()) }
        /// R-avg weights (F-grad's is 1): the lambdas of the inductive objective (expectations over the domain).
        public var robustnessWeights = [0.001, 0.01]
        /// The kernel's length scale: the authors' code divides squared distances by D with length scale 1, i.e. sqrt(D).
        public var lengthScale = 3.0.squareRoot()
        public var seeds = 3

        public init() {}
    }

    /// One cell of the Figure 4 table: mean and standard deviation over seeds.
    public struct ErrorRow: Codable, Sendable {
        public var function: SyntheticFunctionKind
        public var robustnessWeight: Double
        public var inducing: Int
        /// `|W_ind - W_trans|_F / |W_trans|_F`.
        public var relativeError: [Double]
        /// `(J(W_ind) - J(W_trans)) / J(W_trans)`, J the transductive objective on the queries.
        public var excessLoss: [Double]
        /// The transductive optimum J(W_trans) of each seed.
        public var transductiveLoss: [Double]
        /// The transductive solution's KKT residual (certifies the reference).
        public var transductiveKKT: Double
    }

    public let settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    /// Figure 4: for each function, robustness weight and N, the inductive solution at M query
    /// points from N inducing points, against the transductive optimum on the query points with
    /// the same objective (similarity: the kernel's precision; lambdas `(1 / M, l_Ra)`, so the
    /// F-grad sum is the mean the inductive objective weighs).
    public func figure4(progress: (String) -> Void = { _ in }) throws -> [ErrorRow] {
        let (m, d) = (settings.queries, settings.dimensions)
        var rows: [String: ErrorRow] = [:]
        let features = CompleteGraphSpectrum(size: d)
        for seed in 0..<settings.seeds {
            var g = SeededGenerator(seed: UInt64(seed))
            let queries = DenseMatrix(QueryPoints.uniform(count: m, dimensions: d, generator: &g))
            let inducing = DenseMatrix(QueryPoints.uniform(count: settings.inducingCounts.max() ?? 100, dimensions: d, generator: &g))
            for kind in settings.functions {
                progress("figure 4: \(kind.rawValue), seed \(seed)")
                let gq = gradients(kind, queries), gi = gradients(kind, inducing)
                let problem = try TransductiveProblem(
                    rows: queries, gradients: gq, outputs: nil,
                    robustness: RobustnessSettings(similarity: .gaussianPrecision, lengthScale: settings.lengthScale),
                    smoothness: Smoothness.Settings())
                var solver = TransductiveSolver(problem: problem, options: .init(allLosses: false))
                for lr in settings.robustnessWeights {
                    let mix = PropertyWeights(fGrad: 1 / Double(m), rAvg: lr)
                    let reference = try solver.solve(mix)
                    let inductive = try InductiveSolver(weights: PropertyWeights(fGrad: 1, rAvg: lr), lengthScale: settings.lengthScale,
                                                        features: features)
                    for n in settings.inducingCounts {
                        let x = prefix(inducing, n), grad = prefix(gi, n)
                        let w = try inductive.explain(queries: queries, inducing: x, gradients: grad,
                                                      importance: [Double](repeating: 1, count: n), queryGradients: gq)
                        let loss = mix.total(problem.losses(w, maximum: false))
                        let key = "\(kind.rawValue) \(lr) \(n)"
                        var row = rows[key] ?? ErrorRow(function: kind, robustnessWeight: lr, inducing: n, relativeError: [],
                                                        excessLoss: [], transductiveLoss: [], transductiveKKT: 0)
                        row.relativeError.append((w - reference.explanations).norm / reference.explanations.norm)
                        row.excessLoss.append((loss - reference.objective) / reference.objective)
                        row.transductiveLoss.append(reference.objective)
                        row.transductiveKKT = max(row.transductiveKKT, reference.kktResidual)
                        rows[key] = row
                    }
                }
            }
        }
        return settings.functions.flatMap { kind in
            settings.robustnessWeights.flatMap { lr in settings.inducingCounts.compactMap { rows["\(kind.rawValue) \(lr) \($0)"] } }
        }
    }

    /// Appendix G's set-up in one dimension: 100 query points spread over [-5, 5], explained
    /// with inducing points over [-10, 10]; ground truth from 1000 evenly spread global points;
    /// `Global` 100 evenly spread points; `Local` 100 evenly spread over `[x - R, x + R]` per
    /// query, importance-weighted; `Global+Local` both. Mean squared error against the ground
    /// truth for each R / Lambda.
    public struct LocalRow: Codable, Sendable {
        public var function: SyntheticFunctionKind
        public var radiusOverLengthScale: Double
        public var global: Double
        public var local: Double
        public var globalLocal: Double
    }

    public func appendixG(functions: [SyntheticFunctionKind] = [.cubic, .exponential, .sine, .quasiPeriodicLinear],
                          ratios: [Double] = [0.25, 0.5, 1, 2, 4, 8], lengthScale: Double = 0.25,
                          robustness: Double = 0.001) throws -> [LocalRow] {
        let domain = try Domain(low: [-10], high: [10])
        let queries = DenseMatrix(spread(-5, 5, 100).map { [$0] })
        let solver = try InductiveSolver(weights: PropertyWeights(fGrad: 1, rAvg: robustness), lengthScale: lengthScale,
                                         features: CompleteGraphSpectrum(size: 1))
        var out: [LocalRow] = []
        for kind in functions {
            let gq = gradients(kind, queries)
            func explain(_ points: [Double], weights: [Double], at q: DenseMatrix, _ gq: DenseMatrix) throws -> DenseMatrix {
                let x = DenseMatrix(points.map { [$0] })
                return try solver.explain(queries: q, inducing: x, gradients: gradients(kind, x), importance: weights, queryGradients: gq)
            }
            let truth = try explain(spread(-10, 10, 1000), weights: [Double](repeating: 1, count: 1000), at: queries, gq)
            let global = try explain(spread(-10, 10, 100), weights: [Double](repeating: 1, count: 100), at: queries, gq)
            let globalError = meanSquare(global - truth)
            for ratio in ratios {
                let radius = ratio * lengthScale
                var local = DenseMatrix(rows: 100, cols: 1), both = DenseMatrix(rows: 100, cols: 1)
                for i in 0..<100 {
                    let x = queries[i, 0]
                    let box = try Domain(low: [max(-10, x - radius)], high: [min(10, x + radius)])
                    let q = DenseMatrix(rows: 1, cols: 1, values: [x]), g = DenseMatrix(rows: 1, cols: 1, values: [gq[i, 0]])
                    let near = spread(box.low[0], box.high[0], 100)
                    local[i, 0] = try explain(near, weights: InducingSet.importanceWeights(near.map { [$0] }, domain: domain, box: box,
                                                                                           global: 0, local: 100), at: q, g)[0, 0]
                    let union = spread(-10, 10, 100) + near
                    both[i, 0] = try explain(union, weights: InducingSet.importanceWeights(union.map { [$0] }, domain: domain, box: box,
                                                                                            global: 100, local: 100), at: q, g)[0, 0]
                }
                out.append(LocalRow(function: kind, radiusOverLengthScale: ratio, global: globalError,
                                    local: meanSquare(local - truth), globalLocal: meanSquare(both - truth)))
            }
        }
        return out
    }

    private func gradients(_ kind: SyntheticFunctionKind, _ x: DenseMatrix) -> DenseMatrix {
        DenseMatrix(rows: x.rows, cols: x.cols, values: (0..<x.rows).flatMap { kind.gradient(x.row($0)) })
    }

    private func prefix(_ x: DenseMatrix, _ n: Int) -> DenseMatrix {
        DenseMatrix(rows: n, cols: x.cols, values: Array(x.values[0..<(n * x.cols)]))
    }

    private func spread(_ low: Double, _ high: Double, _ count: Int) -> [Double] {
        (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
    }

    private func meanSquare(_ x: DenseMatrix) -> Double { x.dot(x) / Double(x.count) }
}
