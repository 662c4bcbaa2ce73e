import Foundation
import GRDB

/// Checkpoints, the clean-shutdown marker and worker key bindings.
///
/// In WAL mode SQLite writes commits to `coordinator.sqlite-wal` and copies them
/// into the database file only at a checkpoint. The coordinator checkpoints
/// periodically and on shutdown, so the database file alone is (nearly) complete,
/// and records in the database whether it is in use: a database marked in use
/// whose WAL is gone was copied or cut from a live or crashed coordinator.
extension CoordinatorStore {
    private static let stateKey = "state"
    private static let checkpointKey = "last_checkpoint"

    /// Copies the WAL into the database file and truncates it to zero bytes.
    ///
    /// - Returns: false when readers kept part of the WAL from being copied (it is
    ///   then copied at a later checkpoint; nothing is lost).
    @discardableResult
    public func checkpoint() throws -> Bool {
        do {
            try queue.inDatabase { db in
                try db.execute(sql: "INSERT OR REPLACE INTO coordinator_meta (key, value) VALUES (?, ?)",
                               arguments: [Self.checkpointKey, ISO8601DateFormatter().string(from: Date())])
            }
            let result = try queue.writeWithoutTransaction { db in
                try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            let busy: Int = result?[0] ?? 1
            return busy == 0
        } catch {
            throw CoordinatorStoreError.writeFailed(path: path, detail: "checkpoint: \(error)")
        }
    }

    /// Checkpoints, marks the database cleanly shut down and closes it; the store
    /// cannot be used afterwards. SQLite removes the empty WAL as it closes.
    public func close() throws {
        try setState("stopped")
        try checkpoint()
        do { try queue.close() } catch {
            throw CoordinatorStoreError.writeFailed(path: path, detail: "close: \(error)")
        }
    }

    /// Closes without writing (after a refusal at open).
    func closeQuietly() { try? queue.close() }

    /// Marks the database in use and checkpoints, so the mark is in the database file itself.
    func markInUse() throws {
        try setState("running")
        try checkpoint()
    }

    /// Whether the database was left in use (not shut down by `close()`).
    func markedInUse() throws -> Bool {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM coordinator_meta WHERE key = ?", arguments: [Self.stateKey])
        } == "running"
    }

    /// When the last checkpoint recorded in the database file was made.
    func lastCheckpoint() throws -> String? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM coordinator_meta WHERE key = ?", arguments: [Self.checkpointKey])
        }
    }

    private func setState(_ state: String) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO coordinator_meta (key, value) VALUES (?, ?)",
                           arguments: [Self.stateKey, state])
        }
    }

    // MARK: - Worker keys

    /// Binds a worker name to the CURVE public key it first connected with.
    public func bindWorkerKey(name: String, key: String, at now: Double) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO worker_keys (name, curve_key, bound_at) VALUES (?, ?, ?)",
                           arguments: [name, key, now])
        }
    }

    /// Forgets a worker name's key, so the next key it connects with is bound instead.
    /// - Returns: whether the name was bound.
    @discardableResult
    public func unbindWorker(name: String) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM worker_keys WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }
}
