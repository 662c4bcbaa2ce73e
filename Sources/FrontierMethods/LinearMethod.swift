import Foundation
import FrontierData
import FrontierML
import FrontierSettings
import FrontierSupport

/// A linear model alone (`linear`, the paper's Table 2 baseline): it is its own
/// explanation. Fitted in closed form like g's post-hoc fit, not by SGD: ridge
/// regression for regression, L2 logistic regression (IRLS) for binary
/// classification, multinomial logistic regression for multiclass.
public struct LinearMethod: TrainingMethod {
    public struct Settings: MethodSettings {
        /// The L2 penalty: `Ridge(alpha=l2)` and `LogisticRegression(C=1/l2)` in
        /// scikit-learn's terms; 1 is both of their defaults.
        public var l2 = 1.0

        public init(l2: Double = 1) { self.l2 = l2 }

        public init(_ reader: inout SettingsReader) throws(SettingsError) {
            l2 = try reader.double("l2", default: l2, in: 0...1e12)
        }

        enum CodingKeys: String, CodingKey { case l2 }
    }

    public init() {}

    public var name: String { "linear" }
    public var summary: String { "a linear model alone (closed-form ridge or logistic regression), which is its own explanation" }
    public var sweepableSettings: [String: ClosedRange<Double>] { ["l2": 0...1e12] }

    public func fit(_ settings: Settings, seed: UInt64, on dataset: Dataset,
                    onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> FittedMethod {
        let start = ContinuousClock.now
        let train = dataset.train
        let architecture = MLPArchitecture.linear(inputWidth: dataset.featureCount, outputWidth: dataset.task.outputWidth)
        let model: MLP
        switch dataset.task {
        case .regression:
            model = LinearFit.ridge(train.features, train.targets.scalars.map(Double.init), ridge: settings.l2).model(architecture)
        case .binaryClassification:
            model = LinearFit.logistic(train.features, labels: train.targets.scalars.map { $0 >= 0.5 ? 1 : 0 }, l2: settings.l2)
                .model(architecture)
        case .multiclass(let classes):
            model = LinearFit.multinomialLogistic(train.features, labels: train.targets.scalars.map { Int($0) },
                                                  classCount: classes, l2: settings.l2).model(architecture)
        }
        var history = TrainingHistory()
        history.seconds = (ContinuousClock.now - start).seconds
        return FittedMethod(model: ExplainedModel(f: model, g: model, task: dataset.task), history: history)
    }
}
