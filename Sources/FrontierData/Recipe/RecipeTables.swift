import Foundation
import FrontierML

extension DatasetRecipe {
    /// The parsed data file and, with a test-file split, the test file, without the
    /// rows the recipe drops (a missing value in a drop-row column). `load` and the
    /// shard splitter both read through here, so shards and the whole dataset share
    /// their rows and their test split.
    public struct Tables: Sendable {
        public var data: DelimitedTable
        public var test: DelimitedTable?
    }

    /// Reads the recipe's files from `baseDirectory` (relative paths) or `contents`
    /// (files already in memory, by their name in `files`: a shard's, read once to be
    /// both verified and parsed). Gzip-compressed files are read transparently.
    public func readTables(baseDirectory: String, contents: [String: [UInt8]] = [:]) throws(DataError) -> Tables {
        func path(_ name: String) -> String { name.hasPrefix("/") ? name : (baseDirectory as NSString).appendingPathComponent(name) }
        if layout == .idx, let labels = files.labels {
            return Tables(data: try IDXTable.read(images: path(files.data), labels: path(labels), imagesName: files.data,
                                                  labelsName: labels), test: nil)
        }
        func parse(_ name: String, skip: Int) throws(DataError) -> DelimitedTable {
            var fileFormat = format
            fileFormat.skipLeadingLines = skip
            let parser = DelimitedTextParser(format: fileFormat)
            if let bytes = contents[name] { return try parser.parse(bytes, source: name, columnNames: columnNames) }
            return try parser.parse(fileAt: path(name), displayName: name, columnNames: columnNames)
        }
        let data = droppingIncompleteRows(try parse(files.data, skip: format.skipLeadingLines))
        guard let test = files.test else { return Tables(data: data, test: nil) }
        return Tables(data: data, test: droppingIncompleteRows(try parse(test, skip: testSkipRows)))
    }

    /// The training and test rows of `tables` after the recipe's split, each part in
    /// file order (so row order does not depend on how the split draws).
    func splitRows(_ tables: Tables) throws(DataError) -> (train: [Row], test: [Row]) {
        let all = tables.data.rows.indices.map { Row(table: 0, index: $0) }
        let rows = tables.data.rows.count
        switch split {
        case .holdOut(let fraction, let seed):
            let split = try Self.holdOut(rows: rows, fraction: fraction, seed: seed, source: tables.data.source)
            return (split.train.map { all[$0] }, split.test.map { all[$0] })
        case .testFile:
            guard let test = tables.test else { throw DataError(file: name, message: "the recipe needs a test file") }
            return (all, test.rows.indices.map { Row(table: 1, index: $0) })
        case .numpyLegacy(let fraction, let seed, let function):
            let split = try Self.numpyLegacy(rows: rows, fraction: fraction, seed: seed, function: function,
                                             source: tables.data.source)
            return (split.train.sorted().map { all[$0] }, split.test.sorted().map { all[$0] })
        }
    }

    /// The raw rows of the recipe's test split as one table (the data file's header and
    /// line numbers): what a saved model's preprocessing turns into the test features.
    public func testTable(_ tables: Tables) throws(DataError) -> DelimitedTable {
        let (_, test) = try splitRows(tables)
        let sources = [tables.data, tables.test ?? tables.data]
        var table = tables.data
        table.source = tables.test?.source ?? tables.data.source
        table.rows = test.map { sources[$0.table].rows[$0.index] }
        table.lineNumbers = test.map { sources[$0.table].lineNumbers[$0.index] }
        return table
    }

    /// `table` without the rows that miss a value in a column whose rule drops such rows.
    func droppingIncompleteRows(_ table: DelimitedTable) -> DelimitedTable {
        var dropping: [Int] = []
        for (c, column) in table.columnNames.enumerated() where column != target.column {
            switch kind(of: column) {
            case .numeric(let rule) where rule.missing == .dropRow: dropping.append(c)
            case .categorical(let rule) where rule.missing == .dropRow: dropping.append(c)
            default: break
            }
        }
        guard !dropping.isEmpty else { return table }
        var kept = table
        kept.rows = []
        kept.lineNumbers = []
        for (row, line) in zip(table.rows, table.lineNumbers)
        where !dropping.contains(where: { format.missingMarkers.contains(row[$0]) }) {
            kept.rows.append(row)
            kept.lineNumbers.append(line)
        }
        return kept
    }

    /// The row indices of a seeded hold-out split, each part in file order. Shards split this way too.
    static func holdOut(rows: Int, fraction: Double, seed: UInt64,
                        source: String) throws(DataError) -> (train: [Int], test: [Int]) {
        var generator = SeededGenerator(seed: seed).derived("test-split")
        let order = generator.permutation(rows)
        let held = Int((Double(rows) * fraction).rounded())
        guard held > 0, held < rows else {
            throw DataError(file: source, message: "\(rows) rows are too few for a \(fraction) hold-out")
        }
        return (Array(order[held...]).sorted(), Array(order[..<held]).sorted())
    }

    /// A row of one of the two tables (0: the data file, 1: the test file).
    struct Row { var table: Int; var index: Int }
}
