import Foundation
import FrontierPareto
import FrontierProtocol

/// What the observatory keeps of one sweep: a replica of its front (the aggregator's
/// snapshot, then every change the coordinator published, in order), the hypervolume
/// after each change, its runs, and the observers following it live.
struct ObservedSweep {
    let sweepID: String
    var replica: FrontReplica
    var done: Bool
    /// Fixed at submit (nil for a sweep submitted without one, by an older coordinator).
    let referencePoint: [String: Double]?
    var history: [ClusterJSON.HypervolumePoint] = []
    var runs: [ObservedRun] = []
    var summary: SweepSummary?
    var observers: [Int: AsyncStream<SweepEvent>.Continuation] = [:]

    init(sweepID: String, snapshot: FrontierPareto.FrontSnapshot, done: Bool, referencePoint: [String: Double]?) {
        self.sweepID = sweepID
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
        events.append(SweepEvent(.runs, isLast: done) { "[" + runs.map(\.record.jsonLine).joined(separator: ",") + "]" })
        return events
    }

    /// Sends `event` to every observer; returns the observers whose queue was full, removed
    /// here and to be finished by the caller outside the observatory's lock.
    mutating func send(_ event: SweepEvent) -> [AsyncStream<SweepEvent>.Continuation] {
        Self.send(event, to: &observers)
    }

    /// Sends `event` to each of `observers`, forgetting those that went away and removing
    /// (and returning) those whose queue is full.
    static func send(_ event: SweepEvent, to observers: inout [Int: AsyncStream<SweepEvent>.Continuation])
        -> [AsyncStream<SweepEvent>.Continuation] {
        var dropped: [AsyncStream<SweepEvent>.Continuation] = []
        for (id, observer) in observers {
            switch observer.yield(event) {
            case .enqueued: break
            case .dropped:
                observers[id] = nil
                dropped.append(observer)
            case .terminated: observers[id] = nil
            @unknown default: break
            }
        }
        return dropped
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
