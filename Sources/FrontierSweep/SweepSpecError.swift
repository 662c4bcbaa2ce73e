/// A sweep specification that cannot run, with the path of the offending field
/// (`parameters.alpha.linspace.num`, `jobs[1].kind`) so the user can fix it.
public struct SweepSpecError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Dotted path of the field, or empty for the document as a whole.
    public var path: String
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
