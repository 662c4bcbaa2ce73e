/// A client's copy of a sweep's fronts: start from a `FrontSnapshot`, then apply
/// the `FrontChange`s published after it (the client side of the ZeroMQ
/// "Clone" pattern).
///
/// Changes carry their rows in full, so applying one is a plain overwrite and a
/// replica that has applied every change after its snapshot equals the
/// aggregator. A change already covered (sequence ≤ the replica's) is ignored —
/// the subscription usually starts before the snapshot is taken, so the first
/// few changes received are stale. A skipped sequence number means a change was
/// lost; the replica does not apply anything past it and the caller should take
/// a new snapshot.
public struct FrontReplica: Sendable {
    /// What `apply(_:)` did with a change.
    public enum Outcome: Sendable, Equatable {
        /// The change was the next one and is now part of the state.
        case applied
        /// The change was at or before the replica's sequence number; nothing done.
        case stale
        /// Changes between `expected` and `received` are missing; nothing done.
        /// Resynchronise with `reset(to:)` from a fresh snapshot.
        case gap(expected: UInt64, received: UInt64)
    }

    private var rows: [FrontRowKey: FrontRow]
    private var objectives: [Objective]
    private var referencePoints: [String: [String: Double]]
    private var hypervolumes: [String: Double]
    /// Sequence number of the last change applied (or of the snapshot).
    public private(set) var sequence: UInt64

    /// A replica holding `snapshot`.
    public init(snapshot: FrontSnapshot) {
        rows = Dictionary(uniqueKeysWithValues: snapshot.rows.map { ($0.key, $0) })
        objectives = snapshot.objectives
        referencePoints = snapshot.referencePoints
        hypervolumes = snapshot.hypervolumes
        sequence = snapshot.sequence
    }

    /// Replaces the state with a fresh snapshot (after a gap).
    public mutating func reset(to snapshot: FrontSnapshot) {
        self = FrontReplica(snapshot: snapshot)
    }

    /// Applies `change` if it is the next one; see `Outcome`.
    @discardableResult
    public mutating func apply(_ change: FrontChange) -> Outcome {
        if change.sequence <= sequence { return .stale }
        if change.sequence != sequence + 1 {
            return .gap(expected: sequence + 1, received: change.sequence)
        }
        for row in change.rows { rows[row.key] = row }
        referencePoints[change.dataset] = change.referencePoint
        hypervolumes[change.dataset] = change.hypervolume
        sequence = change.sequence
        return .applied
    }

    /// The replica's state in the same form as `FrontAggregator.snapshot()`.
    public func snapshot() -> FrontSnapshot {
        FrontSnapshot(sequence: sequence, objectives: objectives,
                      rows: rows.keys.sorted().map { rows[$0]! },
                      referencePoints: referencePoints, hypervolumes: hypervolumes)
    }
}
