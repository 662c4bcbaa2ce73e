import Foundation
import FrontierPareto
import FrontierProtocol

/// What the observatory keeps of one sweep: a replica of its front (the aggregator's
/// snapshot, then every change the coordinator published, in order), the hypervolume
/// after each change, its runs, and the log its live readers follow.
struct ObservedSweep {
    let sweepID: String
    var replica: FrontReplica
    var done: Bool
    /// Fixed at submit (nil for a sweep submitted without one, by an older coordinator).
    let referencePoint: [String: Double]?
    var history: [ClusterJSON.HypervolumePoint] = []
    var runs: [ObservedRun] = []
    var summary: SweepSummary?
    let log: SweepEventLog
    /// Live readers get the hypervolume at most every `hypervolumeInterval` (a chart needs no
    /// more; each point is one more event per result to every reader): when the last went
    /// out, and the newest point held back since.
    static let hypervolumeInterval: Duration = .milliseconds(100)
    private var lastHypervolumeSent: ContinuousClock.Instant?
    private var heldHypervolume: ClusterJSON.HypervolumePoint?

    init(sweepID: String, snapshot: FrontierPareto.FrontSnapshot, done: Bool, referencePoint: [String: Double]?,
         logCapacity: Int) {
        self.sweepID = sweepID
        log = SweepEventLog(capacity: logCapacity)
        replica = FrontReplica(snapshot: snapshot)
        self.done = done
        self.referencePoint = referencePoint
    }

    /// The front as `sweep export --format json` and `tail`'s first line show it, made later
    /// (outside the observatory's lock) from a copy of the replica.
    var frontCopy: FrontCopy { FrontCopy(sweepID: sweepID, replica: replica, done: done, referencePoint: referencePoint) }

    /// The events a new observer starts from, in order: the front, the progress, the
    /// hypervolume history and the runs so far. Each is encoded when first read, not here.
    func initialEvents() -> [SweepEvent] {
        let front = frontCopy
        var events = [SweepEvent(.snapshot) { ClusterJSON.string(ClusterJSON.Front(front.message)) }]
        if let summary { events.append(SweepEvent(.status, ClusterJSON.Summary(summary))) }
        events.append(SweepEvent(.history, ClusterJSON.HypervolumeHistory(sweepID: sweepID, points: history)))
        let runs = runs
        events.append(SweepEvent(.runs, isLast: done) { "[" + runs.map(\.lineWithoutReport).joined(separator: ",") + "]" })
        return events
    }

    /// Publishes the event `make` makes, if anyone reads the log (else it is not made).
    func send(_ make: @autoclosure () -> SweepEvent) {
        if log.hasReaders { log.append(make()) }
    }

    /// Publishes `point` if the last went out `hypervolumeInterval` ago, else holds it for later
    /// (the history kept for snapshots and `/api/.../hypervolume` has every point).
    mutating func sendHypervolume(_ point: ClusterJSON.HypervolumePoint, now: ContinuousClock.Instant) {
        guard log.hasReaders else { return }
        if let last = lastHypervolumeSent, now - last < Self.hypervolumeInterval {
            heldHypervolume = point
            return
        }
        lastHypervolumeSent = now
        heldHypervolume = nil
        send(SweepEvent(.hypervolume, point))
    }

    /// Publishes the point held back, if any: before a finished sweep's last event, or (given
    /// `now`) once `hypervolumeInterval` has passed without a change.
    mutating func sendHeldHypervolume(now: ContinuousClock.Instant? = nil) {
        guard let point = heldHypervolume else { return }
        if let now, let last = lastHypervolumeSent, now - last < Self.hypervolumeInterval { return }
        heldHypervolume = nil
        lastHypervolumeSent = now ?? lastHypervolumeSent
        send(SweepEvent(.hypervolume, point))
    }
}

/// A sweep's front at one moment: a copy taken under the observatory's lock (cheap: the
/// replica's storage is shared until either side changes), made into a message outside it.
struct FrontCopy: Sendable {
    let sweepID: String
    let replica: FrontReplica
    let done: Bool
    let referencePoint: [String: Double]?

    /// The same message the coordinator answers a snapshot request with.
    var message: FrontierProtocol.FrontSnapshot {
        FrontMessages.snapshot(sweepID: sweepID, snapshot: replica.snapshot(), done: done, referencePoint: referencePoint)
    }
}
