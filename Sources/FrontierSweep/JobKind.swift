import FrontierSettings
import Foundation

/// A kind of work the cluster can run (`joint`, `stl`, later `fex`, `poe`, `moo`):
/// the one protocol behind which explanation methods plug into the cluster.
///
/// The coordinator uses `validate` when a sweep is submitted, so a bad setting is
/// refused with the field's name before anything runs; a worker uses `run`. The
/// cluster itself knows nothing of what a job does: it moves `TaskSpec`s and
/// collects `TaskOutcome`s.
public protocol JobKind: Sendable {
    /// The name sweeps use in `kind:`.
    var name: String { get }

    /// Parameters this kind sweeps (e.g. `["alpha"]`) and their valid range, checked at submit.
    var sweptParameters: [String: ClosedRange<Double>] { get }

    /// Objective names this kind reports (e.g. `error_rate`, `mse`, `global_fidelity`).
    var objectives: Set<String> { get }

    /// Checks the sweep's settings for this kind and encodes them as the opaque job
    /// spec every task of the kind carries. Errors name the offending field, e.g.
    /// `jobs[1].settings.hidden: ...`.
    func validate(settings: SettingValue, at path: String) throws(SweepSpecError) -> Data

    /// Swept parameters every job of this kind must give (default: none; see `JobKindDefaults.swift`).
    var requiredParameters: Set<String> { get }

    /// The setting names this kind reads, so a sweep's shared settings reach only the
    /// jobs that know them (default nil: every shared setting is passed on).
    var knownSettings: Set<String>? { get }

    /// Checks one swept value at submit time (default: within `sweptParameters`' range).
    func validate(parameter name: String, value: Double, at path: String) throws(SweepSpecError)

    /// Checks the job's settings with its swept values together, for a kind whose parameters'
    /// meaning depends on its settings (the `explain` kind's `kernel_width` applies to LIME
    /// only). `path` is the job's (`jobs[1]`). Default: nothing more to check.
    func validate(settings: SettingValue, parameters: [String: [Double]], at path: String) throws(SweepSpecError)

    /// Objective names a sweep of this kind on `dataset` uses when its spec names none
    /// (default: all of `objectives`, in name order).
    func defaultObjectives(for dataset: SweepDataset) -> [String]

    /// The hypervolume reference value of objective `name` on `dataset` when the spec
    /// gives none: a value no useful result is worse than (default: none, so the spec
    /// must give one).
    func referenceValue(forObjective name: String, dataset: String) -> Double?

    /// Runs one task on a shard held by this worker. `report` is called as work
    /// progresses and returns whether to go on (the coordinator may cancel).
    func run(_ task: TaskSpec, on shard: LocalShard,
             report: (TaskProgressReport) -> TaskControl) throws -> TaskOutcome
}

/// Progress of a running task, streamed to the coordinator (one per epoch for training jobs).
public struct TaskProgressReport: Sendable, Equatable {
    public var step: Int
    public var totalSteps: Int
    public var metrics: [String: Double]

    public init(step: Int, totalSteps: Int, metrics: [String: Double]) {
        self.step = step
        self.totalSteps = totalSteps
        self.metrics = metrics
    }
}

/// Whether a running task goes on.
public enum TaskControl: Sendable { case proceed, cancel }

/// What a finished task produced.
public struct TaskOutcome: Sendable, Equatable {
    /// Objective values to minimise, by name.
    public var objectives: [String: Double]
    /// The job kind's full report (JSON), stored by the coordinator and exported.
    public var report: Data
    public var trainingSeconds: Double
    public var evaluationSeconds: Double

    public init(objectives: [String: Double], report: Data, trainingSeconds: Double, evaluationSeconds: Double) {
        self.objectives = objectives
        self.report = report
        self.trainingSeconds = trainingSeconds
        self.evaluationSeconds = evaluationSeconds
    }
}

/// The job kinds a process knows, by name.
public struct JobKindRegistry: Sendable {
    public private(set) var kinds: [String: any JobKind] = [:]

    public init(_ kinds: [any JobKind] = []) {
        for k in kinds { self.kinds[k.name] = k }
    }

    public subscript(name: String) -> (any JobKind)? { kinds[name] }

    public var names: [String] { kinds.keys.sorted() }
}
