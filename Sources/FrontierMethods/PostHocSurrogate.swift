import FrontierML

/// The global surrogate of the single-task baseline: a linear model g fitted
/// after training to imitate f on the training set.
///
/// Regression: least-squares regression on f's predictions. Binary
/// classification: logistic regression on f's thresholded predictions (the
/// paper's choice). Multiclass: multinomial logistic regression (L2, C = 1) on f's
/// predicted classes, fitted exactly by Newton-CG.
public enum PostHocSurrogate {
    public static func fit(to f: MLP, on features: Matrix, task: PredictionTask) -> MLP {
        let architecture = MLPArchitecture.linear(inputWidth: features.cols, outputWidth: task.outputWidth)
        let raw = f(features)
        switch task {
        case .regression:
            return LinearFit.ridge(features, raw.scalars.map(Double.init), ridge: 0).model(architecture)
        case .binaryClassification:
            let labels = raw.scalars.map { $0 >= 0 ? 1 : 0 }  // logit >= 0  <=>  p >= 0.5
            return LinearFit.logistic(features, labels: labels).model(architecture)
        case .multiclass(let classes):
            let labels = Metrics.argmaxLabels(raw)
            return LinearFit.multinomialLogistic(features, labels: labels, classCount: classes).model(architecture)
        }
    }
}
