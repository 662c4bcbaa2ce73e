import Foundation
import FrontierPareto
import FrontierSweep
import GRDB

extension CoordinatorStore {
    /// Loads everything stored, in the orders a `Scheduler` replays it in.
    public func loadAll() throws -> StoredState {
        try queue.read { db in
            var sweeps: [StoredSweep] = []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM sweeps ORDER BY submitted_seq") {
                let id: String = row["id"]
                let objectives = try JSONCoding.decode([Objective].self, from: row["objectives"],
                                                       table: "sweeps", key: id)
                let referenceText: String? = row["reference_point"]
                let reference = try referenceText.map {
                    try JSONCoding.decode([String: Double].self, from: $0, table: "sweeps", key: id)
                }
                let stateText: String = row["state"]
                guard let state = SweepState(rawValue: stateText) else {
                    throw CoordinatorStoreError.corruptRow(table: "sweeps", key: id, detail: "state \(stateText)")
                }
                let submission = SweepSubmission(
                    sweepID: id, name: row["name"], spec: row["spec"], objectives: objectives,
                    referencePoint: reference, maxAttempts: row["max_attempts"], tasks: [])
                sweeps.append(StoredSweep(submission: submission, state: state,
                                          createdAt: row["created_at"], finishedAt: row["finished_at"]))
            }

            var tasks: [StoredTask] = []
            let taskRows = try Row.fetchAll(db, sql: """
                SELECT tasks.* FROM tasks JOIN sweeps ON sweeps.id = tasks.sweep_id
                ORDER BY sweeps.submitted_seq, tasks.idx
                """)
            for row in taskRows {
                let id: String = row["id"]
                let parameters = try JSONCoding.decode([String: Double].self, from: row["parameters"],
                                                       table: "tasks", key: id)
                let seed: Int64 = row["seed"]
                let shard = ShardReference(dataset: row["dataset"], shardID: row["shard_id"],
                                           sha256: row["shard_sha256"], recipeSHA256: row["recipe_sha256"])
                let spec = TaskSpec(taskID: id, sweepID: row["sweep_id"], index: row["idx"],
                                    jobKind: row["job_kind"], parameters: parameters,
                                    seed: UInt64(bitPattern: seed), shard: shard, jobSpec: row["job_spec"])
                let stateText: String = row["state"]
                guard let state = TaskState(rawValue: stateText) else {
                    throw CoordinatorStoreError.corruptRow(table: "tasks", key: id, detail: "state \(stateText)")
                }
                tasks.append(StoredTask(spec: spec, state: state, attempts: row["attempts"],
                                        lastError: row["last_error"], workerName: row["worker_name"]))
            }

            let attempts = try Row.fetchAll(db, sql: "SELECT * FROM attempts ORDER BY task_id, attempt").map { row in
                StoredAttempt(taskID: row["task_id"], attempt: row["attempt"], workerName: row["worker_name"],
                              workerInstance: row["worker_instance"], startedAt: row["started_at"],
                              endedAt: row["ended_at"], outcome: row["outcome"])
            }

            var results: [StoredResult] = []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM results ORDER BY received_seq") {
                results.append(try StoredResult(row: row))
            }
            var workerKeys: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, curve_key FROM worker_keys") {
                workerKeys[row["name"]] = row["curve_key"]
            }
            return StoredState(sweeps: sweeps, tasks: tasks, attempts: attempts, results: results,
                               workerKeys: workerKeys)
        }
    }
}
