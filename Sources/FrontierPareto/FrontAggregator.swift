/// Aggregates a sweep's results, as they arrive, into one Pareto front per
/// dataset: the coordinator holds one per sweep and publishes each returned
/// `FrontChange` to the terminals tailing it.
///
/// Results are grouped by (dataset, label, parameters) into `FrontRow`s whose
/// objectives are averaged over replicates; the front and hypervolume of a
/// dataset are recomputed on the row means over the sweep's objectives after
/// every result for that dataset. A row is eligible for the front only when
/// every sweep objective has a finite mean.
public struct FrontAggregator: Sendable {
    /// The sweep's objectives, in the order used for fronts and reference points.
    public let objectives: [Objective]
    /// Sequence number of the last effective change (0 before any).
    public private(set) var sequence: UInt64 = 0
    /// Reference points given by the caller, per dataset, in natural units.
    public let fixedReferencePoints: [String: [String: Double]]

    private var rows: [FrontRowKey: FrontRow] = [:]
    private var seenTaskIDs: Set<String> = []
    private var referencePoints: [String: [String: Double]] = [:]
    private var hypervolumes: [String: Double] = [:]

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

    /// The row for `key`, if any result has been added to it.
    public func row(_ key: FrontRowKey) -> FrontRow? {
        rows[key]
    }

    /// Adds one result.
    ///
    /// - Returns: the change, with the new sequence number; `nil` (nothing
    ///   changed, sequence unchanged) when a result with the same task ID was
    ///   already added.
    @discardableResult
    public mutating func add(_ result: PointResult) -> FrontChange? {
        guard seenTaskIDs.insert(result.taskID).inserted else { return nil }
        let key = result.rowKey
        var row = rows[key] ?? FrontRow(key: key)
        for (name, value) in result.objectives {
            var summary = row.objectives[name] ?? ObjectiveSummary()
            summary.add(value)
            row.objectives[name] = summary
        }
        row.replicates += 1
        row.lastWorker = result.worker
        row.lastTaskID = result.taskID
        rows[key] = row

        let flipped = refreshFront(of: result.dataset)
        sequence += 1
        var touched = Set(flipped)
        touched.insert(key)
        return FrontChange(
            sequence: sequence, dataset: result.dataset,
            rows: touched.sorted().map { rows[$0]! },
            referencePoint: referencePoints[result.dataset] ?? [:],
            hypervolume: hypervolumes[result.dataset] ?? 0)
    }

    /// All rows, reference points and hypervolumes at the current sequence number.
    public func snapshot() -> FrontSnapshot {
        FrontSnapshot(sequence: sequence, objectives: objectives,
                      rows: rows.keys.sorted().map { rows[$0]! },
                      referencePoints: referencePoints, hypervolumes: hypervolumes)
    }

    /// Recomputes the front flags, reference point and hypervolume of `dataset`;
    /// returns the keys whose `onFront` flag flipped.
    private mutating func refreshFront(of dataset: String) -> [FrontRowKey] {
        // The order of `FrontRowKey.<` (the dataset is the same for all), with each key's sorted
        // parameters computed once rather than in every comparison: this runs on every result.
        let keys = rows.keys.filter { $0.dataset == dataset }
            .map { (key: $0, parameters: $0.sortedParameters) }
            .sorted { a, b in
                if a.key.label != b.key.label { return a.key.label < b.key.label }
                for (x, y) in zip(a.parameters, b.parameters) {
                    if x.name != y.name { return x.name < y.name }
                    if x.value != y.value { return x.value < y.value }
                }
                return a.parameters.count < b.parameters.count
            }
            .map(\.key)
        var eligible: [FrontRowKey] = []
        var means: [[Double]] = []
        for key in keys {
            let row = rows[key]!
            let values = objectives.compactMap { row.mean($0.name) }
            if values.count == objectives.count {
                eligible.append(key)
                means.append(values)
            }
        }
        let frontIndices = Set(ParetoFront.nonDominated(means, directions: objectives.map(\.direction)))
        let onFront = Set(frontIndices.map { eligible[$0] })
        var flipped: [FrontRowKey] = []
        for key in keys where rows[key]!.onFront != onFront.contains(key) {
            rows[key]!.onFront.toggle()
            flipped.append(key)
        }

        let reference = referencePoint(for: dataset, means: means)
        referencePoints[dataset] = reference
        if reference.isEmpty {
            hypervolumes[dataset] = 0
        } else {
            let ref = objectives.map { $0.toMinimization(reference[$0.name]!) }
            let minimised = Objective.toMinimization(means, directions: objectives.map(\.direction))
            hypervolumes[dataset] = Hypervolume.of(minimised, reference: ref)
        }
        return flipped
    }

    /// The caller's point where given, completed by the derived rule.
    private func referencePoint(for dataset: String, means: [[Double]]) -> [String: Double] {
        let fixed = fixedReferencePoints[dataset] ?? [:]
        if objectives.allSatisfy({ fixed[$0.name] != nil }) {
            return Dictionary(uniqueKeysWithValues: objectives.map { ($0.name, fixed[$0.name]!) })
        }
        var reference = ReferencePoint.derived(from: means, objectives: objectives)
        guard !reference.isEmpty else { return [:] }
        for objective in objectives {
            if let value = fixed[objective.name] { reference[objective.name] = value }
        }
        return reference
    }
}
