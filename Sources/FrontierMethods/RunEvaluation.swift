import FrontierML

/// Predictive scores of one model on labelled samples.
public struct PredictiveScores: Codable, Equatable, Sendable {
    /// Classification only.
    public var accuracy: Double?
    /// Binary classification: F1 of the positive class; multiclass: macro-F1 (the
    /// unweighted mean over the classes that occur).
    public var f1: Double?
    /// Regression only, in standardised target units.
    public var mse: Double?
    /// Regression only.
    public var r2: Double?

    /// Scores of `outputs` (on the output scale) against `targets`.
    public static func of(outputs: Matrix, targets: Matrix, task: PredictionTask) -> PredictiveScores {
        let actual = targets.scalars
        switch task {
        case .binaryClassification:
            let predicted = Metrics.labels(fromProbabilities: outputs.scalars)
            let labels = actual.map { Int($0) }
            return PredictiveScores(accuracy: Metrics.accuracy(predicted: predicted, actual: labels),
                                    f1: Metrics.f1(predicted: predicted, actual: labels))
        case .multiclass:
            let predicted = Metrics.argmaxLabels(outputs), labels = actual.map { Int($0) }
            return PredictiveScores(accuracy: Metrics.accuracy(predicted: predicted, actual: labels),
                                    f1: Metrics.macroF1(predicted: predicted, actual: labels))
        case .regression:
            return PredictiveScores(mse: Metrics.meanSquaredError(outputs.scalars, actual),
                                    r2: Metrics.rSquared(outputs.scalars, actual))
        }
    }
}

/// Neighbourhood fidelity of the two kinds of local explanation of f.
public struct NeighbourhoodScores: Codable, Equatable, Sendable {
    /// Test points explained.
    public var points: Int
    /// GNF of the global surrogate g used as every point's local explanation.
    public var surrogate: Double
    /// GNF of LIME's local explanations of f.
    public var lime: Double
}

/// Everything measured about one trained f/g pair on the test split.
public struct RunEvaluation: Codable, Equatable, Sendable {
    /// f against the true labels.
    public var blackBox: PredictiveScores
    /// g used as a predictor against the true labels.
    public var surrogate: PredictiveScores
    /// Global Fidelity of g to f (lower is better).
    public var globalFidelity: Double
    /// R^2 of g's outputs as predictions of f's outputs.
    public var agreementR2: Double
    /// Neighbourhood fidelity, when requested.
    public var neighbourhood: NeighbourhoodScores?
}

extension ExplainedModel {
    /// Measures predictive quality and explanation fidelity on `samples` (the test split).
    public func evaluate(on samples: LabeledSamples, options: EvaluationOptions = EvaluationOptions(),
                         generator: SeededGenerator) -> RunEvaluation {
        let fOut = blackBoxOutputs(samples.features)
        let gOut = surrogateOutputs(samples.features)
        var evaluation = RunEvaluation(
            blackBox: .of(outputs: fOut, targets: samples.targets, task: task),
            surrogate: .of(outputs: gOut, targets: samples.targets, task: task),
            globalFidelity: FidelityMetrics.globalFidelity(f: fOut, g: gOut),
            agreementR2: FidelityMetrics.agreementR2(f: fOut, g: gOut))
        if options.neighbourhoodPoints > 0, samples.count > 0 {
            evaluation.neighbourhood = neighbourhoodScores(on: samples.features, options: options, generator: generator)
        }
        return evaluation
    }

    /// GNF of g and of LIME on a seeded sample of the rows of `features`.
    func neighbourhoodScores(on features: Matrix, options: EvaluationOptions,
                             generator: SeededGenerator) -> NeighbourhoodScores {
        var pick = generator.derived("gnf-points")
        let chosen = Array(pick.permutation(features.rows).prefix(options.neighbourhoodPoints))
        let points = features.gatherRows(chosen)
        let f = { (x: Matrix) in self.blackBoxOutputs(x) }
        let g = { (x: Matrix) in self.surrogateOutputs(x) }
        var neighbours = generator.derived("gnf-neighbours")
        let surrogateGNF = options.neighbourhood.evaluate(points: points, model: f, explanationAt: { _ in g },
                                                          generator: &neighbours)
        var limeGenerator = generator.derived("lime")
        neighbours = generator.derived("gnf-neighbours")
        let limeGNF = options.neighbourhood.evaluate(points: points, model: f, explanationAt: { x in
            let e = options.lime.explain(x, outputs: f, generator: &limeGenerator)
            return { z in Matrix.hstack(e.map { Matrix(column: $0.predict(z)) }) }
        }, generator: &neighbours)
        return NeighbourhoodScores(points: points.rows, surrogate: surrogateGNF, lime: limeGNF)
    }
}
