import Foundation
import FrontierML

extension DatasetRecipe {
    /// Reads the recipe's files (see `readTables`) and prepares the dataset.
    public func load(baseDirectory: String, contents: [String: [UInt8]] = [:]) throws(DataError) -> Dataset {
        try prepare(try readTables(baseDirectory: baseDirectory, contents: contents))
    }

    /// Turns parsed tables into a dataset: splits them, then encodes features and
    /// target with statistics fitted on the training rows.
    public func prepare(_ given: Tables) throws(DataError) -> Dataset {
        let tables = try withDerivedColumns(given)
        let table = tables.data
        if let test = tables.test, test.columnNames != table.columnNames {
            throw DataError(file: test.source,
                            message: "its columns (\(test.columnNames.joined(separator: ", "))) differ from \(table.source)'s")
        }
        _ = try table.columnIndex(target.column)
        for (i, column) in columns.enumerated() where !table.columnNames.contains(column.name) {
            throw DataError(file: table.source, message: "columns[\(i)].name: the recipe names '\(column.name)', which is "
                            + "not a column (columns: \(table.columnNames.joined(separator: ", ")))")
        }
        let (trainRows, testRows) = try splitRows(tables)
        let encoder = ColumnEncoder(recipe: self, tables: [table, tables.test ?? table], ordered: trainRows + testRows,
                                    trainCount: trainRows.count)
        var names: [String] = []
        var columns: [[Float]] = []  // one per encoded feature: train values then test values
        for (c, name) in table.columnNames.enumerated() where name != target.column {
            let encoded = try encoder.encode(column: c, kind: kind(of: name))
            names += encoded.names
            columns += encoded.values
        }
        guard !names.isEmpty else { throw DataError(file: table.source, message: "no feature columns are left") }
        let labels = try encoder.encodeTarget(column: try table.columnIndex(target.column), target: target)
        let d = names.count
        func samples(_ range: Range<Int>) -> LabeledSamples {
            var x = [Float](repeating: 0, count: range.count * d)
            for (j, column) in columns.enumerated() {
                for (r, i) in range.enumerated() { x[r * d + j] = column[i] }
            }
            return LabeledSamples(features: Matrix(rows: range.count, cols: d, scalars: x),
                                  targets: Matrix(column: Array(labels.values[range])))
        }
        let total = trainRows.count + testRows.count
        return Dataset(name: name, task: task(classCount: labels.classLabels?.count ?? 0), featureNames: names,
                       train: samples(0..<trainRows.count), test: samples(trainRows.count..<total),
                       targetScale: labels.scale, classLabels: labels.classLabels)
    }

    /// `tables` with the derived columns appended, as text (Swift's shortest round-trip
    /// form, so reading it back gives the computed Double exactly). A missing or
    /// non-numeric operand, or a zero denominator, makes the derived value missing.
    func withDerivedColumns(_ tables: Tables) throws(DataError) -> Tables {
        guard !derived.isEmpty else { return tables }
        func extend(_ table: DelimitedTable) throws(DataError) -> DelimitedTable {
            var out = table
            let missing = format.missingMarkers.sorted().first ?? ""
            for column in derived {
                guard !out.columnNames.contains(column.name) else {
                    throw DataError(file: table.source, message: "derived column '\(column.name)' is already a column")
                }
                let n = try out.columnIndex(column.numerator), d = try out.columnIndex(column.denominator)
                for r in out.rows.indices {
                    let value = Double(out.rows[r][n]).flatMap { a in Double(out.rows[r][d]).map { a / $0 } }
                    out.rows[r].append(value.map { $0.isFinite ? "\($0)" : missing } ?? missing)
                }
                out.columnNames.append(column.name)
            }
            return out
        }
        return Tables(data: try extend(tables.data), test: try tables.test.map { (t) throws(DataError) in try extend(t) })
    }

    /// Mean and population standard deviation (1 when the values are constant, so
    /// a constant column standardises to zeros instead of NaN).
    static func meanAndDeviation(_ values: [Double]) -> (Double, Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        let std = variance.squareRoot()
        return (mean, std > 1e-12 ? std : 1)
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
}
