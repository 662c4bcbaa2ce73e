import FrontierML
@testable import FrontierExplain

func randomMatrix(_ rows: Int, _ cols: Int, _ g: inout SeededGenerator, scale: Float = 1) -> Matrix {
    Matrix(rows: rows, cols: cols, scalars: g.normals(rows * cols, std: scale))
}

/// A random network read through `task`'s link.
func randomNetwork(inputs: Int, hidden: [Int], task: PredictionTask, activation: Activation = .tanh,
                   seed: UInt64 = 1, scale: NetworkModel.Scale = .output) -> NetworkModel {
    var g = SeededGenerator(seed: seed)
    let f = MLP(MLPArchitecture(inputWidth: inputs, hiddenWidths: hidden, outputWidth: task.outputWidth,
                                hiddenActivation: activation), generator: &g)
    return try! NetworkModel(f: f, task: task, scale: scale)
}

/// The regression model `x -> x . weights + intercept`.
func linearNetwork(_ weights: [Float], intercept: Float = 0) -> NetworkModel {
    let f = MLP(.linear(inputWidth: weights.count, outputWidth: 1), parameters: weights + [intercept])
    return try! NetworkModel(f: f, task: .regression)
}

/// A context over `training` with its rows (up to `size`) as the background.
func sampleContext(_ training: Matrix, size: Int = 1000, linearModel: LinearModel? = nil) -> ExplanationContext {
    try! ExplanationContext(training: training, background: BackgroundSettings(kind: .sample, size: size),
                            generator: SeededGenerator(seed: 5), linearModel: linearModel)
}

func maxAbsDifference(_ a: [Float], _ b: [Double]) -> Double {
    zip(a, b).map { abs(Double($0) - $1) }.max() ?? 0
}

/// Central finite differences of `f` with respect to every entry of `x`.
func numericalGradient(_ x: [Float], epsilon: Float = 1e-2, _ f: ([Float]) -> Double) -> [Double] {
    var x = x
    return x.indices.map { i in
        let saved = x[i]
        x[i] = saved + epsilon
        let plus = f(x)
        x[i] = saved - epsilon
        let minus = f(x)
        x[i] = saved
        return (plus - minus) / (2 * Double(epsilon))
    }
}

/// The fastest of three timed explanations of `rows`, after a warm-up on the first row (seeds:
/// the warm-up's, the runs'): the machine is shared, and the least disturbed run is the truest.
func bestOfThree(_ explainer: any Explainer, _ rows: Matrix, model: any ExplainableModel, context: ExplanationContext,
                 seeds: (warm: UInt64, run: UInt64)) throws -> Explanation {
    var warm = SeededGenerator(seed: seeds.warm)
    _ = try explainer.explain(rows.rows(0..<1), model: model, context: context, generator: &warm)
    let runs = try (0..<3).map { _ in
        var generator = SeededGenerator(seed: seeds.run)
        return try explainer.explain(rows, model: model, context: context, generator: &generator)
    }
    return runs.min { $0.cost.wallSeconds < $1.cost.wallSeconds }!
}
