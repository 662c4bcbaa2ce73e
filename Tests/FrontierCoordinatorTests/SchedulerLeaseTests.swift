import Foundation
import Testing
import FrontierSweep
@testable import FrontierCoordinator

@Suite("Scheduler: leases, retries, failures, late results")
struct SchedulerLeaseTests {
    /// One task on w1 (attempt 1) with w2 idle, both with one slot.
    func oneTaskOnW1(maxAttempts: Int = 3) throws -> (Scheduler, Assignment) {
        let scheduler = try makeScheduler()
        _ = try scheduler.connect("w1", slots: 1)
        let first = try #require(try scheduler.submit(makeSweep(count: 1, maxAttempts: maxAttempts), now: 0)
            .assignments.first)
        #expect(first.worker == "w1")
        _ = try scheduler.connect("w2", slots: 1, now: 1)
        return (scheduler, first.assignment)
    }

    @Test("An expired lease requeues the task to another worker with a higher attempt")
    func leaseExpiry() throws {
        let (scheduler, first) = try oneTaskOnW1()
        #expect(first.attempt == 1)
        // w2 keeps heartbeating, w1 falls silent.
        #expect(try scheduler.heartbeat(worker: "w2", freeSlots: 1, runningTaskIDs: [], now: 10).isEmpty)
        #expect(try scheduler.tick(now: 14).isEmpty)
        let actions = try scheduler.tick(now: 16)
        let retry = try #require(actions.assignments.first)
        #expect(retry.worker == "w2")
        #expect(retry.assignment.attempt == 2)
        #expect(scheduler.worker("w1") == nil)
        let task = try #require(scheduler.task("s1/0"))
        #expect(task.attempts == 2 && task.leaseExpiries == 1 && task.workerName == "w2")
        let attempts = try scheduler.store.loadAll().attempts
        #expect(attempts.map(\.outcome) == ["lease expired", nil])
    }

    @Test("Heartbeats and progress renew a lease")
    func renewal() throws {
        let (scheduler, first) = try oneTaskOnW1()
        _ = try scheduler.heartbeat(worker: "w1", freeSlots: 0, runningTaskIDs: ["s1/0"], now: 10)
        _ = try scheduler.progress(worker: "w1", taskID: "s1/0", attempt: first.attempt, now: 20)
        _ = try scheduler.heartbeat(worker: "w2", freeSlots: 1, runningTaskIDs: [], now: 20)
        _ = try scheduler.heartbeat(worker: "w2", freeSlots: 1, runningTaskIDs: [], now: 30)
        #expect(try scheduler.tick(now: 30).isEmpty)
        #expect(scheduler.task("s1/0")?.workerID == "w1")
        #expect(try scheduler.tick(now: 36).assignments.first?.worker == "w2")
    }

    @Test("A heartbeat that omits a task past the grace period requeues it")
    func heartbeatOmission() throws {
        let (scheduler, _) = try oneTaskOnW1()
        // Within the grace period the heartbeat may predate the assignment.
        #expect(try scheduler.heartbeat(worker: "w1", freeSlots: 1, runningTaskIDs: [], now: 2).isEmpty)
        let actions = try scheduler.heartbeat(worker: "w1", freeSlots: 1, runningTaskIDs: [], now: 6)
        #expect(actions.cancels.map(\.taskID) == ["s1/0"])
        // The freed slot goes to the worker with most free slots: both have one, w1 connected first.
        #expect(actions.assignments.first?.assignment.attempt == 2)
    }

    @Test("A late result from a presumed-dead worker wins once; the other attempt is cancelled")
    func lateResult() throws {
        let (scheduler, first) = try oneTaskOnW1()
        _ = try scheduler.heartbeat(worker: "w2", freeSlots: 1, runningTaskIDs: [], now: 10)
        let second = try #require(try scheduler.tick(now: 16).assignments.first)
        #expect(second.worker == "w2")

        let late = try scheduler.deliver("w1", first, now: 17)
        #expect(late.acks.map(\.worker) == ["w1"])
        #expect(late.cancels.map(\.worker) == ["w2"])
        #expect(late.changes.count == 1)
        #expect(late.finished == [.done])

        let duplicate = try scheduler.deliver("w2", second.assignment, now: 18)
        #expect(duplicate.acks.map(\.worker) == ["w2"])
        #expect(duplicate.changes.isEmpty && duplicate.cancels.isEmpty)

        let snapshot = try scheduler.snapshot(sweepID: "s1")
        #expect(snapshot.rows.count == 1 && snapshot.rows[0].replicates == 1)
        #expect(snapshot.rows[0].lastWorker == "w1")
        let stored = try scheduler.store.loadAll()
        #expect(stored.results.count == 1 && stored.results[0].attempt == 1)
        #expect(stored.attempts.map(\.outcome) == ["done", "superseded by attempt 1"])
    }

    @Test("Retryable failures retry until maxAttempts, then the task fails with the reason")
    func retriesExhausted() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.connect("w1", slots: 1)
        var a = try #require(try scheduler.submit(makeSweep(count: 1, maxAttempts: 2), now: 0).assignments.first)
        let retry = try scheduler.failure(worker: "w1", taskID: "s1/0", attempt: 1, reason: "out of memory",
                                          retryable: true, now: 1)
        a = try #require(retry.assignments.first)
        #expect(a.assignment.attempt == 2)
        #expect(scheduler.task("s1/0")?.lastError == "out of memory")
        let last = try scheduler.failure(worker: "w1", taskID: "s1/0", attempt: 2, reason: "out of memory",
                                         retryable: true, now: 2)
        #expect(last.assignments.isEmpty)
        #expect(last.finished == [.doneWithFailures])
        let task = try #require(scheduler.task("s1/0"))
        #expect(task.state == .failed)
        #expect(task.lastError == "out of memory (gave up after 2 attempts)")
        #expect(try scheduler.store.loadAll().tasks[0].lastError == task.lastError)
    }

    @Test("Leases expiring maxAttempts times fail the task naming the last worker")
    func leaseExhausted() throws {
        let (scheduler, _) = try oneTaskOnW1(maxAttempts: 1)
        _ = try scheduler.heartbeat(worker: "w2", freeSlots: 1, runningTaskIDs: [], now: 10)
        let actions = try scheduler.tick(now: 16)
        #expect(actions.assignments.isEmpty)
        #expect(actions.finished == [.doneWithFailures])
        #expect(scheduler.task("s1/0")?.lastError == "lease expired 1 times; last worker w1")
    }

    @Test("A non-retryable failure fails the task at once; a report from another worker is refused")
    func nonRetryable() throws {
        let (scheduler, _) = try oneTaskOnW1()
        #expect(throws: SchedulerRefusal.notAssigned(taskID: "s1/0", attempt: 1, worker: "w2")) {
            try scheduler.failure(worker: "w2", taskID: "s1/0", attempt: 1, reason: "x", retryable: false, now: 2)
        }
        #expect(scheduler.task("s1/0")?.state == .running)
        let actions = try scheduler.failure(worker: "w1", taskID: "s1/0", attempt: 1, reason: "bad setting hidden",
                                            retryable: false, now: 3)
        #expect(actions.assignments.isEmpty)
        let task = try #require(scheduler.task("s1/0"))
        #expect(task.state == .failed && task.attempts == 1 && task.lastError == "bad setting hidden")
        #expect(scheduler.status(sweepID: "s1")[0].failed == 1)
    }
}
