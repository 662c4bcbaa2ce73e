import Foundation
import FrontierML

extension DatasetRecipe {
    /// Reads the recipe's files from `dataDirectory` and prepares the dataset.
    /// `contents` holds files already in memory, by name (a shard's, read once to be
    /// both verified and parsed); the others are read from disk.
    public func load(dataDirectory: String, contents: [String: [UInt8]] = [:]) throws(DataError) -> Dataset {
        let tables = try readTables(dataDirectory: dataDirectory, contents: contents)
        return try prepare(table: tables.main, testTable: tables.test)
    }

    /// Parses the recipe's main file and, when the test split is a file, its test file
    /// (from `contents` when it holds them, else from disk), without the rows the recipe
    /// drops (`droppingIncompleteRows`). `load` and the shard splitter both read through
    /// here, so shards and the whole dataset share their rows and their test split.
    func readTables(dataDirectory: String,
                    contents: [String: [UInt8]] = [:]) throws(DataError) -> (main: DelimitedTable, test: DelimitedTable?) {
        let folder = (dataDirectory as NSString).appendingPathComponent(self.folder)
        func parse(_ name: String, format: DelimitedTextFormat) throws(DataError) -> DelimitedTable {
            let parser = DelimitedTextParser(format: format)
            let displayName = self.folder + "/" + name
            if let bytes = contents[name] { return try parser.parse(bytes, source: displayName, columnNames: columnNames) }
            return try parser.parse(fileAt: (folder as NSString).appendingPathComponent(name),
                                    displayName: displayName, columnNames: columnNames)
        }
        let main = droppingIncompleteRows(try parse(file, format: format))
        guard case .file(let testFile, let skip) = testSplit else { return (main, nil) }
        var testFormat = format
        testFormat.skipLeadingLines = skip
        return (main, droppingIncompleteRows(try parse(testFile, format: testFormat)))
    }

    /// Turns parsed tables into a dataset: splits (unless a test table is given),
    /// then encodes features and target with statistics fitted on the training rows.
    /// With `MissingValues.Numeric.dropRow` the tables must come as `readTables` returns
    /// them, already without incomplete rows.
    public func prepare(table: DelimitedTable, testTable: DelimitedTable?) throws(DataError) -> Dataset {
        if let testTable, testTable.columnNames != table.columnNames {
            throw DataError(file: testTable.source,
                            message: "its columns (\(testTable.columnNames.joined(separator: ", "))) differ from \(table.source)'s")
        }
        for column in [targetColumn] + categorical + dropped {
            _ = try table.columnIndex(column)
        }
        let trainRows: [Row]
        let testRows: [Row]
        let allRows = table.rows.indices.map { Row(table: 0, index: $0) }
        switch testSplit {
        case .holdOut(let fraction, let seed):
            guard fraction > 0, fraction < 1 else {
                throw DataError(file: name, message: "the hold-out fraction must lie in (0, 1), got \(fraction)")
            }
            let split = try Self.holdOut(rows: allRows.count, fraction: fraction, seed: seed, source: table.source)
            testRows = split.test.map { allRows[$0] }
            trainRows = split.train.map { allRows[$0] }
        case .file:
            guard let testTable else { throw DataError(file: name, message: "the recipe needs a test file") }
            trainRows = allRows
            testRows = testTable.rows.indices.map { Row(table: 1, index: $0) }
        }
        let tables = [table, testTable ?? table]
        func field(_ row: Row, _ column: Int) -> (value: String, line: Int, source: String) {
            let t = tables[row.table]
            return (t.rows[row.index][column], t.lineNumbers[row.index], t.source)
        }

        // Features.
        let targetIndex = try table.columnIndex(targetColumn)
        let excluded = Set(dropped + [targetColumn])
        var columns: [[Float]] = []  // one per encoded feature: train values then test values
        var names: [String] = []
        let ordered = trainRows + testRows
        for (c, columnName) in table.columnNames.enumerated() where !excluded.contains(columnName) {
            func missing(_ v: String) -> Bool { format.missingMarkers.contains(v) }
            if categorical.contains(columnName) {
                var categories = Set<String>()
                for row in trainRows {
                    let v = field(row, c).value
                    if missing(v) {
                        if missingValues.categorical == .error {
                            let f = field(row, c)
                            throw DataError(file: f.source, line: f.line, column: c + 1, columnName: columnName,
                                            message: "missing value, and the recipe does not fill missing categories")
                        }
                        categories.insert(Self.missingCategory)
                    } else {
                        categories.insert(v)
                    }
                }
                let sorted = categories.sorted()
                let values = ordered.map { row -> String in
                    let v = field(row, c).value
                    return missing(v) ? Self.missingCategory : v
                }
                switch encoding {
                case .oneHot:
                    for category in sorted {
                        names.append("\(columnName)=\(category)")
                        columns.append(values.map { $0 == category ? 1 : 0 })
                    }
                case .label:
                    let index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Float($0)) })
                    names.append(columnName)
                    // Unseen test categories take the value one past the last training category.
                    columns.append(values.map { index[$0] ?? Float(sorted.count) })
                }
            } else {
                var values = [Double?]()
                values.reserveCapacity(ordered.count)
                for row in ordered {
                    let f = field(row, c)
                    if missing(f.value) {
                        switch missingValues.numeric {
                        case .trainingMean:
                            values.append(nil)
                            continue
                        case .error:
                            throw DataError(file: f.source, line: f.line, column: c + 1, columnName: columnName,
                                            message: "missing value, and the recipe does not fill missing numbers")
                        case .dropRow:
                            throw DataError(file: f.source, line: f.line, column: c + 1, columnName: columnName,
                                            message: "missing value in a row the recipe drops; read the files "
                                                + "with `load`, which drops such rows before the split")
                        }
                    }
                    guard var number = Double(f.value), number.isFinite else {
                        throw DataError(file: f.source, line: f.line, column: c + 1, columnName: columnName,
                                        message: "'\(f.value)' is not a number")
                    }
                    if let range = decimalRepairs[columnName] {
                        number = try Self.restoreDecimalPoint(number, into: range) { message throws(DataError) in
                            throw DataError(file: f.source, line: f.line, column: c + 1, columnName: columnName,
                                            message: message)
                        }
                    }
                    values.append(number)
                }
                let trainValues = values[..<trainRows.count].compactMap { $0 }
                guard !trainValues.isEmpty else {
                    throw DataError(file: table.source, column: c + 1, columnName: columnName,
                                    message: "every training value is missing")
                }
                let (mean, std) = Self.meanAndDeviation(trainValues)
                names.append(columnName)
                // Missing values take the training mean, which is 0 after standardising.
                columns.append(values.map { Float((($0 ?? mean) - mean) / std) })
            }
        }
        guard !names.isEmpty else { throw DataError(file: table.source, message: "no feature columns are left") }

        // Target.
        var targets: [Float] = []
        targets.reserveCapacity(ordered.count)
        var classLabels: [String]?
        var targetScale: (mean: Float, std: Float)?
        func label(_ row: Row) throws(DataError) -> (String, Int, String) {
            let f = field(row, targetIndex)
            var v = f.value
            if let suffix = labelSuffix, v.hasSuffix(suffix) { v.removeLast(suffix.count) }
            if format.missingMarkers.contains(v) {
                throw DataError(file: f.source, line: f.line, column: targetIndex + 1, columnName: targetColumn,
                                message: "the target is missing")
            }
            return (v, f.line, f.source)
        }
        switch target {
        case .binary(let positive, let negative):
            for row in ordered {
                let (v, line, source) = try label(row)
                if v == positive { targets.append(1) } else if v == negative { targets.append(0) } else {
                    throw DataError(file: source, line: line, column: targetIndex + 1, columnName: targetColumn,
                                    message: "'\(v)' is neither '\(positive)' nor '\(negative)'")
                }
            }
            classLabels = [negative, positive]
        case .regression(let standardised):
            var raw: [Double] = []
            for row in ordered {
                let (v, line, source) = try label(row)
                guard let number = Double(v), number.isFinite else {
                    throw DataError(file: source, line: line, column: targetIndex + 1, columnName: targetColumn,
                                    message: "'\(v)' is not a number")
                }
                raw.append(number)
            }
            var (mean, std) = (0.0, 1.0)
            if standardised {
                (mean, std) = Self.meanAndDeviation(Array(raw[..<trainRows.count]))
                targetScale = (Float(mean), Float(std))
            }
            targets = raw.map { Float(($0 - mean) / std) }
        case .multiclass:
            var labels: [String] = []
            for row in ordered { labels.append(try label(row).0) }
            let known = Set(labels[..<trainRows.count]).sorted()
            let index = Dictionary(uniqueKeysWithValues: known.enumerated().map { ($1, $0) })
            for (i, l) in labels.enumerated() {
                guard let k = index[l] else {
                    let f = field(ordered[i], targetIndex)
                    throw DataError(file: f.source, line: f.line, column: targetIndex + 1, columnName: targetColumn,
                                    message: "class '\(l)' does not occur in the training rows")
                }
                targets.append(Float(k))
            }
            classLabels = known
        }

        // Assemble row-major matrices.
        let d = names.count
        func samples(_ range: Range<Int>) -> LabeledSamples {
            var x = [Float](repeating: 0, count: range.count * d)
            for (j, column) in columns.enumerated() {
                for (r, i) in range.enumerated() { x[r * d + j] = column[i] }
            }
            return LabeledSamples(features: Matrix(rows: range.count, cols: d, scalars: x),
                                  targets: Matrix(column: Array(targets[range])))
        }
        return Dataset(name: name, task: task(classCount: classLabels?.count ?? 0), featureNames: names,
                       train: samples(0..<trainRows.count),
                       test: samples(trainRows.count..<ordered.count),
                       targetScale: targetScale, classLabels: classLabels)
    }

    /// `table` without the rows this recipe drops: those missing a numeric feature
    /// when `missingValues.numeric` is `.dropRow`; otherwise `table` itself.
    func droppingIncompleteRows(_ table: DelimitedTable) -> DelimitedTable {
        guard missingValues.numeric == .dropRow else { return table }
        let excluded = Set(dropped + categorical + [targetColumn])
        let numeric = table.columnNames.indices.filter { !excluded.contains(table.columnNames[$0]) }
        var kept = table
        kept.rows = []
        kept.lineNumbers = []
        for (row, line) in zip(table.rows, table.lineNumbers)
        where !numeric.contains(where: { format.missingMarkers.contains(row[$0]) }) {
            kept.rows.append(row)
            kept.lineNumbers.append(line)
        }
        return kept
    }

    /// The row indices of a seeded hold-out split, each part in file order (so row
    /// order does not depend on the permutation's details). Shards split this way too.
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

    /// Divides `value` by ten until it lies in `range` (a file that lost its decimal points).
    static func restoreDecimalPoint(_ value: Double, into range: ClosedRange<Double>,
                                    fail: (String) throws(DataError) -> Never) throws(DataError) -> Double {
        var v = value
        while v > range.upperBound { v /= 10 }
        guard range.contains(v) else {
            try fail("\(value) is outside the plausible range \(range.lowerBound)...\(range.upperBound), "
                     + "even with its decimal point restored")
        }
        return v
    }

    /// The category that stands for a missing categorical value.
    public static let missingCategory = "(missing)"

    /// A row of one of the two tables (0: the main file, 1: the test file).
    struct Row { var table: Int; var index: Int }

    /// Mean and population standard deviation (1 when the values are constant, so
    /// a constant column standardises to zeros instead of NaN).
    static func meanAndDeviation(_ values: [Double]) -> (Double, Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        let std = variance.squareRoot()
        return (mean, std > 1e-12 ? std : 1)
    }
}
