import Foundation
import FrontierCoordinator

/// The coordinator's event counters and latencies for `/metrics`: recorded on the
/// coordinator's loop, read from any thread. Gauges (tasks by state, workers) are not
/// here: they are read off the published `CoordinatorObservatory.Overview`, so they
/// always agree with `sweep status`.
public final class CoordinatorMetrics: @unchecked Sendable {
    /// A copy of the counters at one moment.
    public struct Reading: Sendable, Equatable {
        /// Results accepted (duplicates and refused ones excluded) since the coordinator started.
        public var resultsAccepted: UInt64
        /// Task assignments sent since the coordinator started.
        public var assignments: UInt64
        /// Seconds from a task becoming pending (submitted or requeued) to its assignment.
        public var assignmentWait: LatencyHistogram.Reading
        /// Seconds from a result's arrival to the publication of the front change it caused.
        public var frontUpdateLatency: LatencyHistogram.Reading
        /// Frames and messages refused, by reason (an error code or the refused message's name).
        public var refusedFrames: [String: UInt64]
        /// Server-sent-event subscribers dropped because their queue was full (slow browsers).
        public var droppedSubscribers: UInt64
    }

    private let lock = NSLock()
    private var resultsAccepted: UInt64 = 0
    private var assignments: UInt64 = 0
    private var refused: [String: UInt64] = [:]
    private var droppedSubscribers: UInt64 = 0
    /// When each pending task became pending, by sweep, as far as this process saw (not restored tasks).
    private var pendingSince: [String: [String: ContinuousClock.Instant]] = [:]
    private let assignmentWait = LatencyHistogram(upperBounds: LatencyHistogram.waitBounds)
    private let frontUpdateLatency = LatencyHistogram(upperBounds: LatencyHistogram.shortBounds)

    public init() {}

    /// Tasks of a sweep that just became pending (a submission, a requeue).
    func tasksQueued(sweepID: String, _ taskIDs: some Sequence<String>, at now: ContinuousClock.Instant = .now) {
        lock.withLock { for id in taskIDs { pendingSince[sweepID, default: [:]][id] = now } }
    }

    /// A task sent to a worker: its wait since it became pending is observed, when known.
    func taskAssigned(sweepID: String, taskID: String, at now: ContinuousClock.Instant = .now) {
        let since = lock.withLock {
            assignments += 1
            return pendingSince[sweepID]?.removeValue(forKey: taskID)
        }
        if let since { assignmentWait.observe(now - since) }
    }

    /// A finished sweep's tasks will not be assigned again: forgotten.
    func sweepFinished(_ sweepID: String) { _ = lock.withLock { pendingSince.removeValue(forKey: sweepID) } }

    func resultAccepted() { lock.withLock { resultsAccepted += 1 } }

    func frontUpdated(after latency: Duration) { frontUpdateLatency.observe(latency) }

    func frameRefused(reason: String) { lock.withLock { refused[reason, default: 0] += 1 } }

    func subscriberDropped() { lock.withLock { droppedSubscribers += 1 } }

    /// The counters now.
    public func reading() -> Reading {
        let (results, assigned, refusedFrames, dropped) = lock.withLock {
            (resultsAccepted, assignments, refused, droppedSubscribers)
        }
        return Reading(resultsAccepted: results, assignments: assigned, assignmentWait: assignmentWait.reading(),
                       frontUpdateLatency: frontUpdateLatency.reading(), refusedFrames: refusedFrames,
                       droppedSubscribers: dropped)
    }
}
