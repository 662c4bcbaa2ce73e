/// Why the coordinator's database could not be opened or read. Each case names the
/// file so an operator knows which one to inspect; the store never deletes or
/// overwrites a file it cannot read.
public enum CoordinatorStoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The state directory could not be created.
    case cannotCreateDirectory(path: String, detail: String)
    /// The file exists but is not a SQLite database this version can use.
    case unreadableDatabase(path: String, detail: String)
    /// A stored row could not be decoded (e.g. malformed JSON in a column).
    case corruptRow(table: String, key: String, detail: String)
    /// A write (a transaction, a checkpoint) failed.
    case writeFailed(path: String, detail: String)
    /// The write-ahead log is not one SQLite can use; it would silently drop it.
    case walCorrupt(path: String, detail: String)
    /// The database was not shut down cleanly and its write-ahead log is gone.
    case walMissing(path: String, detail: String?)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let detail):
            return "cannot create the coordinator state directory \(path): \(detail)"
        case .unreadableDatabase(let path, let detail):
            return "\(path) is not a usable coordinator database (\(detail)); it was left untouched"
        case .corruptRow(let table, let key, let detail):
            return "corrupt row \(key) in table \(table): \(detail)"
        case .writeFailed(let path, let detail):
            return "cannot write the coordinator database \(path): \(detail)"
        case .walCorrupt(let path, let detail):
            return "\(path) is not a valid SQLite write-ahead log (\(detail)); SQLite would discard it and with it "
                + "every change since the last checkpoint. Restore it, or start with --force to set it aside "
                + "and continue from the last checkpoint"
        case .walMissing(let path, let detail):
            return "\(path) is missing, but the database was not shut down cleanly"
                + (detail.map { " (\($0))" } ?? "") + ": what the coordinator recorded after its last checkpoint "
                + "is in that file. Put it back next to the database (a copy must include the -wal file), "
                + "or start with --force to continue from the last checkpoint"
        }
    }
}
