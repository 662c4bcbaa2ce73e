/// Aggregates a sweep's results, as they arrive, into one Pareto front per
/// dataset: the coordinator holds one per sweep and publishes each returned
/// `FrontChange` to the terminals tailing it.
///
/// Results are grouped by (dataset, label, parameters) into `FrontRow`s whose
/// objectives are averaged over replicates; after every result for a dataset its
/// front flags, reference point and hypervolume are those of the row means over
/// the sweep's objectives. A row is eligible for the front only when every sweep
/// objective has a finite mean.
///
/// The coordinator calls `add` once per task, so each dataset's front is
/// maintained incrementally (`DatasetFront`) rather than recomputed; the result
/// is the same as recomputing from scratch.
public struct FrontAggregator: Sendable {
    /// The sweep's objectives, in the order used for fronts and reference points.
    public let objectives: [Objective]
    /// Sequence number of the last effective change (0 before any).
    public private(set) var sequence: UInt64 = 0
    /// Reference points given by the caller, per dataset, in natural units.
    public let fixedReferencePoints: [String: [String: Double]]

    private var datasets: [String: DatasetFront] = [:]
    private var seenTaskIDs: Set<String> = []

    /// An aggregator for a sweep over `objectives`.
    ///
    /// - Parameter referencePoints: per dataset, the hypervolume reference point
    ///   (objective name to value, natural units). Datasets not listed, and
    ///   objectives missing from a listed point, use `ReferencePoint.derived`.
    public init(objectives: [Objective], referencePoints: [String: [String: Double]] = [:]) {
        precondition(!objectives.isEmpty, "a sweep needs at least one objective")
        precondition(Set(objectives.map(\.name)).count == objectives.count, "objective names must be unique")
        self.objectives = objectives
        self.fixedReferencePoints = referencePoints
    }

    /// Whether a result with this task ID has already been added.
    public func contains(taskID: String) -> Bool {
        seenTaskIDs.contains(taskID)
    }

    /// Each dataset's hypervolume at the current sequence number.
    public var hypervolumes: [String: Double] { datasets.mapValues(\.hypervolume) }

    /// The row for `key`, if any result has been added to it.
    public func row(_ key: FrontRowKey) -> FrontRow? {
        datasets[key.dataset]?.row(key)
    }

    /// Adds one result.
    ///
    /// - Returns: the change, with the new sequence number; `nil` (nothing
    ///   changed, sequence unchanged) when a result with the same task ID was
    ///   already added.
    @discardableResult
    public mutating func add(_ result: PointResult) -> FrontChange? {
        guard seenTaskIDs.insert(result.taskID).inserted else { return nil }
        let dataset = result.dataset
        // Mutated in place through the subscript: no copy of the dataset's rows.
        let touched = datasets[dataset, default: DatasetFront(objectives: objectives,
                                                             fixedReference: fixedReferencePoints[dataset] ?? [:])]
            .add(result)
        let front = datasets[dataset]!
        sequence += 1
        return FrontChange(sequence: sequence, dataset: dataset, rows: touched,
                           referencePoint: front.referencePoint, hypervolume: front.hypervolume)
    }

    /// All rows, reference points and hypervolumes at the current sequence number.
    ///
    /// Rows are in key order — by dataset, then each dataset's own key order — with
    /// no sort of the rows: the coordinator takes a snapshot when a sweep finishes.
    public func snapshot() -> FrontSnapshot {
        FrontSnapshot(sequence: sequence, objectives: objectives,
                      rows: datasets.keys.sorted().flatMap { datasets[$0]!.rowsInKeyOrder },
                      referencePoints: datasets.mapValues(\.referencePoint),
                      hypervolumes: hypervolumes)
    }
}
