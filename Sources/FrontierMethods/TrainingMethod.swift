import FrontierData
import FrontierML
import FrontierSettings

/// A way of training a black box f and its global explanation g: the plug-in
/// behind `train --method`, the training job kinds and `reproduce`.
///
/// A method owns its settings type (defaults and validation in one place, read
/// from a settings tree whether it came from a sweep file, a stored job spec or
/// command-line options) and its fit. Adding one is one file plus one line in
/// `MethodRegistry.standard` (docs/architecture.md shows the steps).
public protocol TrainingMethod: Sendable {
    associatedtype Settings: MethodSettings

    /// The name in sweep files (`kind:`), `--method` and reports, e.g. `joint`.
    var name: String { get }
    /// One line for help texts and `frontier methods`.
    var summary: String { get }
    /// Settings a sweep may vary and their ranges (each value is checked again when
    /// the settings are read, which may be stricter: alpha lies strictly inside (0, 1)).
    var sweepableSettings: [String: ClosedRange<Double>] { get }

    /// Trains on `dataset`'s training split. `onEpoch` sees every epoch and may cancel,
    /// which throws `MethodError.cancelled` before any work after training.
    func fit(_ settings: Settings, seed: UInt64, on dataset: Dataset,
             onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> FittedMethod
}

/// The settings of one method: read from a tree (unknown fields are left for the
/// caller's `finish()`), written back as a tree for provenance and job specs.
public protocol MethodSettings: SettingsReadable, Encodable, Hashable, Sendable {
    /// The values that place a run among its sweep's points (joint's `alpha`); empty
    /// for methods with none.
    var pointParameters: [String: Double] { get }
}

extension MethodSettings {
    public var pointParameters: [String: Double] { [:] }

    /// The settings with every default filled in, as a tree (what reports and job specs record).
    public var tree: SettingValue { .of(self) }
}

extension TrainingMethod {
    /// Setting names this method reads (found by reading an empty tree), so a sweep's
    /// shared settings reach only the jobs that know them.
    public var knownSettings: Set<String> { Settings.knownSettings }
}

/// Invalid method settings, or a run that was cancelled.
public struct MethodError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// The run stopped because a progress handler asked it to, not because anything was wrong.
    public let isCancellation: Bool
    public init(_ description: String) {
        self.description = description
        self.isCancellation = false
    }

    private init(cancelledAfter epochs: Int) {
        description = "cancelled after \(epochs) epoch\(epochs == 1 ? "" : "s")"
        isCancellation = true
    }

    /// Training was cancelled by its progress handler after `epochs` epochs.
    public static func cancelled(afterEpochs epochs: Int) -> MethodError { MethodError(cancelledAfter: epochs) }

    /// The history of a training run, or `cancelled` when its handler stopped it.
    public static func completed(_ history: TrainingHistory) throws(MethodError) -> TrainingHistory {
        if history.cancelled { throw .cancelled(afterEpochs: history.epochs.count) }
        return history
    }
}

/// A trained black box f and its global linear surrogate g.
public struct ExplainedModel: Sendable {
    public var f: MLP
    public var g: MLP
    public var task: PredictionTask

    public init(f: MLP, g: MLP, task: PredictionTask) {
        self.f = f
        self.g = g
        self.task = task
    }

    /// f's outputs on the output scale (probabilities for classification).
    public func blackBoxOutputs(_ x: Matrix) -> Matrix { OutputLink.apply(f(x), task: task) }
    /// g's outputs on the output scale.
    public func surrogateOutputs(_ x: Matrix) -> Matrix { OutputLink.apply(g(x), task: task) }
}

/// The result of fitting one method: the models and the course of training.
public struct FittedMethod: Sendable {
    public var model: ExplainedModel
    public var history: TrainingHistory
    /// Method-specific numbers about how the fit went (e.g. the loss scales and the mean
    /// weight of the prediction gradient of a steered method), by snake_case name.
    public var diagnostics: [String: Double]

    public init(model: ExplainedModel, history: TrainingHistory, diagnostics: [String: Double] = [:]) {
        self.model = model
        self.history = history
        self.diagnostics = diagnostics
    }
}
