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

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let detail):
            return "cannot create the coordinator state directory \(path): \(detail)"
        case .unreadableDatabase(let path, let detail):
            return "\(path) is not a usable coordinator database (\(detail)); it was left untouched"
        case .corruptRow(let table, let key, let detail):
            return "corrupt row \(key) in table \(table): \(detail)"
        }
    }
}
