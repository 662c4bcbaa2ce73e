import Foundation
import FrontierPareto
import FrontierSweep
@testable import FrontierCoordinator

/// A fresh, empty directory for one test's database.
func temporaryDirectory() -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("frontier-coordinator-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

let testObjectives = [Objective(name: "error_rate"), Objective(name: "global_fidelity")]

/// `count` tasks of one sweep over one shard, alpha = index / 10.
func makeTasks(sweepID: String, count: Int, dataset: String = "adult", shardID: Int = 0, kind: String = "joint",
               sha256: String? = nil) -> [TaskSpec] {
    (0..<count).map { i in
        TaskSpec(taskID: "\(sweepID)/\(i)", sweepID: sweepID, index: i, jobKind: kind,
                 parameters: ["alpha": Double(i) / 10], seed: UInt64(i),
                 shard: ShardReference(dataset: dataset, shardID: shardID, sha256: sha256),
                 jobSpec: Data("{\"hidden\":[8]}".utf8))
    }
}

func makeSweep(_ id: String = "s1", count: Int = 6, maxAttempts: Int = 3, dataset: String = "adult",
               shardID: Int = 0, kind: String = "joint", sha256: String? = nil) -> SweepSubmission {
    SweepSubmission(sweepID: id, name: "sweep \(id)", spec: "kind: \(kind)\n", objectives: testObjectives,
                    maxAttempts: maxAttempts,
                    tasks: makeTasks(sweepID: id, count: count, dataset: dataset, shardID: shardID, kind: kind,
                                     sha256: sha256))
}

func shard(_ dataset: String = "adult", _ id: Int = 0, sha256: String = "aaaa1111") -> ShardDescriptor {
    ShardDescriptor(dataset: dataset, shardID: id, trainRows: 100, testRows: 20, sha256: sha256, recipe: "test")
}

/// Objective values that put every task's point on the front (a trade-off along alpha).
func objectives(for index: Int) -> [String: Double] {
    ["error_rate": 0.1 + 0.01 * Double(index), "global_fidelity": 0.5 - 0.01 * Double(index)]
}

/// A store in a fresh directory and a scheduler on it.
func makeScheduler(configuration: SchedulerConfiguration = .init(leaseDuration: 15),
                   directory: String = temporaryDirectory()) throws -> Scheduler {
    try Scheduler(restoringFrom: CoordinatorStore.open(directory: directory), configuration: configuration, now: 0)
}

extension Scheduler {
    /// Connects a worker named like its ID running `joint` on adult/0 by default.
    func connect(_ id: WorkerID, slots: Int = 2, shards: [ShardDescriptor] = [shard()],
                 kinds: Set<String> = ["joint"], running: [String] = [], instance: String? = nil,
                 now: Double = 0) throws -> [SchedulerAction] {
        // Each worker its own process unless a test says otherwise.
        try workerConnected(id: id, name: id.description, instanceID: instance ?? "\(id)-i1", slots: slots, shards: shards,
                            jobKinds: kinds, runningTaskIDs: running, now: now)
    }

    /// Delivers a result with the index's objective values.
    func deliver(_ worker: WorkerID, _ assignment: Assignment, now: Double) throws -> [SchedulerAction] {
        try result(worker: worker, taskID: assignment.task.taskID, attempt: assignment.attempt,
                   objectives: objectives(for: assignment.task.index), report: Data("{}".utf8), now: now)
    }
}

extension Array where Element == SchedulerAction {
    var assignments: [(worker: WorkerID, assignment: Assignment)] {
        compactMap { if case .assign(let w, let a) = $0 { return (w, a) } else { return nil } }
    }
    var cancels: [(worker: WorkerID, taskID: String, reason: String)] {
        compactMap { if case .cancel(let w, let t, let r) = $0 { return (w, t, r) } else { return nil } }
    }
    var acks: [(worker: WorkerID, taskID: String)] {
        compactMap { if case .ack(let w, let t) = $0 { return (w, t) } else { return nil } }
    }
    var changes: [FrontChange] {
        compactMap { if case .publish(_, let c) = $0 { return c } else { return nil } }
    }
    var finished: [SweepState] {
        compactMap { if case .sweepFinished(_, let s) = $0 { return s } else { return nil } }
    }
}
