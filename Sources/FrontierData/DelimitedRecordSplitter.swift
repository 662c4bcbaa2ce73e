import Foundation

/// Splits delimited text into records of fields, one pass over the bytes: RFC 4180 quoting
/// (`""` is a literal quote, quoted fields may span lines), CR, LF or CRLF line ends, a
/// one-character separator or runs of blanks. Blank lines produce no record; every record keeps
/// the physical line it starts on, for error messages.
struct DelimitedRecordSplitter {
    struct Field { var value: String; var quoted: Bool }
    struct Record { var line: Int; var fields: [Field] }

    private static let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    private let bytes: [UInt8]
    private let format: DelimitedTextFormat
    private let source: String
    /// Blank runs separate fields (`.whitespace`); otherwise `separator` does.
    private let whitespace: Bool
    private let separator: UInt8

    private var records: [Record] = []
    private var fields: [Field] = []
    private var field: [UInt8] = []
    private var fieldQuoted = false
    /// In whitespace mode, whether a field has begun (a run of blanks is one separator).
    private var fieldStarted = false
    private var line = 1
    private var recordLine = 1
    private var i = 0

    /// The records of `bytes`; `source` names the file in errors.
    static func records(_ bytes: [UInt8], format: DelimitedTextFormat, source: String) throws(DataError) -> [Record] {
        var splitter = try DelimitedRecordSplitter(bytes, format: format, source: source)
        return try splitter.split()
    }

    private init(_ bytes: [UInt8], format: DelimitedTextFormat, source: String) throws(DataError) {
        self.bytes = bytes
        self.format = format
        self.source = source
        switch format.separator {
        case .whitespace:
            whitespace = true
            separator = 0
        case .character(let c):
            guard let ascii = c.asciiValue else {
                throw DataError(file: source, message: "the separator '\(c)' is not an ASCII character")
            }
            whitespace = false
            separator = ascii
        }
    }

    private mutating func split() throws(DataError) -> [Record] {
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == Self.quote && !fieldQuoted && field.allSatisfy({ $0 == Self.space || $0 == Self.tab }) {
                try readQuotedField()
            } else if b == Self.cr || b == Self.lf {
                finishRecord()
                if b == Self.cr && i + 1 < n && bytes[i + 1] == Self.lf { i += 1 }
                i += 1
                line += 1
                recordLine = line
            } else {
                try readPlain(b)
                i += 1
            }
        }
        if !field.isEmpty || !fields.isEmpty || fieldQuoted { finishRecord() }
        guard !records.isEmpty else { throw DataError(file: source, message: "the file is empty") }
        return records
    }

    /// One byte outside quotes that is not a line end.
    private mutating func readPlain(_ b: UInt8) throws(DataError) {
        if whitespace {
            if b == Self.space || b == Self.tab {
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
    }

    /// From an opening quote to its closing one; only blanks may follow before the separator or line end.
    private mutating func readQuotedField() throws(DataError) {
        let n = bytes.count
        field.removeAll(keepingCapacity: true)
        fieldQuoted = true
        fieldStarted = true
        let openLine = line
        i += 1
        var closed = false
        while i < n {
            let c = bytes[i]
            if c == Self.quote {
                if i + 1 < n && bytes[i + 1] == Self.quote { field.append(Self.quote); i += 2; continue }
                closed = true
                i += 1
                break
            }
            if c == Self.lf || (c == Self.cr && !(i + 1 < n && bytes[i + 1] == Self.lf)) { line += 1 }
            field.append(c)
            i += 1
        }
        if !closed {
            throw DataError(file: source, line: openLine, column: fields.count + 1, message: "a quoted field is never closed")
        }
        guard !whitespace else { return }
        while i < n && (bytes[i] == Self.space || bytes[i] == Self.tab) { i += 1 }
        if i < n && bytes[i] != separator && bytes[i] != Self.cr && bytes[i] != Self.lf {
            throw DataError(file: source, line: line, column: fields.count + 1, message: "unexpected text after a closing quote")
        }
    }

    private mutating func finishField() {
        var text = String(decoding: field, as: UTF8.self)
        if format.trimsFields && !fieldQuoted { text = text.trimmingCharacters(in: .whitespaces) }
        fields.append(Field(value: text, quoted: fieldQuoted))
        field.removeAll(keepingCapacity: true)
        fieldQuoted = false
        fieldStarted = false
    }

    private mutating func finishRecord() {
        if !whitespace || fieldStarted || fieldQuoted { finishField() }
        // A line with nothing on it (or only blanks) is not a record; ",," is (all missing).
        let blank = fields.isEmpty || (fields.count == 1 && !fields[0].quoted && fields[0].value.isEmpty)
        if !blank { records.append(Record(line: recordLine, fields: fields)) }
        fields.removeAll(keepingCapacity: true)
    }
}
