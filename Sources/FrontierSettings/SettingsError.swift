/// A setting that cannot be used, with the path of the offending field
/// (`jobs[1].settings.epochs`, `columns[3].kind`) so the user can find and fix it.
///
/// Shared by everything read from a settings tree: sweep files, job specs,
/// dataset recipes and command-line options decoded into a settings type.
public struct SettingsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Dotted path of the field, or empty for the document as a whole.
    public var path: String
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    /// The path of `key` under `path` (`jobs[1].settings` + `epochs`).
    public static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
