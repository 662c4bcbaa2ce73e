import Foundation
import FrontierPareto
import FrontierSweep
import GRDB
import GRDBSQLite

/// The coordinator's durable state: one SQLite database (`coordinator.sqlite`) in
/// the coordinator's state directory, written through GRDB.
///
/// Every method that writes does so in one transaction, so a crash between two
/// calls leaves the database at the end of the last committed call: a result the
/// scheduler acknowledged is never lost. The database runs in WAL mode with
/// `synchronous = NORMAL` — a committed transaction survives a process crash; a
/// power loss may roll back the last few, which workers then resend or redo.
///
/// Times are seconds in whatever clock the caller passes as `now` to the
/// `Scheduler` (the network loop passes Unix time).
public final class CoordinatorStore: Sendable {
    /// File name of the database inside the state directory.
    public static let fileName = "coordinator.sqlite"

    /// Full path of the database file.
    public let path: String
    let queue: DatabaseQueue
    /// How long each write transaction took, commit included (the coordinator's metrics).
    public let commitLatency = LatencyHistogram(upperBounds: LatencyHistogram.shortBounds)

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// Opens (creating if needed) the store in `directory`, bringing its schema up to
    /// date, and marks it in use until `close()`.
    ///
    /// Before SQLite sees the file, its write-ahead log is checked (`WriteAheadLog`):
    /// SQLite silently discards a corrupt one, and a database copied without its
    /// WAL silently loses everything since the last checkpoint. Either is refused
    /// unless `force` is set, in which case a corrupt WAL is set aside (renamed, not
    /// deleted) and the state as of the last checkpoint is used.
    ///
    /// - Throws: `CoordinatorStoreError.unreadableDatabase` naming the file when it
    ///   exists but is not a SQLite database (the file is left as it was);
    ///   `.walCorrupt` or `.walMissing` as above.
    public static func open(directory: String, force: Bool = false) throws -> CoordinatorStore {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CoordinatorStoreError.cannotCreateDirectory(path: directory, detail: "\(error)")
        }
        let path = (directory as NSString).appendingPathComponent(fileName)
        let wal = WriteAheadLog(databasePath: path)
        let walState = try wal.prepare(force: force)
        let store = try openDatabase(path: path)
        if walState == .absent, try store.markedInUse(), !force {
            let checkpoint = try store.lastCheckpoint()
            store.closeQuietly()
            wal.removeIfCreatedEmpty()
            throw CoordinatorStoreError.walMissing(path: wal.path, detail: checkpoint.map { "last checkpoint \($0)" })
        }
        try store.markInUse()
        return store
    }

    /// Opens the SQLite database at `path` in WAL mode with its schema up to date.
    private static func openDatabase(path: String) throws -> CoordinatorStore {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // NORMAL is durable against process crashes in WAL mode and avoids an fsync per commit.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Keep the WAL file when the last connection closes: then a database found without
            // one next to it was copied or cut away from it (see `WriteAheadLog`).
            var persist: Int32 = 1
            _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            // The first statement that reads the header is where a non-SQLite file is detected.
            let mode = try queue.writeWithoutTransaction { db in
                try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            guard mode?.lowercased() == "wal" else {
                throw CoordinatorStoreError.unreadableDatabase(
                    path: path, detail: "could not switch to WAL mode (journal_mode is \(mode ?? "unknown"))")
            }
            try migrator.migrate(queue)
            return CoordinatorStore(path: path, queue: queue)
        } catch let error as CoordinatorStoreError {
            throw error
        } catch {
            throw CoordinatorStoreError.unreadableDatabase(path: path, detail: "\(error)")
        }
    }

    /// Runs a write transaction; any failure is reported with the database's path.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        let started = ContinuousClock.now
        defer { commitLatency.observe(ContinuousClock.now - started) }
        do { return try queue.write(body) } catch let error as CoordinatorStoreError {
            throw error
        } catch {
            throw CoordinatorStoreError.writeFailed(path: path, detail: "\(error)")
        }
    }

    /// The database's journal mode (`wal` once opened by this store).
    public func journalMode() throws -> String {
        try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: - Writes

    /// Stores a sweep and all its tasks, all or nothing.
    public func insertSweep(_ sweep: SweepSubmission, at now: Double) throws {
        let objectives = try JSONCoding.encode(sweep.objectives)
        let reference = try sweep.referencePoint.map { try JSONCoding.encode($0) }
        try write { db in
            try Self.run(db, """
                INSERT INTO sweeps (id, submitted_seq, name, spec, objectives, reference_point,
                                    max_attempts, state, created_at)
                VALUES (?, (SELECT COALESCE(MAX(submitted_seq), 0) + 1 FROM sweeps), ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sweep.sweepID, sweep.name, sweep.spec, objectives, reference,
                                 sweep.maxAttempts, SweepState.running.rawValue, now])
            for task in sweep.tasks {
                try Self.run(db, """
                    INSERT INTO tasks (id, sweep_id, idx, job_kind, parameters, seed, dataset, shard_id,
                                       shard_sha256, recipe_sha256, job_spec, state, attempts, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                    """, arguments: [task.taskID, sweep.sweepID, task.index, task.jobKind,
                                     try JSONCoding.encode(task.parameters),
                                     // SQLite integers are signed 64-bit: keep the seed's bits.
                                     Int64(bitPattern: task.seed),
                                     task.shard.dataset, task.shard.shardID, task.shard.sha256,
                                     task.shard.recipeSHA256, task.jobSpec, TaskState.pending.rawValue, now])
            }
        }
    }

    /// Records that attempt `attempt` of a task started on a worker, pinning the
    /// shard checksum the task will use from now on when `pinnedSHA256` is given.
    public func recordAssignment(taskID: String, attempt: Int, workerName: String, workerInstance: String,
                                 pinnedSHA256: String?, at now: Double) throws {
        try write { db in
            try Self.run(db, """
                UPDATE tasks SET state = ?, attempts = ?, worker_name = ?, updated_at = ?,
                                 shard_sha256 = COALESCE(?, shard_sha256)
                WHERE id = ?
                """, arguments: [TaskState.running.rawValue, attempt, workerName, now, pinnedSHA256, taskID])
            try Self.run(db, """
                INSERT OR REPLACE INTO attempts (task_id, attempt, worker_name, worker_instance, started_at)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [taskID, attempt, workerName, workerInstance, now])
        }
    }

    /// Records that a worker re-adopted the task's current attempt after a restart or requeue:
    /// the attempt is running again, on `workerName`.
    public func recordReadoption(taskID: String, attempt: Int, workerName: String, workerInstance: String,
                                 at now: Double) throws {
        try write { db in
            try Self.run(db, "UPDATE tasks SET state = ?, worker_name = ?, updated_at = ? WHERE id = ?",
                         arguments: [TaskState.running.rawValue, workerName, now, taskID])
            try Self.run(db, """
                UPDATE attempts SET ended_at = NULL, outcome = NULL, worker_name = ?, worker_instance = ?
                WHERE task_id = ? AND attempt = ?
                """, arguments: [workerName, workerInstance, taskID, attempt])
        }
    }

    /// Moves a task to `state` (pending on a requeue, failed when it gives up) and
    /// closes its attempt `endingAttempt` with `outcome`.
    public func recordTransition(taskID: String, to state: TaskState, lastError: String?,
                                 endingAttempt: Int?, outcome: String, at now: Double) throws {
        try write { db in
            try Self.run(db, """
                UPDATE tasks SET state = ?, last_error = COALESCE(?, last_error), updated_at = ? WHERE id = ?
                """, arguments: [state.rawValue, lastError, now, taskID])
            if let attempt = endingAttempt {
                try Self.endAttempt(db, taskID: taskID, attempt: attempt, outcome: outcome, at: now)
            }
        }
    }

    /// Stores a result and marks its task done, unless the task already has one.
    ///
    /// - Parameter supersededAttempt: another attempt still running elsewhere,
    ///   closed as superseded in the same transaction.
    /// - Returns: false (and nothing written) when a result for the task already exists.
    @discardableResult
    public func recordResult(_ result: StoredResult, supersededAttempt: Int? = nil) throws -> Bool {
        let objectives = try JSONCoding.encode(result.objectives)
        return try write { db in
            // The primary key on task_id is the dedup: the first result wins.
            try Self.run(db, """
                INSERT OR IGNORE INTO results (task_id, sweep_id, attempt, worker_name, objectives, report,
                                               received_at, training_ms, evaluation_ms, received_seq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(received_seq), 0) + 1 FROM results))
                """, arguments: [result.taskID, result.sweepID, result.attempt, result.workerName,
                                 objectives, result.report, result.receivedAt, result.trainingMilliseconds,
                                 result.evaluationMilliseconds])
            guard db.changesCount > 0 else { return false }
            try Self.run(db, "UPDATE tasks SET state = ?, worker_name = ?, updated_at = ? WHERE id = ?",
                         arguments: [TaskState.done.rawValue, result.workerName, result.receivedAt,
                                       result.taskID])
            // Unconditional: a late result turns an attempt closed as "lease expired" into "done".
            try Self.run(db, "UPDATE attempts SET ended_at = ?, outcome = 'done' WHERE task_id = ? AND attempt = ?",
                         arguments: [result.receivedAt, result.taskID, result.attempt])
            if let other = supersededAttempt, other != result.attempt {
                try Self.endAttempt(db, taskID: result.taskID, attempt: other,
                                    outcome: "superseded by attempt \(result.attempt)", at: result.receivedAt)
            }
            return true
        }
    }

    /// Marks a sweep finished (done, done with failures) with its finishing time.
    public func recordSweepState(sweepID: String, _ state: SweepState, at now: Double) throws {
        try write { db in
            try Self.run(db, "UPDATE sweeps SET state = ?, finished_at = ? WHERE id = ?",
                         arguments: [state.rawValue, state.isTerminal ? now : nil, sweepID])
        }
    }

    /// Cancels a sweep: the sweep and every unfinished task become cancelled, and
    /// running attempts are closed, in one transaction.
    public func cancelSweep(sweepID: String, at now: Double) throws {
        try write { db in
            try Self.run(db, """
                UPDATE attempts SET ended_at = ?, outcome = 'cancelled'
                WHERE outcome IS NULL AND task_id IN (SELECT id FROM tasks WHERE sweep_id = ? AND state = ?)
                """, arguments: [now, sweepID, TaskState.running.rawValue])
            try Self.run(db, """
                UPDATE tasks SET state = ?, updated_at = ? WHERE sweep_id = ? AND state IN (?, ?)
                """, arguments: [TaskState.cancelled.rawValue, now, sweepID,
                                 TaskState.pending.rawValue, TaskState.running.rawValue])
            try Self.run(db, "UPDATE sweeps SET state = ?, finished_at = ? WHERE id = ?",
                         arguments: [SweepState.cancelled.rawValue, now, sweepID])
        }
    }

    /// Runs one statement through the connection's statement cache: the coordinator
    /// writes a handful of statements per task, and compiling each anew (what
    /// `execute(sql:)` does) cost as much as running it.
    private static func run(_ db: Database, _ sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// Closes an attempt that is still open (a closed one keeps its first outcome).
    private static func endAttempt(_ db: Database, taskID: String, attempt: Int, outcome: String,
                                   at now: Double) throws {
        try Self.run(db, """
            UPDATE attempts SET ended_at = ?, outcome = ? WHERE task_id = ? AND attempt = ? AND outcome IS NULL
            """, arguments: [now, outcome, taskID, attempt])
    }
}
