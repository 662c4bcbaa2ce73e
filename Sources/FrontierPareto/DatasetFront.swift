/// The rows of one dataset of a sweep and their front, kept up to date one result
/// at a time for `FrontAggregator`.
///
/// Recomputing the whole front, reference point and hypervolume of a dataset after
/// every result made the aggregator the coordinator's largest cost. Instead:
///
/// - Each row's means over the sweep's objectives are cached. A result that leaves
///   them as they were (a replicate equal to the mean, only other objectives, a
///   non-finite value) cannot change the front, the reference point or the
///   hypervolume, and recomputes nothing.
/// - With two objectives, the eligible rows also live in a `ParetoPlane` sorted by
///   their means, so a change is a shift in a sorted array plus linear passes, and
///   the hypervolume is recomputed only when the front's membership, a front row's
///   means or the reference point changed (dominated rows add no area).
/// - Otherwise (one or three and more objectives, or a row whose mean overflowed to
///   a non-finite value) the front is recomputed from the cached means in key
///   order, as the aggregator always did.
///
/// Either way the flags, reference point and hypervolume are exactly those a
/// recomputation from scratch gives.
struct DatasetFront: Sendable {
    let objectives: [Objective]
    /// The caller's reference point for the dataset, possibly partial.
    let fixedReference: [String: Double]
    /// `fixedReference` when it names every objective: then it is used as is.
    private let completeFixedReference: [String: Double]?

    /// Rows by number, in the order their first result arrived.
    private(set) var rows: [FrontRow] = []
    /// The reference point used for the hypervolume (empty while no row is eligible
    /// and the caller gave no complete point).
    private(set) var referencePoint: [String: Double] = [:]
    /// The dataset's hypervolume.
    private(set) var hypervolume: Double = 0

    private var numbers: [FrontRowKey: Int] = [:]
    /// Row numbers in `FrontRowKey` order, the order the full recomputation visits them in.
    private var keyOrder: [Int] = []
    /// Per row, its means over the sweep's objectives (natural units) when it has all of them.
    private var means: [[Double]?] = []
    /// Eligible rows with a non-finite mean (an overflow): the plane cannot hold them.
    private var nonFiniteRows = 0
    /// The finite eligible rows, with exactly two objectives.
    private var plane: ParetoPlane?
    /// Whether flags, reference point and hypervolume have been computed once.
    private var refreshed = false

    init(objectives: [Objective], fixedReference: [String: Double]) {
        self.objectives = objectives
        self.fixedReference = fixedReference
        self.completeFixedReference = objectives.allSatisfy { fixedReference[$0.name] != nil }
            ? Dictionary(uniqueKeysWithValues: objectives.map { ($0.name, fixedReference[$0.name]!) }) : nil
        self.plane = objectives.count == 2 ? ParetoPlane() : nil
    }

    /// The row for `key`, if any result has been added to it.
    func row(_ key: FrontRowKey) -> FrontRow? {
        numbers[key].map { rows[$0] }
    }

    /// Every row, in key order (kept as rows arrive, so no sort).
    var rowsInKeyOrder: [FrontRow] {
        keyOrder.map { rows[$0] }
    }

    /// Averages a result into its row and brings the front up to date.
    ///
    /// - Returns: the row the result went into plus every row whose `onFront` flag
    ///   flipped, in key order, each in its new state.
    mutating func add(_ result: PointResult) -> [FrontRow] {
        let key = result.rowKey
        let number = numbers[key] ?? insertRow(key)
        for (name, value) in result.objectives {
            rows[number].objectives[name, default: ObjectiveSummary()].add(value)
        }
        rows[number].replicates += 1
        rows[number].lastWorker = result.worker
        rows[number].lastTaskID = result.taskID

        let values = objectives.compactMap { rows[number].mean($0.name) }
        let updated = values.count == objectives.count ? values : nil
        let previous = means[number]
        // NaN never equals itself, so a non-finite mean always takes the full path.
        guard !refreshed || updated != previous else { return [rows[number]] }
        means[number] = updated
        if let previous, !previous.allSatisfy(\.isFinite) { nonFiniteRows -= 1 }
        if let updated, !updated.allSatisfy(\.isFinite) { nonFiniteRows += 1 }
        if plane != nil {
            if let previous, let p = planePoint(previous) { plane!.remove(x: p.x, y: p.y, row: number) }
            if let updated, let p = planePoint(updated) { plane!.insert(x: p.x, y: p.y, row: number) }
        }
        let wasOnFront = rows[number].onFront
        let flipped = plane != nil && nonFiniteRows == 0
            ? refreshFromPlane(changed: number, wasOnFront: wasOnFront)
            : refreshFromScratch()
        refreshed = true
        if flipped.isEmpty || flipped == [number] { return [rows[number]] }
        var touched = Set(flipped)
        touched.insert(number)
        return touched.map { rows[$0] }.sorted { $0.key < $1.key }
    }

    // MARK: - Refreshing

    /// Two objectives, all means finite: the front, extremes and area from the plane.
    private mutating func refreshFromPlane(changed: Int, wasOnFront: Bool) -> [Int] {
        let plane = self.plane!
        var onFront = [Bool](repeating: false, count: rows.count)
        for number in plane.frontRows() { onFront[number] = true }
        var flipped: [Int] = []
        for number in rows.indices where rows[number].onFront != onFront[number] {
            rows[number].onFront.toggle()
            flipped.append(number)
        }

        let reference = currentReference {
            guard let extremes = plane.extremes() else { return [:] }
            return [
                objectives[0].name: ReferencePoint.derived(worst: extremes.maxX, best: extremes.minX, objective: objectives[0]),
                objectives[1].name: ReferencePoint.derived(worst: extremes.maxY, best: extremes.minY, objective: objectives[1]),
            ]
        }
        // Rows off the front before and after add no area: the hypervolume stands
        // unless the front or the reference point moved.
        let frontMoved = !flipped.isEmpty || wasOnFront || rows[changed].onFront
        if !refreshed || frontMoved || reference != referencePoint {
            if reference.isEmpty {
                hypervolume = 0
            } else {
                hypervolume = plane.hypervolume(referenceX: objectives[0].toMinimization(reference[objectives[0].name]!),
                                                referenceY: objectives[1].toMinimization(reference[objectives[1].name]!))
            }
        }
        referencePoint = reference
        return flipped
    }

    /// Any number of objectives: the front, reference point and hypervolume of the
    /// eligible rows' cached means, visited in key order.
    private mutating func refreshFromScratch() -> [Int] {
        var eligible: [Int] = []
        var points: [[Double]] = []
        for number in keyOrder {
            if let values = means[number] {
                eligible.append(number)
                points.append(values)
            }
        }
        let front = Set(ParetoFront.nonDominated(points, directions: objectives.map(\.direction)).map { eligible[$0] })
        var flipped: [Int] = []
        for number in keyOrder where rows[number].onFront != front.contains(number) {
            rows[number].onFront.toggle()
            flipped.append(number)
        }

        let reference = currentReference { ReferencePoint.derived(from: points, objectives: objectives) }
        referencePoint = reference
        if reference.isEmpty {
            hypervolume = 0
        } else {
            let minimisedReference = objectives.map { $0.toMinimization(reference[$0.name]!) }
            let minimised = Objective.toMinimization(points, directions: objectives.map(\.direction))
            hypervolume = Hypervolume.of(minimised, reference: minimisedReference)
        }
        return flipped
    }

    // MARK: - Helpers

    /// The reference point for the current rows: the caller's when it names every
    /// objective, else the `derived` one (empty with no eligible row) with the
    /// caller's values in place of derived ones.
    private func currentReference(derived: () -> [String: Double]) -> [String: Double] {
        if let completeFixedReference { return completeFixedReference }
        var reference = derived()
        guard !reference.isEmpty else { return [:] }
        for objective in objectives {
            if let value = fixedReference[objective.name] { reference[objective.name] = value }
        }
        return reference
    }

    /// A row's place in the plane: its two means to minimise, when both are finite.
    private func planePoint(_ values: [Double]) -> (x: Double, y: Double)? {
        guard values[0].isFinite, values[1].isFinite else { return nil }
        return (objectives[0].toMinimization(values[0]), objectives[1].toMinimization(values[1]))
    }

    /// A new, empty row, placed in key order.
    private mutating func insertRow(_ key: FrontRowKey) -> Int {
        let number = rows.count
        rows.append(FrontRow(key: key))
        means.append(nil)
        numbers[key] = number
        var low = 0, high = keyOrder.count
        while low < high {
            let middle = (low + high) / 2
            if rows[keyOrder[middle]].key < key { low = middle + 1 } else { high = middle }
        }
        keyOrder.insert(number, at: low)
        return number
    }
}
