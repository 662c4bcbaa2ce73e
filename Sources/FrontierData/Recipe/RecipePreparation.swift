import Foundation
import FrontierML

extension DatasetRecipe {
    /// Reads the recipe's files (see `readTables`) and prepares the dataset.
    public func load(baseDirectory: String, contents: [String: [UInt8]] = [:]) throws(DataError) -> Dataset {
        try prepare(try readTables(baseDirectory: baseDirectory, contents: contents))
    }

    /// Reads the recipe's files and prepares the dataset, with the preprocessing fitted on its training rows.
    public func loadPrepared(baseDirectory: String, contents: [String: [UInt8]] = [:]) throws(DataError) -> PreparedDataset {
        try prepareFitted(try readTables(baseDirectory: baseDirectory, contents: contents))
    }

    /// Turns parsed tables into a dataset: splits them, then encodes features and
    /// target with statistics fitted on the training rows.
    public func prepare(_ tables: Tables) throws(DataError) -> Dataset {
        try prepareFitted(tables).dataset
    }

    /// Splits the tables, fits the preprocessing on the training rows (`FittedPreprocessing`)
    /// and applies it to every row.
    public func prepareFitted(_ given: Tables) throws(DataError) -> PreparedDataset {
        let tables = try withDerivedColumns(given)
        let table = tables.data
        if let test = tables.test, test.columnNames != table.columnNames {
            throw DataError(file: test.source,
                            message: "its columns (\(test.columnNames.joined(separator: ", "))) differ from \(table.source)'s")
        }
        let targetColumn = try table.columnIndex(target.column)
        for (i, column) in columns.enumerated() where !table.columnNames.contains(column.name) {
            throw DataError(file: table.source, message: "columns[\(i)].name: the recipe names '\(column.name)', which is "
                            + "not a column (columns: \(table.columnNames.joined(separator: ", ")))")
        }
        let (trainRows, testRows) = try splitRows(tables)
        let encoder = ColumnEncoder(recipe: self, tables: [table, tables.test ?? table], ordered: trainRows + testRows,
                                    trainCount: trainRows.count)
        var fittedColumns: [FittedColumn] = []
        var columns: [[Float]] = []  // one per encoded feature: train values then test values
        for (c, name) in table.columnNames.enumerated() where name != target.column {
            let encoded = try encoder.encode(column: c, kind: kind(of: name))
            fittedColumns.append(encoded.fitted)
            columns += encoded.values
        }
        let (fittedTarget, labels) = try encoder.encodeTarget(column: targetColumn, target: target)
        let preprocessing = FittedPreprocessing(columns: fittedColumns, target: fittedTarget,
                                                missingMarkers: Array(format.missingMarkers), derived: derived)
        let names = preprocessing.featureNames
        guard !names.isEmpty else { throw DataError(file: table.source, message: "no feature columns are left") }
        let d = names.count
        func samples(_ range: Range<Int>) -> LabeledSamples {
            var x = [Float](repeating: 0, count: range.count * d)
            for (j, column) in columns.enumerated() {
                for (r, i) in range.enumerated() { x[r * d + j] = column[i] }
            }
            return LabeledSamples(features: Matrix(rows: range.count, cols: d, scalars: x),
                                  targets: Matrix(column: Array(labels[range])))
        }
        let total = trainRows.count + testRows.count
        let dataset = Dataset(name: name, task: task(classCount: fittedTarget.classLabels?.count ?? 0), featureNames: names,
                              train: samples(0..<trainRows.count), test: samples(trainRows.count..<total),
                              targetScale: fittedTarget.scale, classLabels: fittedTarget.classLabels)
        return PreparedDataset(dataset: dataset, preprocessing: preprocessing)
    }

    /// `tables` with the derived columns appended (`DerivedColumn.append`).
    func withDerivedColumns(_ tables: Tables) throws(DataError) -> Tables {
        guard !derived.isEmpty else { return tables }
        let missing = format.missingMarkers.sorted().first ?? ""
        return Tables(data: try DerivedColumn.append(derived, to: tables.data, missing: missing),
                      test: try tables.test.map { (t) throws(DataError) in try DerivedColumn.append(derived, to: t, missing: missing) })
    }

    /// Mean and population standard deviation (1 when the values are constant, so
    /// a constant column standardises to zeros instead of NaN).
    static func meanAndDeviation(_ values: [Double]) -> (Double, Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        let std = variance.squareRoot()
        return (mean, std > 1e-12 ? std : 1)
    }

    /// Divides `value` by ten until it lies in `range` (a file that lost its decimal points);
    /// nil when it cannot be brought into range.
    static func restoreDecimalPoint(_ value: Double, into range: ClosedRange<Double>) -> Double? {
        var v = value
        while v > range.upperBound { v /= 10 }
        return range.contains(v) ? v : nil
    }
}
