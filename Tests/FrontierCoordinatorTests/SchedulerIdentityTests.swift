import Foundation
import Testing
import FrontierPareto
import FrontierSweep
@testable import FrontierCoordinator

@Suite("Scheduler: peer identity, leaving workers and released attempts")
struct SchedulerIdentityTests {
    @Test("With CURVE a worker name is bound to its first key, across restarts, until unbound")
    func keyBinding() throws {
        let directory = temporaryDirectory()
        let scheduler = try makeScheduler(directory: directory)
        _ = try scheduler.workerConnected(id: "c1", name: "edge", instanceID: "i1", slots: 1, shards: [shard()],
                                          jobKinds: ["joint"], runningTaskIDs: [], peerKey: "K1", now: 0)
        // The same name from another key, even as a reconnect of the same instance, is refused.
        #expect(throws: SchedulerRefusal.keyMismatch(name: "edge", bound: "K1", presented: "K2")) {
            try scheduler.workerConnected(id: "c2", name: "edge", instanceID: "i1", slots: 1, shards: [shard()],
                                          jobKinds: ["joint"], runningTaskIDs: [], peerKey: "K2", now: 1)
        }
        let restored = try Scheduler(restoringFrom: CoordinatorStore.open(directory: directory), now: 100)
        #expect(throws: SchedulerRefusal.self) {
            try restored.workerConnected(id: "c3", name: "edge", instanceID: "i2", slots: 1, shards: [shard()],
                                         jobKinds: ["joint"], runningTaskIDs: [], peerKey: "K2", now: 101)
        }
        #expect(try restored.store.unbindWorker(name: "edge"))
        let rebound = try Scheduler(restoringFrom: CoordinatorStore.open(directory: directory), now: 200)
        _ = try rebound.workerConnected(id: "c4", name: "edge", instanceID: "i3", slots: 1, shards: [shard()],
                                        jobKinds: ["joint"], runningTaskIDs: [], peerKey: "K2", now: 201)
        #expect(rebound.worker("c4")?.peerKey == "K2")
    }

    @Test("Another instance under a live name waits for the old connection to go or its lease to expire")
    func nameTakeover() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.connect("edge", slots: 1, instance: "old")
        let task = try #require(try scheduler.submit(makeSweep(count: 1), now: 0).assignments.first)
        #expect(throws: SchedulerRefusal.nameInUse(name: "edge")) {
            try scheduler.workerConnected(id: "edge-2", name: "edge", instanceID: "new", slots: 1, shards: [shard()],
                                          jobKinds: ["joint"], runningTaskIDs: [task.assignment.task.taskID], now: 5)
        }
        #expect(scheduler.task("s1/0")?.workerID == "edge")
        // Past the old connection's lease the new instance is accepted; the old one's task is requeued,
        // not adopted (it was another process's attempt), and runs again as attempt 2.
        let actions = try scheduler.workerConnected(id: "edge-2", name: "edge", instanceID: "new", slots: 1,
                                                    shards: [shard()], jobKinds: ["joint"],
                                                    runningTaskIDs: [task.assignment.task.taskID], now: 16)
        #expect(actions.contains(.notice(.workerLost(name: "edge", why: "silent for longer than a lease, and another instance says Hello", tasks: ["s1/0"]))))
        #expect(actions.assignments.map(\.assignment.attempt) == [2])
        // The old instance's late result still counts once: its attempt was its own.
        let late = try scheduler.deliver("edge", task.assignment, now: 17)
        #expect(late.changes.count == 1)
    }

    @Test("A connection reported gone is forgotten at once and its tasks requeued")
    func connectionClosed() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.connect("w1", slots: 1)
        _ = try scheduler.connect("w2", slots: 1)
        _ = try scheduler.submit(makeSweep(count: 1), now: 0)
        let actions = try scheduler.connectionClosed("w1", now: 1)
        #expect(scheduler.worker("w1") == nil)
        #expect(actions.assignments.map(\.worker) == ["w2"])
        #expect(actions.contains(.notice(.requeued(taskID: "s1/0", attempt: 1, reason: "worker w1 lost (its connection is gone)"))))
    }

    @Test("A leaving worker gets nothing more; its released attempt is requeued without spending an attempt")
    func leavingAndReleased() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.connect("w1", slots: 2)
        let first = try scheduler.submit(makeSweep(count: 3, maxAttempts: 1), now: 0).assignments
        #expect(first.map(\.worker) == ["w1", "w1"])
        _ = try scheduler.heartbeat(worker: "w1", freeSlots: 0, runningTaskIDs: ["s1/0", "s1/1"], leaving: true, now: 1)
        // A result frees a slot, but a leaving worker is given nothing.
        #expect(try scheduler.deliver("w1", first[0].assignment, now: 2).assignments.isEmpty)
        // The other attempt is handed back: pending again with max_attempts 1 still unspent.
        let released = try scheduler.failure(worker: "w1", taskID: "s1/1", attempt: 1, reason: "shutting down",
                                             retryable: true, released: true, now: 3)
        #expect(released.contains(.notice(.released(taskID: "s1/1", attempt: 1, worker: "w1"))))
        #expect(scheduler.task("s1/1")?.state == .pending)
        #expect(scheduler.task("s1/1")?.chargedAttempts == 0)
        // Holding nothing and leaving: forgotten.
        let left = try scheduler.heartbeat(worker: "w1", freeSlots: 0, runningTaskIDs: [], leaving: true, now: 4)
        #expect(left.contains(.notice(.workerLeft(name: "w1"))))
        #expect(scheduler.worker("w1") == nil)
        let next = try scheduler.connect("w2", slots: 2, now: 5).assignments
        #expect(next.map(\.assignment.task.taskID) == ["s1/1", "s1/2"])
        #expect(next.first?.assignment.attempt == 2)
        // The release survives a restart uncharged.
        let restored = try Scheduler(restoringFrom: scheduler.store, now: 6)
        #expect(restored.task("s1/1")?.releases == 1)
    }

    @Test("A result must carry the sweep's objectives, and others only when its job kind reports them")
    func objectivesChecked() throws {
        let scheduler = try Scheduler(restoringFrom: CoordinatorStore.open(directory: temporaryDirectory()),
                                      jobKindObjectives: ["joint": ["error_rate", "mse", "global_fidelity"]], now: 0)
        _ = try scheduler.connect("w1", slots: 3)
        let tasks = try scheduler.submit(makeSweep(count: 3), now: 0).assignments.map(\.assignment)
        #expect(throws: SchedulerRefusal.objectives(taskID: "s1/0", problem: "objective global_fidelity is missing")) {
            try scheduler.result(worker: "w1", taskID: "s1/0", attempt: 1, objectives: ["error_rate": 0.1],
                                 report: Data(), now: 1)
        }
        #expect(throws: SchedulerRefusal.self) {
            try scheduler.result(worker: "w1", taskID: "s1/0", attempt: 1,
                                 objectives: objectives(for: 0).merging(["bogus": 99]) { $1 }, report: Data(), now: 1)
        }
        #expect(try scheduler.result(worker: "w1", taskID: tasks[1].task.taskID, attempt: 1,
                                     objectives: objectives(for: 1).merging(["mse": 0.3]) { $1 }, report: Data(),
                                     now: 2).changes.count == 1)
        #expect(throws: SchedulerRefusal.unknownTask("nope/0")) {
            try scheduler.result(worker: "w1", taskID: "nope/0", attempt: 1, objectives: objectives(for: 0),
                                 report: Data(), now: 3)
        }
        #expect(throws: SchedulerRefusal.unknownWorker) {
            try scheduler.result(worker: "stranger", taskID: "s1/2", attempt: 1, objectives: objectives(for: 2),
                                 report: Data(), now: 3)
        }
    }
}
