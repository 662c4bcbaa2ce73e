import Foundation
import FrontierCoordinator
import FrontierPareto
import FrontierProtocol
import FrontierSweep

/// A read-only, thread-safe view of a running coordinator for observers that are not
/// cluster peers (the web view): the sweeps' progress and the workers, each sweep's
/// front, hypervolume history and runs, counters for `/metrics`, and live event streams.
///
/// The coordinator's loop publishes into it (`CoordinatorServer.observatory`); readers
/// on other threads get copies. Publishing never waits for a reader, and costs the same
/// however many follow: each sweep's events go into one `SweepEventLog` that its live
/// readers take from at their own pace. A reader that falls further behind than the log
/// keeps is dropped (its stream ends; a browser's EventSource reconnects and starts again
/// from a snapshot).
public final class CoordinatorObservatory: @unchecked Sendable {
    /// The sweeps and workers at one moment, as `sweep status` and the workers list show them.
    public struct Overview: Sendable {
        /// The reply `sweep status` (every sweep) gets, built the same way.
        public var status: FrontierProtocol.SweepStatus
        public var workers: [ClusterJSON.Worker]
        /// Unix seconds when it was taken.
        public var takenAt: Double
    }

    /// Events a live reader may fall behind by before it is dropped.
    public let queueCapacity: Int
    /// Event counters and latencies (`/metrics`).
    public let metrics = CoordinatorMetrics()
    /// The store's commit latencies, once the coordinator has opened it.
    public var storeCommitLatency: LatencyHistogram.Reading? { lock.withLock { storeCommits }?.reading() }

    private let lock = NSLock()
    private var overview = Overview(status: FrontierProtocol.SweepStatus(), workers: [], takenAt: 0)
    private var sweeps: [String: ObservedSweep] = [:]
    private let overviewLog: SweepEventLog
    private var storeCommits: LatencyHistogram?
    /// Publication pacing (the loop's own state, kept here so the server needs no new fields).
    private var changedSinceOverview = true
    private var lastOverview: ContinuousClock.Instant?
    private var lastWorkers: ContinuousClock.Instant?
    private var lastBlockReasons: ContinuousClock.Instant?
    private var lastOverviewEvent: ContinuousClock.Instant?

    /// An observatory whose live readers may fall `queueCapacity` events behind.
    public init(queueCapacity: Int = 4096) {
        precondition(queueCapacity > 0, "queueCapacity must be positive")
        self.queueCapacity = queueCapacity
        overviewLog = SweepEventLog(capacity: queueCapacity)
    }

    // MARK: - Reading (any thread)

    /// The sweeps and workers as last published.
    public func currentOverview() -> Overview { lock.withLock { overview } }

    /// A sweep's front as the coordinator answers a snapshot request; nil for an unknown sweep.
    public func front(sweepID: String) -> FrontierProtocol.FrontSnapshot? {
        lock.withLock { sweeps[sweepID]?.frontCopy }?.message
    }

    /// A sweep's hypervolume after each change this coordinator saw; nil for an unknown sweep.
    public func hypervolumeHistory(sweepID: String) -> [ClusterJSON.HypervolumePoint]? {
        lock.withLock { sweeps[sweepID]?.history }
    }

    /// A sweep's finished runs in the order their results were accepted; nil for an unknown sweep.
    public func runs(sweepID: String) -> [RunRecord]? {
        // Copied under the lock, made into records (reports parsed) outside it.
        lock.withLock { sweeps[sweepID]?.runs }?.map(\.record)
    }

    /// Follows a sweep: first its front, progress, hypervolume history and runs as they are
    /// now, then every change after them, in order. Nil for an unknown sweep.
    public func follow(sweepID: String) -> SweepEventFeed? {
        let metrics = metrics
        return lock.withLock {
            guard let sweep = sweeps[sweepID] else { return nil }
            return SweepEventFeed(log: sweep.log, initial: sweep.initialEvents(), from: sweep.log.end,
                                  onFellBehind: { metrics.subscriberDropped() })
        }
    }

    /// Follows the sweeps list and the workers: both now, then again whenever they change
    /// (at most once a second).
    public func followOverview() -> SweepEventFeed {
        let metrics = metrics
        return lock.withLock {
            SweepEventFeed(log: overviewLog, initial: Self.overviewEvents(overview), from: overviewLog.end,
                           onFellBehind: { metrics.subscriberDropped() })
        }
    }

    /// How many live readers there are (sweep pages and sweeps lists).
    public var observerCount: Int {
        lock.withLock { overviewLog.readerCount + sweeps.values.reduce(0) { $0 + $1.log.readerCount } }
    }

    private static func overviewEvents(_ overview: Overview) -> [SweepEvent] {
        [SweepEvent(.sweeps, ClusterJSON.Status(overview.status)),
         SweepEvent(.workers, ClusterJSON.Workers(workers: overview.workers, takenAt: overview.takenAt))]
    }

    // MARK: - Publishing (the coordinator's loop)

    /// Remembers the store whose commit latencies `/metrics` shows.
    func attach(store: CoordinatorStore) { lock.withLock { storeCommits = store.commitLatency } }

    /// Something changed the coordinator's state: the next `overviewDue` says yes sooner.
    func noteChange() { lock.withLock { changedSinceOverview = true } }

    /// What a due overview should hold besides the sweeps' counts.
    struct OverviewRefresh: Equatable {
        /// The workers list (else the last one is kept).
        var workers: Bool
        /// Why pending tasks wait, which costs pending tasks × workers (else the last reasons are kept).
        var blockReasons: Bool
    }

    /// Whether a new overview is due, and with what: the counts 250 ms after the last when
    /// something changed and at least every second (elapsed times); the workers at most
    /// every second; why tasks wait at most every 5 s. Nil when nothing is due.
    func overviewDue(now: ContinuousClock.Instant = .now) -> OverviewRefresh? {
        lock.withLock {
            func since(_ last: ContinuousClock.Instant?, _ interval: Duration) -> Bool { last.map { now - $0 >= interval } ?? true }
            guard since(lastOverview, changedSinceOverview ? .milliseconds(250) : .seconds(1)) else { return nil }
            return OverviewRefresh(workers: since(lastWorkers, .seconds(1)), blockReasons: since(lastBlockReasons, .seconds(5)))
        }
    }

    /// Whether the observatory holds `sweepID` already.
    func knows(sweepID: String) -> Bool { lock.withLock { sweeps[sweepID] != nil } }

    /// Starts keeping a sweep, from its front now and the runs stored so far.
    func add(sweepID: String, snapshot: FrontierPareto.FrontSnapshot, done: Bool, referencePoint: [String: Double]?,
             runs: [ObservedRun] = []) {
        var sweep = ObservedSweep(sweepID: sweepID, snapshot: snapshot, done: done, referencePoint: referencePoint,
                                  logCapacity: queueCapacity)
        sweep.runs = runs
        lock.withLock { if sweeps[sweepID] == nil { sweeps[sweepID] = sweep } }
    }

    /// Publishes the sweeps and workers; each followed sweep whose progress changed gets a `status` event.
    /// `workers` nil keeps the last list; `refresh.blockReasons` false keeps each sweep's last `stuck`.
    func publish(status: FrontierProtocol.SweepStatus, workers: [ClusterJSON.Worker]?, refresh: OverviewRefresh,
                 takenAt: Double, now: ContinuousClock.Instant = .now) {
        lock.withLock {
            var status = status
            if !refresh.blockReasons {
                let stuck = Dictionary(overview.status.sweeps.map { ($0.sweepID, $0.stuck) }, uniquingKeysWith: { $1 })
                for i in status.sweeps.indices { status.sweeps[i].stuck = stuck[status.sweeps[i].sweepID] ?? [] }
            } else {
                lastBlockReasons = now
            }
            if workers != nil { lastWorkers = now }
            let new = Overview(status: status, workers: workers ?? overview.workers, takenAt: takenAt)
            overview = new
            changedSinceOverview = false
            lastOverview = now
            for summary in new.status.sweeps {
                modify(summary.sweepID) { sweep in
                    var old = sweep.summary
                    old?.elapsedMs = summary.elapsedMs
                    sweep.summary = summary
                    sweep.sendHeld(now: now)
                    if old != summary { sweep.send(SweepEvent(.status, ClusterJSON.Summary(summary))) }
                }
            }
            if overviewLog.hasReaders, lastOverviewEvent.map({ now - $0 >= .seconds(1) }) ?? true {
                lastOverviewEvent = now
                for event in Self.overviewEvents(new) { overviewLog.append(event) }
            }
        }
    }

    /// A change of a sweep's front the coordinator just published as `message`.
    func frontChanged(sweepID: String, change: FrontChange, message: FrontUpdate, at time: Double,
                      now: ContinuousClock.Instant = .now) {
        lock.withLock {
            modify(sweepID) { sweep in
                guard case .applied = sweep.replica.apply(change) else { return }
                let point = ClusterJSON.HypervolumePoint(sequence: change.sequence, time: time, hypervolume: change.hypervolume)
                sweep.history.append(point)
                sweep.sendUpdate(message, now: now)
                sweep.sendHypervolume(point, now: now)
            }
        }
    }

    /// A sweep finished; `message` is the done marker the coordinator published.
    func finished(sweepID: String, message: FrontUpdate) {
        lock.withLock {
            modify(sweepID) { sweep in
                guard !sweep.done else { return }
                sweep.done = true
                sweep.sendHeld()
                sweep.send(SweepEvent(.update, ClusterJSON.Front(message), isLast: true))
            }
        }
    }

    /// A result the scheduler accepted.
    func recorded(_ run: ObservedRun) {
        lock.withLock {
            modify(run.task.sweepID) { sweep in
                sweep.runs.append(run)
                sweep.send(SweepEvent(.run) { run.lineWithoutReport })
            }
        }
    }

    /// Changes a kept sweep in place (no copy of its runs or history); nothing for an unknown one.
    /// Call with the lock held.
    private func modify(_ sweepID: String, _ body: (inout ObservedSweep) -> Void) {
        guard sweeps[sweepID] != nil else { return }
        body(&sweeps[sweepID]!)
    }
}
