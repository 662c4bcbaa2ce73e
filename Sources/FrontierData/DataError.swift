/// A problem with a dataset's files or recipe, located as precisely as possible.
///
/// Every error names the file and, where it applies, the line and the column, so
/// a user can open the file at the right place: `adult.data:120:1 (age): 'abc' is
/// not a number`.
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file (as given to the loader), or the recipe name when no file is involved.
    public var file: String
    /// 1-based line number, when the problem is on one line.
    public var line: Int?
    /// 1-based field number, when the problem is in one field.
    public var column: Int?
    /// The column's name, when known.
    public var columnName: String?
    /// What is wrong.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        if let columnName { location += " (\(columnName))" }
        return "\(location): \(message)"
    }
}
