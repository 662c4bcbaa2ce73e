import Foundation

/// A first recipe for a table Frontier has never seen, drafted from the file's own
/// bytes (`frontier datasets inspect`): the separator, whether the first line is a
/// header, each column's kind, cardinality and missing values, and a guessed task.
/// The user reads the draft, edits what it guessed wrong and trains with it.
public struct RecipeDraft: Sendable {
    /// What the draft found about one column.
    public struct ColumnReport: Sendable, Equatable {
        public enum Kind: String, Sendable { case numeric, categorical, dropped }
        public var name: String
        public var kind: Kind
        /// Distinct non-missing values among the rows read.
        public var distinct: Int
        /// Missing values (one of `missingTokens`) among the rows read.
        public var missing: Int
        /// A few values, for the reader.
        public var examples: [String]
        /// Why the kind was chosen, when it is a judgement call.
        public var note: String?
    }

    public var file: String
    public var format: DelimitedTextFormat
    /// Whether the file needed a header of generated names.
    public var columnNames: [String]?
    public var rows: Int
    public var columns: [ColumnReport]
    public var target: String
    public var task: DatasetRecipe.Task
    /// Text values that the file uses for "missing".
    public var missingTokens: [String]

    /// Tokens that commonly stand for a missing value.
    static let candidateMissing = ["", "?", "NA", "N/A", "na", "n/a", "NaN", "nan", "null", "NULL", "None", "-"]

    /// Drafts a recipe for `bytes` (the file called `file`); `target` names the target
    /// column (default: the last column).
    public static func inspect(_ bytes: [UInt8], file: String, target: String? = nil) throws(DataError) -> RecipeDraft {
        let encoding: DelimitedTextFormat.TextEncoding = String(validating: bytes, as: UTF8.self) == nil ? .latin1 : .utf8
        let utf8 = encoding == .latin1 ? DelimitedTextParser.utf8(fromLatin1: bytes) : bytes
        let lines = String(decoding: utf8.prefix(1 << 20), as: UTF8.self)
            .split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map(String.init)
        let comment: String? = lines.first?.hasPrefix("#") == true ? "#" : nil
        var format = DelimitedTextFormat(separator: guessSeparator(lines.filter { comment == nil || !$0.hasPrefix("#") }),
                                         hasHeader: false, missingMarkers: [], commentPrefix: comment, encoding: encoding)
        let raw = try DelimitedTextParser(format: format).parse(bytes, source: file)
        guard let first = raw.rows.first else { throw DataError(file: file, message: "the file has no rows") }
        let header = raw.rows.count > 1 && looksLikeHeader(first, below: Array(raw.rows.dropFirst().prefix(200)))
        format.hasHeader = header
        let names = header ? first : (1...first.count).map { "column\($0)" }
        let body = header ? Array(raw.rows.dropFirst()) : raw.rows
        let missingTokens = candidateMissing.filter { token in body.contains { $0.contains(token) } }
        format.missingMarkers = Set(missingTokens)
        let reports = names.indices.map { report(column: $0, name: names[$0], rows: body, missing: Set(missingTokens)) }
        let targetName = target ?? names.last!
        guard let t = names.firstIndex(of: targetName) else {
            throw DataError(file: file, message: "no column named '\(targetName)' (columns: \(names.joined(separator: ", ")))")
        }
        return RecipeDraft(file: file, format: format, columnNames: header ? nil : names, rows: body.count, columns: reports,
                           target: targetName, task: guessTask(reports[t], values: body.map { $0[t] }),
                           missingTokens: missingTokens)
    }

    /// The separator that splits the most lines into the same number (> 1) of fields.
    static func guessSeparator(_ lines: [String]) -> DelimitedTextFormat.Separator {
        let sample = Array(lines.prefix(50))
        var best: (DelimitedTextFormat.Separator, Int) = (.character(","), 0)
        for candidate: DelimitedTextFormat.Separator in [.character(","), .character(";"), .character("\t"),
                                                         .character("|"), .whitespace] {
            let counts = sample.map { line -> Int in
                switch candidate {
                case .character(let c): return line.split(separator: c, omittingEmptySubsequences: false).count
                case .whitespace: return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
                }
            }
            guard let common = Dictionary(grouping: counts, by: { $0 }).max(by: { $0.value.count < $1.value.count }),
                  common.key > 1 else { continue }
            // Score: lines agreeing on one field count, then more fields; whitespace loses ties.
            let score = common.value.count * 1000 + 2 * common.key - (candidate == .whitespace ? 1 : 0)
            if score > best.1 { best = (candidate, score) }
        }
        return best.0
    }

    /// A first row is a header when none of its fields is a number while some column below holds numbers,
    /// or when every field differs from every value below it.
    static func looksLikeHeader(_ first: [String], below: [[String]]) -> Bool {
        let firstNumeric = first.contains { Double($0) != nil }
        let numericBelow = first.indices.contains { c in below.contains { c < $0.count && Double($0[c]) != nil } }
        if !firstNumeric && numericBelow { return true }
        return !firstNumeric && first.indices.allSatisfy { c in !below.contains { c < $0.count && $0[c] == first[c] } }
    }

    static func report(column c: Int, name: String, rows: [[String]], missing: Set<String>) -> ColumnReport {
        let values = rows.map { $0[c] }
        let present = values.filter { !missing.contains($0) }
        let distinct = Set(present)
        let numeric = !present.isEmpty && present.allSatisfy { Double($0)?.isFinite == true }
        var kind: ColumnReport.Kind
        var note: String?
        if numeric {
            kind = .numeric
            if distinct.count <= 10 && distinct.count < present.count / 5 {
                note = "\(distinct.count) distinct numbers: categorical if they are codes"
            }
        } else if distinct.count > max(50, present.count / 2) {
            kind = .dropped
            note = "\(distinct.count) distinct texts in \(present.count) rows: an identifier or free text"
        } else {
            kind = .categorical
        }
        if present.isEmpty { kind = .dropped; note = "every value is missing" }
        return ColumnReport(name: name, kind: kind, distinct: distinct.count, missing: values.count - present.count,
                            examples: Array(distinct.sorted().prefix(4)), note: note)
    }

    static func guessTask(_ column: ColumnReport, values: [String]) -> DatasetRecipe.Task {
        if column.kind == .numeric && column.distinct > 20 { return .regression(standardise: true) }
        let counts = Dictionary(grouping: values, by: { $0 }).mapValues(\.count)
        if counts.count == 2 {
            // The rarer label is the positive class (what is usually predicted: survived, >50K, fraud).
            let sorted = counts.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
            return .binary(positive: sorted[0].key, negative: sorted[1].key)
        }
        return column.kind == .numeric && column.distinct > 10 ? .regression(standardise: true) : .multiclass(classes: nil)
    }
}
