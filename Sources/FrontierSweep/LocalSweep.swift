import Foundation
import FrontierPareto
import FrontierSupport

/// Runs a sweep on this machine: the same plan, job kinds and front aggregation as
/// the cluster, with tasks on `slots` threads and no coordinator process.
///
/// Tasks start in index order; each finished task's result goes into the live front
/// (`onChange`) and its `RunRecord` to `onRecord`, both called under one lock, one at
/// a time. The final front (`Outcome.front`) is aggregated again in task order, so it
/// does not depend on which slot finished first.
public final class LocalSweep: @unchecked Sendable {
    public let plan: SweepPlan
    public let sweepID: String
    public let registry: JobKindRegistry
    public let slots: Int
    private let shards: [Int: LocalShard]

    /// A task that could not run, and why.
    public struct Failure: Error, Sendable, Equatable {
        public var taskID: String
        public var message: String
    }

    /// What a finished sweep produced.
    public struct Outcome: Sendable {
        public var records: [RunRecord]
        public var failures: [Failure]
        public var front: FrontAggregator
        public var cancelled: Bool
    }

    /// - Parameter shards: the shards the plan runs on, by shard id (each must serve its references).
    public init(plan: SweepPlan, sweepID: String, registry: JobKindRegistry, shards: [LocalShard],
                slots: Int) throws(SweepSpecError) {
        self.plan = plan
        self.sweepID = sweepID
        self.registry = registry
        self.slots = max(1, slots)
        var byID: [Int: LocalShard] = [:]
        for shard in shards { byID[shard.descriptor.shardID] = shard }
        for reference in plan.shards {
            guard let shard = byID[reference.shardID], shard.descriptor.serves(reference) else {
                throw SweepSpecError(path: "shards", "no local shard serves \(reference.description)"
                                     + (byID[reference.shardID].map { " (shard \($0.descriptor.shardID) holds other data: "
                                        + "sha256 \($0.descriptor.sha256.prefix(12)), recipe \($0.descriptor.recipeSHA256?.prefix(12) ?? "?"))" } ?? ""))
            }
        }
        self.shards = byID
    }

    /// The live state a display shows.
    public struct Progress: Sendable {
        public var done: Int, failed: Int, running: Int, total: Int
        public var elapsedSeconds: Double
    }

    /// Runs every task. `shouldStop` is polled between tasks and in progress reports (Ctrl-C).
    public func run(onChange: (FrontChange, FrontAggregator, Progress) -> Void,
                    onRecord: (RunRecord) -> Void,
                    shouldStop: @escaping @Sendable () -> Bool = { false }) -> Outcome {
        let tasks = plan.tasks(sweepID: sweepID)
        let state = LockedState(total: tasks.count, objectives: plan.objectives, reference: plan.referencePoint,
                                dataset: plan.dataset.name)
        let start = ContinuousClock.now
        let next = Counter()
        withoutActuallyEscaping(onChange) { onChange in
            withoutActuallyEscaping(onRecord) { onRecord in
                let callbacks = Callbacks(onChange: onChange, onRecord: onRecord)
                DispatchQueue.concurrentPerform(iterations: min(slots, max(tasks.count, 1))) { _ in
                    while !shouldStop(), let index = next.take(below: tasks.count) {
                        let task = tasks[index]
                        state.started()
                        let result = execute(task, shouldStop: shouldStop)
                        state.finished(task, result, elapsed: (ContinuousClock.now - start), callbacks: callbacks)
                    }
                }
            }
        }
        return state.outcome(tasks: tasks, cancelled: shouldStop())
    }

    private func execute(_ task: TaskSpec, shouldStop: @escaping @Sendable () -> Bool) -> Result<TaskOutcome, Failure> {
        guard let kind = registry[task.jobKind], let shard = shards[task.shard.shardID] else {
            return .failure(Failure(taskID: task.taskID, message: "no job kind \(task.jobKind) or shard \(task.shard.description)"))
        }
        do {
            return .success(try kind.run(task, on: shard) { _ in shouldStop() ? .cancel : .proceed })
        } catch {
            return .failure(Failure(taskID: task.taskID, message: "\(error)"))
        }
    }
}

/// The callbacks of one run, handed to the worker threads.
private struct Callbacks: @unchecked Sendable {
    let onChange: (FrontChange, FrontAggregator, LocalSweep.Progress) -> Void
    let onRecord: (RunRecord) -> Void
}

/// The next task index, shared by the slots.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    func take(below count: Int) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            next += 1
            return next - 1
        }
    }
}

/// Results, failures and the live front, behind one lock.
private final class LockedState: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [String: RunRecord] = [:]
    private var failures: [LocalSweep.Failure] = []
    private var live: FrontAggregator
    private let objectives: [Objective]
    private let references: [String: [String: Double]]
    private var running = 0
    private let total: Int

    init(total: Int, objectives: [Objective], reference: [String: Double]?, dataset: String) {
        self.total = total
        self.objectives = objectives
        references = reference.map { [dataset: $0] } ?? [:]
        live = FrontAggregator(objectives: objectives, referencePoints: references)
    }

    func started() { lock.withLock { running += 1 } }

    func finished(_ task: TaskSpec, _ result: Result<TaskOutcome, LocalSweep.Failure>, elapsed: Duration,
                  callbacks: Callbacks) {
        lock.withLock {
            running -= 1
            switch result {
            case .success(let outcome):
                let record = RunRecord(task: task, worker: "local", outcome: outcome)
                records[task.taskID] = record
                callbacks.onRecord(record)
                if let change = live.add(record.pointResult) {
                    callbacks.onChange(change, live, LocalSweep.Progress(done: records.count, failed: failures.count,
                                                                         running: running, total: total,
                                                                         elapsedSeconds: elapsed.seconds))
                }
            case .failure(let failure):
                failures.append(failure)
            }
        }
    }

    func outcome(tasks: [TaskSpec], cancelled: Bool) -> LocalSweep.Outcome {
        lock.withLock {
            var front = FrontAggregator(objectives: objectives, referencePoints: references)
            let ordered = tasks.compactMap { records[$0.taskID] }
            for record in ordered { front.add(record.pointResult) }
            return LocalSweep.Outcome(records: ordered, failures: failures.sorted { $0.taskID < $1.taskID },
                                      front: front, cancelled: cancelled)
        }
    }
}
