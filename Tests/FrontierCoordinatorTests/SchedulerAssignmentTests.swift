import Foundation
import Testing
import FrontierSweep
@testable import FrontierCoordinator

@Suite("Scheduler: assignment, credit, shards, results")
struct SchedulerAssignmentTests {
    @Test("Six tasks on two workers with two slots: credit respected, each task once, sweep done")
    func sixTasksTwoWorkers() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.connect("w1", slots: 2)
        _ = try scheduler.connect("w2", slots: 2)
        var inFlight: [(worker: WorkerID, assignment: Assignment)] = []
        var outstanding: [WorkerID: Int] = [:]
        var assignedTaskIDs: [String] = []
        var results = 0
        var finished: [SweepState] = []
        func take(_ actions: [SchedulerAction]) {
            for (worker, assignment) in actions.assignments {
                outstanding[worker, default: 0] += 1
                #expect(outstanding[worker]! <= 2)
                #expect(assignment.attempt == 1)
                #expect(assignment.leaseMilliseconds == 15_000)
                assignedTaskIDs.append(assignment.task.taskID)
                inFlight.append((worker, assignment))
            }
            results += actions.changes.count
            finished += actions.finished
        }
        take(try scheduler.submit(makeSweep(count: 6), now: 1))
        #expect(inFlight.count == 4)
        var now = 1.0
        while !inFlight.isEmpty {
            #expect(scheduler.connectedWorkers.allSatisfy { $0.taskIDs.count <= $0.slots })
            let (worker, assignment) = inFlight.removeFirst()
            now += 1
            outstanding[worker]! -= 1
            let actions = try scheduler.deliver(worker, assignment, now: now)
            #expect(actions.acks.count == 1)
            take(actions)
        }
        #expect(assignedTaskIDs.sorted() == (0..<6).map { "s1/\($0)" })
        #expect(results == 6)
        #expect(finished == [.done])
        let status = try #require(scheduler.status(sweepID: "s1").first)
        #expect(status.done == 6 && status.state == .done && status.total == 6)
        #expect(try scheduler.snapshot(sweepID: "s1").rows.count == 6)
    }

    @Test("A full worker gets no more tasks even while another worker, without the shard, is idle")
    func creditWithIdleOtherWorker() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.connect("other", slots: 4, shards: [shard("adult", 1)])
        let first = try scheduler.connect("w1", slots: 1)
        #expect(first.assignments.isEmpty)
        let assigned = try scheduler.submit(makeSweep(count: 3), now: 1).assignments
        #expect(assigned.map(\.worker) == ["w1"])
        let next = try scheduler.deliver("w1", assigned[0].assignment, now: 2).assignments
        #expect(next.map(\.worker) == ["w1"])
        #expect(next.map(\.assignment.task.index) == [1])
        #expect(scheduler.status(sweepID: "s1")[0].pending == 1)
        #expect(scheduler.status(sweepID: "s1")[0].blocked.isEmpty)  // runnable, just waiting for credit
    }

    @Test("Tasks spread across workers: the one with most free slots gets the next task")
    func spread() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.connect("w1", slots: 2)
        _ = try scheduler.connect("w2", slots: 2)
        let assignments = try scheduler.submit(makeSweep(count: 4), now: 1).assignments
        #expect(assignments.map(\.worker) == ["w1", "w2", "w1", "w2"])
        #expect(assignments.map(\.assignment.task.index) == [0, 1, 2, 3])
    }

    @Test("Older sweeps are served first")
    func oldestSweepFirst() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.submit(makeSweep("a", count: 2), now: 1)
        _ = try scheduler.submit(makeSweep("b", count: 2), now: 2)
        let assignments = try scheduler.connect("w1", slots: 3, now: 3).assignments
        #expect(assignments.map(\.assignment.task.taskID) == ["a/0", "a/1", "b/0"])
    }

    @Test("A worker without the shard or the job kind gets nothing; status says why")
    func shardMatching() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.submit(makeSweep(count: 3, shardID: 2), now: 0)
        _ = try scheduler.submit(makeSweep("f", count: 2, kind: "fex"), now: 0)
        #expect(scheduler.status(sweepID: "s1")[0].blocked == [.init(reason: "no worker connected", count: 3, firstTaskID: "s1/0")])
        let actions = try scheduler.connect("w1", shards: [shard("adult", 0)], kinds: ["joint"])
        #expect(actions.assignments.isEmpty)
        #expect(scheduler.status(sweepID: "s1")[0].blocked
                == [.init(reason: "no connected worker holds shard adult/2", count: 3, firstTaskID: "s1/0")])
        #expect(scheduler.status(sweepID: "f")[0].blocked
                == [.init(reason: "no connected worker runs job kind fex", count: 2, firstTaskID: "f/0")])
        #expect(scheduler.status().count == 2)

        let holder = try scheduler.connect("w2", slots: 4, shards: [shard("adult", 2)], kinds: ["joint"])
        #expect(holder.assignments.map(\.worker) == ["w2", "w2", "w2"])
        #expect(scheduler.status(sweepID: "s1")[0].blocked.isEmpty)
        #expect(scheduler.status(sweepID: "s1")[0].running == 3)
    }

    @Test("The first assignment pins the shard checksum; a retry needs the same bytes")
    func checksumPinning() throws {
        let directory = temporaryDirectory()
        let scheduler = try makeScheduler(directory: directory)
        _ = try scheduler.connect("w1", slots: 1, shards: [shard(sha256: "good")])
        let first = try #require(try scheduler.submit(makeSweep(count: 1), now: 0).assignments.first)
        #expect(first.assignment.task.shard.sha256 == "good")
        #expect(try scheduler.store.loadAll().tasks[0].spec.shard.sha256 == "good")

        // w1 goes silent; a worker with other bytes for the same shard cannot take the retry.
        _ = try scheduler.tick(now: 20)
        #expect(scheduler.worker("w1") == nil)
        #expect(try scheduler.connect("w2", shards: [shard(sha256: "other")], now: 21).assignments.isEmpty)
        #expect(scheduler.status(sweepID: "s1")[0].blocked
                == [.init(reason: "no connected worker holds shard adult/0 with checksum good", count: 1, firstTaskID: "s1/0")])
        let retry = try #require(try scheduler.connect("w3", shards: [shard(sha256: "good")], now: 22).assignments.first)
        #expect(retry.worker == "w3")
        #expect(retry.assignment.attempt == 2)
        #expect(retry.assignment.task.shard.sha256 == "good")
    }

    @Test("A sweep whose tasks pin a checksum keeps it")
    func sweepPinnedChecksum() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.submit(makeSweep(count: 1, sha256: "wanted"), now: 0)
        #expect(try scheduler.connect("w1", shards: [shard(sha256: "other")]).assignments.isEmpty)
        let a = try #require(try scheduler.connect("w2", shards: [shard(sha256: "wanted")]).assignments.first)
        #expect(a.assignment.task.shard.sha256 == "wanted")
    }

    @Test("Submitting a duplicate or inconsistent sweep is refused")
    func invalidSubmissions() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.submit(makeSweep(count: 1), now: 0)
        #expect(throws: SchedulerError.duplicateSweep("s1")) { try scheduler.submit(makeSweep(count: 1), now: 0) }
        var bad = makeSweep("s2", count: 1)
        bad.maxAttempts = 0
        #expect(throws: SchedulerError.self) { try scheduler.submit(bad, now: 0) }
        #expect(try scheduler.store.loadAll().sweeps.count == 1)
    }

    @Test("Cancelling a sweep cancels its running tasks and drops later results")
    func cancel() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.connect("w1", slots: 2)
        let assigned = try scheduler.submit(makeSweep(count: 3), now: 0).assignments
        #expect(assigned.count == 2)
        let actions = try scheduler.cancel(sweepID: "s1", now: 1)
        #expect(Set(actions.cancels.map(\.taskID)) == ["s1/0", "s1/1"])
        #expect(actions.cancels.allSatisfy { $0.worker == "w1" })
        #expect(actions.finished == [.cancelled])
        let status = scheduler.status(sweepID: "s1")[0]
        #expect(status.cancelled == 3 && status.state == .cancelled)
        #expect(scheduler.worker("w1")!.freeSlots == 2)

        let late = try scheduler.deliver("w1", assigned[0].assignment, now: 2)
        #expect(late.acks.count == 1 && late.changes.isEmpty)
        #expect(try scheduler.store.loadAll().results.isEmpty)
        #expect(try scheduler.store.loadAll().sweeps[0].state == .cancelled)
    }

    @Test("A sweep is announced finished once, whatever arrives after its end, across a restart")
    func finishedOnce() throws {
        let directory = temporaryDirectory()
        let scheduler = try makeScheduler(directory: directory)
        var finished: [SweepState] = []
        _ = try scheduler.connect("w1", slots: 2)
        let assigned = try scheduler.submit(makeSweep(count: 2, maxAttempts: 1), now: 0).assignments
        #expect(assigned.count == 2)
        for (worker, assignment) in assigned { finished += try scheduler.deliver(worker, assignment, now: 1).finished }
        #expect(finished == [.done])
        #expect(scheduler.state(sweepID: "s1") == .done)

        // Resent results, a late failure, a cancel, a reconnect claiming the tasks, a lease tick.
        for (worker, assignment) in assigned { finished += try scheduler.deliver(worker, assignment, now: 2).finished }
        finished += try scheduler.failure(worker: "w1", taskID: "s1/0", attempt: 1, reason: "late", retryable: true,
                                          now: 3).finished
        finished += try scheduler.cancel(sweepID: "s1", now: 4).finished
        finished += try scheduler.connect("w1", slots: 2, running: ["s1/0", "s1/1"], instance: "i2", now: 5).finished
        finished += try scheduler.tick(now: 1_000).finished
        #expect(finished == [.done])

        let restored = try Scheduler(restoringFrom: CoordinatorStore.open(directory: directory), now: 2_000)
        _ = try restored.connect("w1", slots: 2)
        for (worker, assignment) in assigned { finished += try restored.deliver(worker, assignment, now: 2_001).finished }
        finished += try restored.cancel(sweepID: "s1", now: 2_002).finished
        finished += try restored.tick(now: 5_000).finished
        #expect(finished == [.done])

        // A cancelled sweep: announced by the first cancel only.
        let cancelled = try scheduler.submit(makeSweep("s2", count: 2), now: 6)
        #expect(cancelled.finished.isEmpty)
        #expect(try scheduler.cancel(sweepID: "s2", now: 7).finished == [.cancelled])
        #expect(try scheduler.cancel(sweepID: "s2", now: 8).finished.isEmpty)
        #expect(scheduler.state(sweepID: "s2") == .cancelled)
        #expect(scheduler.state(sweepID: "nope") == nil)
    }
}
