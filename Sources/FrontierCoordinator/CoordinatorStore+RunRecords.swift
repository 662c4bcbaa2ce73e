import Foundation
import GRDB

// Reading a sweep's finished runs, a page at a time (`sweep results`, the web view).
//
// Usage, from the process that owns the store (the coordinator; the scheduler's `store`):
//
//     let total = try store.runRecordCount(sweepID: id)
//     var offset = 0
//     while offset < total {
//         let page = try store.runRecords(sweepID: id, offset: offset, limit: 100)
//         if page.isEmpty { break }
//         offset += page.count
//     }
//
// Runs come in the order their results were received (`results.received_seq`), which only
// grows: pages read while the sweep runs neither skip nor repeat a run. An unknown sweep has
// no runs (check `Scheduler.state(sweepID:)` to tell it from one with none yet).
extension CoordinatorStore {
    /// How many runs of `sweepID` have a stored result.
    public func runRecordCount(sweepID: String) throws -> Int {
        try queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM results WHERE sweep_id = ?", arguments: [sweepID]) ?? 0
        }
    }

    /// Up to `limit` runs of `sweepID` after skipping `offset`, in the order received.
    ///
    /// - Throws: `CoordinatorStoreError.corruptRow` for a row whose JSON does not decode.
    public func runRecords(sweepID: String, offset: Int = 0, limit: Int = Int.max) throws -> [StoredRunRecord] {
        guard limit > 0 else { return [] }
        return try queue.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT results.*, tasks.idx, tasks.job_kind, tasks.parameters, tasks.seed, tasks.dataset, tasks.shard_id
                FROM results JOIN tasks ON tasks.id = results.task_id
                WHERE results.sweep_id = ? ORDER BY results.received_seq LIMIT ? OFFSET ?
                """, arguments: [sweepID, Int64(clamping: limit), max(0, offset)])
            return try rows.map { row in
                let result = try StoredResult(row: row)
                let parameters = try JSONCoding.decode([String: Double].self, from: row["parameters"],
                                                       table: "tasks", key: result.taskID)
                let seed: Int64 = row["seed"]
                return StoredRunRecord(result: result, taskIndex: row["idx"], jobKind: row["job_kind"],
                                       parameters: parameters, seed: UInt64(bitPattern: seed), dataset: row["dataset"],
                                       shardID: row["shard_id"])
            }
        }
    }
}

extension StoredResult {
    /// A stored result from its row of the `results` table (with any joined columns).
    init(row: Row) throws {
        let taskID: String = row["task_id"]
        let objectives = try JSONCoding.decode([String: Double].self, from: row["objectives"], table: "results", key: taskID)
        self.init(taskID: taskID, sweepID: row["sweep_id"], attempt: row["attempt"], workerName: row["worker_name"],
                  objectives: objectives, report: row["report"], receivedAt: row["received_at"],
                  trainingMilliseconds: row["training_ms"], evaluationMilliseconds: row["evaluation_ms"])
    }
}
