import Foundation
import Testing
import FrontierSweep
@testable import FrontierCoordinator

/// `assignPending` works on indexes (pending tasks by requirement, free workers
/// ranked per requirement). Here a plain model applies the rule its documentation
/// states — sweeps in submission order, tasks in index order, the eligible worker
/// with most free slots, ties to the earliest connected — by scanning every task
/// and every worker, and every event's assignments must match it exactly.
@Suite("Scheduler: indexed assignment follows the documented rule")
struct SchedulerFairnessTests {
    @Test("Random connects, reconnects, sweeps, results and retries", arguments: 0..<12)
    func randomScenario(seed: UInt64) throws {
        var random = SeededRandom(seed: 0xC0FFEE + seed)
        let scheduler = try makeScheduler()
        var model = AssignmentModel()
        let shards = [shard("adult", 0, sha256: "a0"), shard("adult", 0, sha256: "b0"),
                      shard("adult", 1, sha256: "a1"), shard("wine", 0, sha256: "w0")]
        let kinds = ["joint", "stl"]
        var now = 1.0
        var names = 0
        for step in 0..<400 {
            now += 1
            let actions: [SchedulerAction]
            switch random.below(10) {
            case 0, 1:  // a new worker
                names += 1
                let id = WorkerID("w\(names)")
                let held = shards.filter { _ in random.below(2) == 0 }
                let runs = Set(kinds.filter { _ in random.below(3) != 0 })
                let slots = random.below(4)
                actions = try scheduler.workerConnected(id: id, name: "w\(names)", instanceID: "i", slots: slots,
                                                        shards: held, jobKinds: runs, runningTaskIDs: [], now: now)
                model.connect(id: id, name: "w\(names)", slots: slots, shards: held, kinds: runs)
            case 2 where !model.workers.isEmpty:  // a worker reconnects (same process) having lost its tasks
                let old = model.workers[random.below(model.workers.count)]
                let id = WorkerID("\(old.name)-\(step)")
                actions = try scheduler.workerConnected(id: id, name: old.name, instanceID: "i", slots: old.slots,
                                                        shards: old.shards, jobKinds: old.kinds, runningTaskIDs: [],
                                                        now: now)
                model.reconnect(old: old.id, new: id, maxAttempts: 3)
            case 3 where model.sweeps < 5:
                let sweepID = "s\(model.sweeps)"
                let shardID = random.below(2)
                let dataset = random.below(4) == 0 ? "wine" : "adult"
                let pinned = random.below(3) == 0 ? (shardID == 0 ? "b0" : "a1") : nil
                let sweep = makeSweep(sweepID, count: 1 + random.below(25), maxAttempts: 3, dataset: dataset,
                                      shardID: dataset == "wine" ? 0 : shardID, kind: kinds[random.below(2)],
                                      sha256: pinned)
                actions = try scheduler.submit(sweep, now: now)
                model.submit(sweep.tasks)
            default:
                let running = model.tasks.indices.filter { model.tasks[$0].state == .running }
                guard !running.isEmpty else { continue }
                let i = running[random.below(running.count)]
                let task = model.tasks[i]
                if random.below(4) == 0 {
                    actions = try scheduler.failure(worker: task.worker!, taskID: task.spec.taskID,
                                                    attempt: task.attempts, reason: "flaky", retryable: true, now: now)
                    model.fail(i, maxAttempts: 3)
                } else {
                    actions = try scheduler.result(worker: task.worker!, taskID: task.spec.taskID,
                                                   attempt: task.attempts, objectives: objectives(for: task.spec.index),
                                                   report: Data(), now: now)
                    model.finish(i)
                }
            }
            let expected = model.assignPending()
            let got = actions.assignments.map {
                ModelAssignment(worker: $0.worker, taskID: $0.assignment.task.taskID, attempt: $0.assignment.attempt,
                                sha256: $0.assignment.task.shard.sha256)
            }
            #expect(got == expected, "seed \(seed), step \(step)")
            if got != expected { return }
            for worker in model.workers {
                #expect(scheduler.worker(worker.id)?.taskIDs.count == worker.outstanding)
            }
        }
    }
}

struct ModelAssignment: Equatable {
    var worker: WorkerID
    var taskID: String
    var attempt: Int
    var sha256: String?
}

/// The scheduler's state as far as assignment goes, updated by hand per event.
private struct AssignmentModel {
    struct Worker {
        var id: WorkerID
        var name: String
        var order: Int
        var slots: Int
        var shards: [ShardDescriptor]
        var kinds: Set<String>
        var outstanding = 0
        var free: Int { max(0, slots - outstanding) }
    }

    struct Task {
        var spec: TaskSpec
        var state: TaskState = .pending
        var attempts = 0
        var worker: WorkerID?
    }

    var workers: [Worker] = []
    /// In submission order, then index order: the order of the rule.
    var tasks: [Task] = []
    var sweeps = 0
    private var orders = 0

    mutating func connect(id: WorkerID, name: String, slots: Int, shards: [ShardDescriptor], kinds: Set<String>) {
        workers.append(Worker(id: id, name: name, order: orders, slots: slots, shards: shards, kinds: kinds))
        orders += 1
    }

    mutating func reconnect(old: WorkerID, new: WorkerID, maxAttempts: Int) {
        let at = workers.firstIndex { $0.id == old }!
        for i in tasks.indices where tasks[i].state == .running && tasks[i].worker == old {
            tasks[i].state = tasks[i].attempts >= maxAttempts ? .failed : .pending
            tasks[i].worker = nil
        }
        var worker = workers.remove(at: at)
        worker.id = new
        worker.order = orders
        worker.outstanding = 0
        orders += 1
        workers.append(worker)
    }

    mutating func submit(_ specs: [TaskSpec]) {
        tasks += specs.sorted { $0.index < $1.index }.map { Task(spec: $0) }
        sweeps += 1
    }

    mutating func finish(_ i: Int) {
        release(i)
        tasks[i].state = .done
    }

    mutating func fail(_ i: Int, maxAttempts: Int) {
        release(i)
        tasks[i].state = tasks[i].attempts < maxAttempts ? .pending : .failed
    }

    private mutating func release(_ i: Int) {
        if let w = workers.firstIndex(where: { $0.id == tasks[i].worker }) { workers[w].outstanding -= 1 }
        tasks[i].worker = nil
    }

    /// The documented rule, literally: every pending task in order, every worker filtered.
    mutating func assignPending() -> [ModelAssignment] {
        var out: [ModelAssignment] = []
        for i in tasks.indices where tasks[i].state == .pending {
            guard workers.contains(where: { $0.free > 0 }) else { break }
            let spec = tasks[i].spec
            let candidates = workers.indices.filter { w in
                workers[w].free > 0 && workers[w].kinds.contains(spec.jobKind)
                    && workers[w].shards.contains { $0.serves(spec.shard) }
            }
            guard let best = candidates.min(by: { a, b in
                workers[a].free != workers[b].free ? workers[a].free > workers[b].free
                    : workers[a].order < workers[b].order
            }) else { continue }
            let pin = spec.shard.sha256 ?? workers[best].shards.first { $0.serves(spec.shard) }!.sha256
            tasks[i].spec.shard.sha256 = pin
            tasks[i].attempts += 1
            tasks[i].state = .running
            tasks[i].worker = workers[best].id
            workers[best].outstanding += 1
            out.append(ModelAssignment(worker: workers[best].id, taskID: spec.taskID, attempt: tasks[i].attempts,
                                       sha256: pin))
        }
        return out
    }
}

/// SplitMix64, so each seed replays the same scenario.
private struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
