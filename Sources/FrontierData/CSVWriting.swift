import Foundation

/// Writes rows of text fields as RFC 4180 CSV, the format of shard files.
enum CSVWriting {
    /// One line per row (header first), CRLF-free: `\n` line ends, which the parser reads alike.
    static func text(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        for row in rows { out += line(row) }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\n"
    }

    /// Quotes a field that holds a comma, quote or line break, or that begins or ends
    /// with a blank (which the reader would otherwise trim); inner quotes are doubled.
    static func quoted(_ field: String) -> String {
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension DelimitedTable {
    /// The table as comma-separated text with a header (fields quoted where needed): a
    /// file `frontier predict` and `frontier explain --csv` read back as these raw rows.
    public var csvText: String { CSVWriting.text(header: columnNames, rows: rows) }
}
