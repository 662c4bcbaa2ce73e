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
    /// Live readers get front updates and hypervolume points at most every `liveInterval`
    /// each (a browser redraws no more often; one event per change and reader was most of what
    /// readers cost): in between, updates are merged and the newest hypervolume point is held.
    static let liveInterval: Duration = .milliseconds(100)
    private var updates = LiveThrottle(interval: liveInterval)
    private var hypervolumes = LiveThrottle(interval: liveInterval)
    private var heldUpdate: MergedFrontUpdate?
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

    /// Publishes a front change, or merges it into the update held back if the last went out
    /// less than `liveInterval` ago.
    mutating func sendUpdate(_ message: FrontUpdate, now: ContinuousClock.Instant) {
        guard log.hasReaders else { return }
        if heldUpdate == nil { heldUpdate = MergedFrontUpdate(message) } else { heldUpdate!.merge(message) }
        sendHeldUpdate(now: now)
    }

    /// Publishes `point`, or holds it back if the last went out less than `liveInterval` ago
    /// (the history kept for snapshots and `/api/.../hypervolume` has every point).
    mutating func sendHypervolume(_ point: ClusterJSON.HypervolumePoint, now: ContinuousClock.Instant) {
        guard log.hasReaders else { return }
        heldHypervolume = point
        sendHeldHypervolume(now: now)
    }

    /// Publishes the merged update held back, if any: once `liveInterval` has passed since the
    /// last (given `now`), or at once (before a finished sweep's last event).
    mutating func sendHeldUpdate(now: ContinuousClock.Instant? = nil) {
        guard let held = heldUpdate, updates.take(now: now) else { return }
        heldUpdate = nil
        let message = held.message
        // Converted and encoded on the first reader's thread, not on the coordinator's loop.
        send(SweepEvent(.update) { ClusterJSON.string(ClusterJSON.Front(message)) })
    }

    /// Publishes the hypervolume point held back, if any, as `sendHeldUpdate` does the update.
    mutating func sendHeldHypervolume(now: ContinuousClock.Instant? = nil) {
        guard let point = heldHypervolume, hypervolumes.take(now: now) else { return }
        heldHypervolume = nil
        send(SweepEvent(.hypervolume, point))
    }

    /// Both held events, the update first (the order a change sends them in).
    mutating func sendHeld(now: ContinuousClock.Instant? = nil) {
        sendHeldUpdate(now: now)
        sendHeldHypervolume(now: now)
    }
}

/// When a kind of live event last went out, so that it goes out at most every `interval`.
struct LiveThrottle {
    let interval: Duration
    private var last: ContinuousClock.Instant?

    init(interval: Duration) { self.interval = interval }

    /// Whether an event may go out now (and if so, it counts as sent): always without `now`
    /// (a flush), else when none went out in the last `interval`.
    mutating func take(now: ContinuousClock.Instant?) -> Bool {
        if let now, let last, now - last < interval { return false }
        last = now ?? last
        return true
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
