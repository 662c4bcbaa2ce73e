/// A model file that cannot be used: missing or unreadable files, a checksum that does not
/// match, another format version, a malformed tensor file or metadata. The message names
/// the file and what is wrong with it.
public struct ModelFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file (or directory) at fault.
    public var file: String
    public var message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
