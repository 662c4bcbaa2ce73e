import Foundation

/// How a delimited text file is laid out.
public struct DelimitedTextFormat: Hashable, Sendable {
    /// What separates fields.
    public enum Separator: Hashable, Sendable {
        /// One character, e.g. `,` or `;`.
        case character(Character)
        /// Any run of spaces and tabs (Auto MPG's fixed-width-ish layout).
        case whitespace
    }

    public var separator: Separator
    /// The first (non-skipped) line names the columns.
    public var hasHeader: Bool
    /// Lines to skip before the header or the first row (Adult's test file starts with a comment).
    public var skipLeadingLines: Int
    /// Strip spaces around unquoted fields (Adult separates with ", ").
    public var trimsFields: Bool
    /// Field values that mean "missing" (compared after trimming).
    public var missingMarkers: Set<String>
    /// Lines whose first field starts with this text are skipped (after the leading lines).
    public var commentPrefix: String?
    /// How the file's bytes encode text.
    public var encoding: TextEncoding

    /// Text encodings a data file may use.
    public enum TextEncoding: String, Hashable, Sendable, CaseIterable {
        case utf8 = "utf-8"
        /// ISO-8859-1: every byte is one character (older UCI files).
        case latin1 = "latin-1"
    }

    public init(separator: Separator = .character(","), hasHeader: Bool = true, skipLeadingLines: Int = 0,
                trimsFields: Bool = true, missingMarkers: Set<String> = ["?", ""], commentPrefix: String? = nil,
                encoding: TextEncoding = .utf8) {
        self.separator = separator
        self.hasHeader = hasHeader
        self.skipLeadingLines = skipLeadingLines
        self.trimsFields = trimsFields
        self.missingMarkers = missingMarkers
        self.commentPrefix = commentPrefix
        self.encoding = encoding
    }

    public static let csv = DelimitedTextFormat()
}

/// The rows of a delimited text file, as text, each with the line it started on.
public struct DelimitedTable: Sendable {
    /// Where the rows came from (for error messages).
    public var source: String
    /// Column names: the header, or the names the caller supplied.
    public var columnNames: [String]
    /// One array of fields per row; every row has `columnNames.count` fields.
    public var rows: [[String]]
    /// The 1-based line on which each row starts.
    public var lineNumbers: [Int]

    public init(source: String, columnNames: [String], rows: [[String]], lineNumbers: [Int]) {
        precondition(rows.count == lineNumbers.count && rows.allSatisfy { $0.count == columnNames.count },
                     "a table needs one line number per row and one field per column")
        self.source = source
        self.columnNames = columnNames
        self.rows = rows
        self.lineNumbers = lineNumbers
    }

    /// Index of a column by name, or an error naming the column and the file.
    public func columnIndex(_ name: String) throws(DataError) -> Int {
        guard let index = columnNames.firstIndex(of: name) else {
            var hint = ""
            if columnNames.count == 1, let other = [";", "\t", "|", ",", " "].first(where: { columnNames[0].contains($0) }) {
                hint = "; the header reads as one column: is the separator '\(other == "\t" ? "tab" : other)'?"
            }
            throw DataError(file: source, message: "no column named '\(name)' (columns: \(columnNames.joined(separator: ", ")))\(hint)")
        }
        return index
    }
}

/// A parser for comma-, semicolon- and whitespace-separated text.
///
/// Handles quoted fields with embedded separators, newlines and doubled quotes;
/// CR, LF and CRLF line endings (mixed in one file, as Wine Quality's); blank
/// lines (skipped); and a missing final newline. Works on UTF-8 bytes. A ragged
/// row, an unterminated quote or an empty file is an error naming the file, line
/// and column: nothing is silently dropped.
public struct DelimitedTextParser: Sendable {
    public var format: DelimitedTextFormat

    public init(format: DelimitedTextFormat) {
        self.format = format
    }

    /// Reads and parses a file (gzip-compressed files are read as they are).
    /// `columnNames` names the columns of a file without a header.
    public func parse(fileAt path: String, displayName: String? = nil,
                      columnNames: [String]? = nil) throws(DataError) -> DelimitedTable {
        try parse(try Gzip.contents(ofFile: path, displayName: displayName), source: displayName ?? path,
                  columnNames: columnNames)
    }

    /// Parses text already in memory.
    public func parse(_ bytes: [UInt8], source: String, columnNames: [String]? = nil) throws(DataError) -> DelimitedTable {
        if Gzip.isCompressed(bytes) { return try parse(try Gzip.decompress(bytes, source: source), source: source, columnNames: columnNames) }
        let text = format.encoding == .latin1 ? Self.utf8(fromLatin1: bytes) : bytes
        let records = try DelimitedRecordSplitter.records(text, format: format, source: source)
        // Skipped lines are physical lines: whatever they hold is not data.
        var remaining = records.drop { $0.line <= format.skipLeadingLines }
        if let prefix = format.commentPrefix, !prefix.isEmpty {
            remaining = remaining.filter { !($0.fields.first.map { !$0.quoted && $0.value.hasPrefix(prefix) } ?? false) }[...]
        }
        var names: [String]
        if format.hasHeader {
            guard let header = remaining.first else { throw DataError(file: source, message: "the file is empty (no header line)") }
            names = header.fields.map { $0.value }
            remaining = remaining.dropFirst()
            if let given = columnNames { names = given }
        } else {
            guard let given = columnNames ?? remaining.first.map({ (0..<$0.fields.count).map { "column\($0 + 1)" } }) else {
                throw DataError(file: source, message: "the file is empty")
            }
            names = given
        }
        guard !remaining.isEmpty else { throw DataError(file: source, message: "the file has no data rows") }
        var rows: [[String]] = []
        var lines: [Int] = []
        rows.reserveCapacity(remaining.count)
        lines.reserveCapacity(remaining.count)
        for record in remaining {
            guard record.fields.count == names.count else {
                throw DataError(file: source, line: record.line, column: min(record.fields.count, names.count) + 1,
                                message: "expected \(names.count) fields, found \(record.fields.count)")
            }
            rows.append(record.fields.map { $0.value })
            lines.append(record.line)
        }
        return DelimitedTable(source: source, columnNames: names, rows: rows, lineNumbers: lines)
    }

    /// ISO-8859-1 bytes as UTF-8 (each byte is the code point of the same value).
    static func utf8(fromLatin1 bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for b in bytes {
            if b < 0x80 { out.append(b) } else { out.append(0xC0 | (b >> 6)); out.append(0x80 | (b & 0x3F)) }
        }
        return out
    }
}
