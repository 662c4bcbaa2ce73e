import Foundation
import FrontierSettings

extension RecipeDraft {
    /// The draft as a commented recipe file. `dataPath` is how the recipe names the data
    /// file (relative to where the recipe will be saved, or absolute).
    public func yaml(dataPath: String, command: String) -> String {
        func q(_ s: String) -> String { SettingValue.yamlScalar(s) }
        var out = ["# Drafted by `\(command)` from \(rows) rows: read it, fix what it guessed wrong,",
                   "# then train with `frontier train --recipe THIS_FILE`. The format: docs/recipes.md.",
                   "format_version: 1",
                   "name: \(q(datasetName))",
                   "summary: \(q("\(file): \(rows) rows"))",
                   "files: \(q(dataPath))"]
        switch format.separator {
        case .whitespace: out.append("separator: whitespace")
        case .character(let c): out.append("separator: \(c == "\t" ? "tab" : q(String(c)))")
        }
        out.append("header: \(format.hasHeader)")
        if let names = columnNames {
            out.append("column_names: [\(names.map(q).joined(separator: ", "))]   # the file has no header: rename them")
        }
        if let comment = format.commentPrefix { out.append("comment: \(q(comment))") }
        if format.encoding != .utf8 { out.append("encoding: \(format.encoding.rawValue)   # the file is not valid UTF-8") }
        out.append("missing: [\(missingTokens.map(q).joined(separator: ", "))]   # values that mean \"missing\"")
        out += targetLines()
        let listed = columns.filter { $0.name != target }
        if !listed.isEmpty {
            out.append("columns:")
            let width = listed.map { "  - {name: \(q($0.name)), kind: \($0.kind.rawValue)}".count }.max() ?? 0
            for column in listed {
                let entry = "  - {name: \(q(column.name)), kind: \(column.kind.rawValue)}"
                out.append(entry.padding(toLength: width + 2, withPad: " ", startingAt: 0) + "# " + describe(column))
            }
        }
        out += ["defaults:",
                "  numeric: {missing: training-mean}      # or drop-row, error",
                "  categorical: {encoding: one-hot, missing: own-category}   # or label; mode, drop-row, error",
                "split:",
                "  kind: hold-out          # or numpy-legacy (scikit-learn's train_test_split), or test-file with files: {data, test}",
                "  test_fraction: 0.2",
                "  seed: 42"]
        return out.joined(separator: "\n") + "\n"
    }

    /// A dataset name from the file name (`my table.csv.gz` gives `my-table`).
    public var datasetName: String {
        var base = (file as NSString).lastPathComponent
        for suffix in [".gz", ".csv", ".tsv", ".txt", ".data"] where base.hasSuffix(suffix) { base.removeLast(suffix.count) }
        let cleaned = String(base.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
            .trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return cleaned.isEmpty ? "dataset" : String(cleaned.prefix(64))
    }

    func targetLines() -> [String] {
        func q(_ s: String) -> String { SettingValue.yamlScalar(s) }
        let report = columns.first { $0.name == target }!
        var lines = ["target:", "  column: \(q(target))"]
        switch task {
        case .regression:
            lines.append("  task: regression          # \(report.distinct) distinct numbers")
            lines.append("  standardise: true")
        case .binary(let positive, let negative):
            lines.append("  task: binary              # two labels; the rarer is taken as positive")
            lines.append("  positive: \(q(positive))")
            if let negative { lines.append("  negative: \(q(negative))") }
        case .multiclass:
            lines.append("  task: multiclass          # \(report.distinct) labels: \(report.examples.joined(separator: ", "))"
                         + (report.distinct > report.examples.count ? ", ..." : ""))
        }
        return lines
    }

    func describe(_ column: ColumnReport) -> String {
        var parts: [String] = []
        switch column.kind {
        case .numeric: parts.append("\(column.distinct) distinct")
        case .categorical, .dropped:
            parts.append("\(column.distinct) values: \(column.examples.joined(separator: ", "))"
                         + (column.distinct > column.examples.count ? ", ..." : ""))
        }
        if column.missing > 0 { parts.append("\(column.missing) missing") }
        if let note = column.note { parts.append(note) }
        return parts.joined(separator: "; ")
    }
}
