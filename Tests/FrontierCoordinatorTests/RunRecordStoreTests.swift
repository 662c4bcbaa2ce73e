import Foundation
import GRDB
import Testing
import FrontierSweep
@testable import FrontierCoordinator

@Suite("Per-run records: stored with their timings, read a page at a time")
struct RunRecordStoreTests {
    @Test("Results come back as run records in the order received, with task fields and timings, page by page")
    func pagesInReceivedOrder() throws {
        let scheduler = try makeScheduler()
        _ = try scheduler.submit(makeSweep(count: 5), now: 0)
        let assignments = try scheduler.connect(WorkerID("w"), slots: 5).assignments.map(\.assignment)
        #expect(assignments.count == 5)
        // Delivered out of index order: 3, 1, 4, 0, 2.
        for (n, i) in [3, 1, 4, 0, 2].enumerated() {
            let a = assignments.first { $0.task.index == i }!
            _ = try scheduler.result(worker: WorkerID("w"), taskID: a.task.taskID, attempt: a.attempt,
                                     objectives: objectives(for: i), report: Data("{\"i\":\(i)}".utf8),
                                     trainingMilliseconds: 100 * i, evaluationMilliseconds: n, now: Double(n + 1))
        }
        let first = try #require(try scheduler.runRecords(sweepID: "s1", offset: 0, limit: 2))
        #expect(first.total == 5)
        #expect(first.records.map(\.taskIndex) == [3, 1])
        let rest = try #require(try scheduler.runRecords(sweepID: "s1", offset: 2, limit: 10))
        #expect(rest.records.map(\.taskIndex) == [4, 0, 2])
        let record = first.records[0]
        #expect(record.result.taskID == "s1/3" && record.jobKind == "joint" && record.parameters == ["alpha": 0.3])
        #expect(record.seed == 3 && record.dataset == "adult" && record.shardID == 0)
        #expect(record.result.workerName == "w" && record.result.objectives == objectives(for: 3))
        #expect(record.result.trainingMilliseconds == 300 && record.result.evaluationMilliseconds == 0)
        #expect(record.result.report == Data("{\"i\":3}".utf8))
        #expect(try scheduler.runRecords(sweepID: "s1", offset: 5, limit: 10)?.records.isEmpty == true)
        #expect(try scheduler.runRecords(sweepID: "nope", offset: 0, limit: 10) == nil)
    }

    @Test("A recipe pin and the timings survive a restart")
    func survivesRestart() throws {
        let directory = temporaryDirectory()
        let recipe = String(repeating: "c", count: 64)
        var sweep = makeSweep(count: 1)
        sweep.tasks[0].shard.recipeSHA256 = recipe
        do {
            let scheduler = try makeScheduler(directory: directory)
            _ = try scheduler.submit(sweep, now: 0)
            let a = try #require(try scheduler.connect(WorkerID("w")).assignments.first?.assignment)
            _ = try scheduler.result(worker: WorkerID("w"), taskID: a.task.taskID, attempt: a.attempt,
                                     objectives: objectives(for: 0), report: Data("{}".utf8),
                                     trainingMilliseconds: 1234, evaluationMilliseconds: 56, now: 1)
            try scheduler.store.close()
        }
        let store = try CoordinatorStore.open(directory: directory)
        let state = try store.loadAll()
        #expect(state.tasks[0].spec.shard.recipeSHA256 == recipe)
        #expect(state.results[0].trainingMilliseconds == 1234 && state.results[0].evaluationMilliseconds == 56)
    }

    @Test("Results stored before the timing columns existed read back with unknown timings")
    func olderRowsHaveUnknownTimings() throws {
        let directory = temporaryDirectory()
        let path = (directory as NSString).appendingPathComponent(CoordinatorStore.fileName)
        // A database as schema v2 left it, with one result.
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            try CoordinatorStore.migrator.migrate(queue, upTo: "v2")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO sweeps (id, submitted_seq, name, spec, objectives, max_attempts, state, created_at)
                    VALUES ('old', 1, 'old', 'x', '[{"name":"loss","direction":"minimize"}]', 3, 'done', 0)
                    """)
                try db.execute(sql: """
                    INSERT INTO tasks (id, sweep_id, idx, job_kind, parameters, seed, dataset, shard_id, job_spec,
                                       state, attempts, updated_at)
                    VALUES ('old/0', 'old', 0, 'noop', '{"x":1}', 7, 'toy', 0, x'', 'done', 1, 0)
                    """)
                try db.execute(sql: """
                    INSERT INTO results (task_id, sweep_id, attempt, worker_name, objectives, report, received_at, received_seq)
                    VALUES ('old/0', 'old', 1, 'w', '{"loss":2}', x'7b7d', 1, 1)
                    """)
            }
        }
        let store = try CoordinatorStore.open(directory: directory, force: true)
        let records = try store.runRecords(sweepID: "old")
        #expect(records.count == 1)
        #expect(records.first?.result.objectives == ["loss": 2] && records.first?.seed == 7)
        #expect(records.first?.result.trainingMilliseconds == nil && records.first?.result.evaluationMilliseconds == nil)
        #expect(try store.loadAll().tasks.first?.spec.shard.recipeSHA256 == nil)
    }
}
