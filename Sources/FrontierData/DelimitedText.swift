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
        let records = try Self.records(text, format: format, source: source)
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

    struct Field { var value: String; var quoted: Bool }
    struct Record { var line: Int; var fields: [Field] }

    /// Splits bytes into records of fields. Blank lines produce no record.
    static func records(_ bytes: [UInt8], format: DelimitedTextFormat, source: String) throws(DataError) -> [Record] {
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        let whitespace: Bool
        var separator: UInt8 = 0
        switch format.separator {
        case .whitespace: whitespace = true
        case .character(let c):
            whitespace = false
            guard let ascii = c.asciiValue else {
                throw DataError(file: source, message: "the separator '\(c)' is not an ASCII character")
            }
            separator = ascii
        }

        var records: [Record] = []
        var fields: [Field] = []
        var field: [UInt8] = []
        var fieldQuoted = false
        var fieldStarted = false  // for whitespace mode: a run of blanks is one separator
        var line = 1
        var recordLine = 1
        var i = 0
        let n = bytes.count

        func finishField() {
            var text = String(decoding: field, as: UTF8.self)
            if format.trimsFields && !fieldQuoted { text = text.trimmingCharacters(in: .whitespaces) }
            fields.append(Field(value: text, quoted: fieldQuoted))
            field.removeAll(keepingCapacity: true)
            fieldQuoted = false
            fieldStarted = false
        }
        func finishRecord() {
            if whitespace {
                if fieldStarted || fieldQuoted { finishField() }
            } else {
                finishField()
            }
            // A line with nothing on it (or only blanks) is not a record; ",," is (all missing).
            let blank = fields.isEmpty || (fields.count == 1 && !fields[0].quoted && fields[0].value.isEmpty)
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }

        while i < n {
            let b = bytes[i]
            if b == quote && field.allSatisfy({ $0 == space || $0 == tab }) && !fieldQuoted {
                // A quoted field: read to the closing quote; "" is a literal quote.
                field.removeAll(keepingCapacity: true)
                fieldQuoted = true
                fieldStarted = true
                let openLine = line
                i += 1
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == quote {
                        if i + 1 < n && bytes[i + 1] == quote { field.append(quote); i += 2; continue }
                        closed = true
                        i += 1
                        break
                    }
                    if c == lf || (c == cr && !(i + 1 < n && bytes[i + 1] == lf)) { line += 1 }
                    field.append(c)
                    i += 1
                }
                if !closed {
                    throw DataError(file: source, line: openLine, column: fields.count + 1,
                                    message: "a quoted field is never closed")
                }
                // Only blanks may follow the closing quote before the separator or line end.
                while i < n && (bytes[i] == space || bytes[i] == tab) && !(whitespace) { i += 1 }
                if i < n && !whitespace && bytes[i] != separator && bytes[i] != cr && bytes[i] != lf {
                    throw DataError(file: source, line: line, column: fields.count + 1,
                                    message: "unexpected text after a closing quote")
                }
                continue
            }
            if b == cr || b == lf {
                finishRecord()
                if b == cr && i + 1 < n && bytes[i + 1] == lf { i += 1 }
                i += 1
                line += 1
                recordLine = line
                continue
            }
            if whitespace {
                if b == space || b == tab {
                    if fieldStarted || fieldQuoted { finishField() }
                } else {
                    if fieldQuoted {
                        throw DataError(file: source, line: line, column: fields.count,
                                        message: "unexpected text after a closing quote")
                    }
                    field.append(b)
                    fieldStarted = true
                }
            } else if b == separator {
                finishField()
            } else {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty || fieldQuoted { finishRecord() }
        guard !records.isEmpty else { throw DataError(file: source, message: "the file is empty") }
        return records
    }
}
