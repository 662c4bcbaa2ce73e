import Testing
@testable import FrontierData

@Suite("Delimited text parsing")
struct DelimitedTextTests {
    func parse(_ text: String, _ format: DelimitedTextFormat = .csv, columns: [String]? = nil) throws -> DelimitedTable {
        try DelimitedTextParser(format: format).parse(Array(text.utf8), source: "t.csv", columnNames: columns)
    }

    @Test("Comma, semicolon and whitespace separators")
    func separators() throws {
        let comma = try parse("a,b,c\n1,2,3\n4,5,6\n")
        #expect(comma.columnNames == ["a", "b", "c"] && comma.rows == [["1", "2", "3"], ["4", "5", "6"]])
        let semicolon = try parse("\"x\";\"y\"\n1.5;2\n", DelimitedTextFormat(separator: .character(";")))
        #expect(semicolon.columnNames == ["x", "y"] && semicolon.rows == [["1.5", "2"]])
        let blanks = try parse("18.0   8   307.0\t\"chevrolet chevelle malibu\"\n 15.0 8  350.0\t\"buick\"",
                               DelimitedTextFormat(separator: .whitespace, hasHeader: false), columns: ["a", "b", "c", "name"])
        #expect(blanks.rows == [["18.0", "8", "307.0", "chevrolet chevelle malibu"], ["15.0", "8", "350.0", "buick"]])
    }

    @Test("Quoted fields keep separators, newlines and doubled quotes")
    func quoting() throws {
        let t = try parse("name,age\n\"Allen, Miss. \"\"Lizzie\"\"\",29\n\"two\nlines\",3\n")
        #expect(t.rows == [["Allen, Miss. \"Lizzie\"", "29"], ["two\nlines", "3"]])
        #expect(t.lineNumbers == [2, 3])
    }

    @Test("CR, LF and CRLF line endings, mixed, with and without a final newline")
    func lineEndings() throws {
        let t = try parse("a,b\r\n1,2\r3,4\n5,6\r\n7,8")
        #expect(t.rows == [["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"]])
        #expect(t.lineNumbers == [2, 3, 4, 5])
    }

    @Test("Headerless files, skipped leading lines, trimmed fields and blank lines")
    func headerless() throws {
        let format = DelimitedTextFormat(separator: .character(","), hasHeader: false, skipLeadingLines: 1)
        let t = try parse("|1x3 Cross validator\n39, State-gov, ?\n\n50, Private, <=50K.\n\n", format, columns: ["age", "w", "y"])
        #expect(t.rows == [["39", "State-gov", "?"], ["50", "Private", "<=50K."]])
        #expect(t.lineNumbers == [2, 4])
        // A row of empty fields is data (all missing), not a blank line.
        #expect(try parse("a,b\n,\n").rows == [["", ""]])
    }

    @Test("A ragged row names the file, the line and the column")
    func ragged() {
        #expect(throws: DataError(file: "t.csv", line: 3, column: 3, message: "expected 3 fields, found 2")) {
            _ = try parse("a,b,c\n1,2,3\n4,5\n")
        }
        #expect(throws: DataError(file: "t.csv", line: 2, column: 4, message: "expected 3 fields, found 4")) {
            _ = try parse("a,b,c\n1,2,3,4\n")
        }
    }

    @Test("Empty files, unterminated quotes and missing files are errors")
    func badFiles() {
        #expect(throws: DataError(file: "t.csv", message: "the file is empty")) { _ = try parse("") }
        #expect(throws: DataError(file: "t.csv", message: "the file is empty")) { _ = try parse("\n\r\n") }
        #expect(throws: DataError(file: "t.csv", message: "the file has no data rows")) { _ = try parse("a,b\n") }
        #expect(throws: DataError(file: "t.csv", line: 2, column: 2, message: "a quoted field is never closed")) {
            _ = try parse("a,b\n1,\"open\n")
        }
        let error = #expect(throws: DataError.self) {
            _ = try DelimitedTextParser(format: .csv).parse(fileAt: "/nonexistent/frontier/x.csv")
        }
        #expect(error?.description.contains("/nonexistent/frontier/x.csv") == true)
        #expect(error?.description.contains("not found") == true)
    }
}
