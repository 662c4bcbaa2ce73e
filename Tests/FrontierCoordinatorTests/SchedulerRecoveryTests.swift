import Foundation
import Testing
import FrontierSweep
@testable import FrontierCoordinator

@Suite("Scheduler: recovery after a coordinator restart")
struct SchedulerRecoveryTests {
    @Test("A worker re-announcing its running task after a restart re-adopts it")
    func readoption() throws {
        let directory = temporaryDirectory()
        let before = try makeScheduler(directory: directory)
        _ = try before.connect("w1", slots: 2)
        let assigned = try before.submit(makeSweep(count: 2), now: 0).assignments
        #expect(assigned.count == 2)

        let after = try Scheduler(restoringFrom: CoordinatorStore.open(directory: directory), now: 100)
        #expect(after.task("s1/0")?.isAwaitingReadoption == true)
        #expect(after.status(sweepID: "s1")[0].running == 2)

        // The worker reconnects (new routing ID) still running s1/0 but not s1/1, and
        // a stranger claims s1/0 too.
        let hello = try after.workerConnected(id: "w1-new", name: "w1", instanceID: "w1-i1", slots: 2,
                                              shards: [shard()], jobKinds: ["joint"], runningTaskIDs: ["s1/0"],
                                              now: 101)
        #expect(hello.cancels.isEmpty)
        #expect(after.task("s1/0")?.workerID == "w1-new")
        #expect(after.task("s1/0")?.attempts == 1)
        // s1/1 was lost: requeued and handed out again as attempt 2, to the free slot.
        #expect(hello.assignments.map(\.assignment.task.taskID) == ["s1/1"])
        #expect(hello.assignments.first?.assignment.attempt == 2)
        let stranger = try after.connect("w9", running: ["s1/0"], now: 102)
        #expect(stranger.cancels.map(\.taskID) == ["s1/0"])

        let done = try after.deliver("w1-new", assigned[0].assignment, now: 103)
        #expect(done.changes.count == 1)
        #expect(after.task("s1/0")?.state == .done)
    }

    @Test("Running tasks nobody re-adopts within the lease are requeued")
    func readoptionExpires() throws {
        let directory = temporaryDirectory()
        let before = try makeScheduler(directory: directory)
        _ = try before.connect("w1", slots: 1)
        _ = try before.submit(makeSweep(count: 1), now: 0)

        let after = try Scheduler(restoringFrom: CoordinatorStore.open(directory: directory), now: 100)
        #expect(try after.connect("w2", slots: 1, now: 101).assignments.isEmpty)
        _ = try after.heartbeat(worker: "w2", freeSlots: 1, runningTaskIDs: [], now: 110)
        #expect(try after.tick(now: 114).isEmpty)
        let actions = try after.tick(now: 116)
        #expect(actions.assignments.map(\.worker) == ["w2"])
        #expect(actions.assignments.first?.assignment.attempt == 2)
    }

    @Test("A restart loses no committed result; the front and its sequence carry on")
    func restartKeepsResults() throws {
        let directory = temporaryDirectory()
        let before = try makeScheduler(directory: directory)
        _ = try before.connect("w1", slots: 4)
        let assigned = try before.submit(makeSweep(count: 4), now: 0).assignments
        var sequences: [UInt64] = []
        for (worker, assignment) in assigned.prefix(3) {
            sequences += try before.deliver(worker, assignment, now: 1).changes.map(\.sequence)
        }
        let snapshotBefore = try before.snapshot(sweepID: "s1")
        #expect(snapshotBefore.sequence == 3)

        let after = try Scheduler(restoringFrom: CoordinatorStore.open(directory: directory), now: 50)
        #expect(try after.snapshot(sweepID: "s1") == snapshotBefore)
        #expect(try after.store.loadAll().results.count == 3)
        #expect(after.status(sweepID: "s1")[0].done == 3)

        // The worker says Hello again (same process); a resend of an old result is acked and dropped;
        // the last task's result continues the sequence.
        _ = try after.connect("w1", slots: 4, running: [assigned[3].assignment.task.taskID], now: 51)
        let resend = try after.deliver("w1", assigned[0].assignment, now: 52)
        #expect(resend.changes.isEmpty && resend.acks.count == 1)
        let last = try after.deliver("w1", assigned[3].assignment, now: 53)
        sequences += last.changes.map(\.sequence)
        #expect(sequences == [1, 2, 3, 4])
        #expect(last.finished == [.done])
        #expect(try after.snapshot(sweepID: "s1").sequence == 4)

        // And once more: the finished sweep and its front survive another restart.
        let again = try Scheduler(restoringFrom: CoordinatorStore.open(directory: directory), now: 60)
        #expect(again.status(sweepID: "s1")[0].state == .done)
        #expect(try again.snapshot(sweepID: "s1") == after.snapshot(sweepID: "s1"))
    }
}

@Suite("Scheduler: recovery repairs a crash between writes")
struct SchedulerCrashRepairTests {
    @Test("A sweep whose last result was committed but not marked finished is finished on restore")
    func finishesOnRestore() throws {
        let directory = temporaryDirectory()
        let store = try CoordinatorStore.open(directory: directory)
        try store.insertSweep(makeSweep(count: 1), at: 0)
        // The crash came after the result's transaction, before the sweep's state was written.
        try store.recordResult(StoredResult(taskID: "s1/0", sweepID: "s1", attempt: 1, workerName: "w1",
                                            objectives: objectives(for: 0), report: Data(), receivedAt: 1))
        #expect(try store.loadAll().sweeps[0].state == .running)
        let scheduler = try Scheduler(restoringFrom: CoordinatorStore.open(directory: directory), now: 5)
        #expect(scheduler.status(sweepID: "s1")[0].state == .done)
        #expect(try scheduler.store.loadAll().sweeps[0].state == .done)
        #expect(try scheduler.snapshot(sweepID: "s1").sequence == 1)
    }
}
