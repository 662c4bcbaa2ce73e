import Foundation
import FrontierML

extension FittedPreprocessing {
    /// How raw rows are read: comma-separated text whose header names the recipe's columns
    /// (in any order; the target, dropped and unknown columns are ignored), with the
    /// recipe's missing-value markers.
    public var rowFormat: DelimitedTextFormat {
        DelimitedTextFormat(separator: .character(","), hasHeader: true, trimsFields: true, missingMarkers: Set(missingMarkers))
    }

    /// Reads a CSV file of raw rows (see `rowFormat`) and encodes it into feature rows.
    public func features(csv path: String) throws(DataError) -> (table: DelimitedTable, features: Matrix) {
        let table = try DelimitedTextParser(format: rowFormat).parse(fileAt: path)
        return (table, try features(of: table))
    }

    /// The feature rows of raw rows in the recipe's columns, encoded exactly as the training
    /// rows were. A missing column, an unreadable number, a value outside the recipe's range
    /// or a missing value the recipe does not fill is an error naming the file, line and column.
    public func features(of raw: DelimitedTable) throws(DataError) -> Matrix {
        let table = try DatasetRecipe.DerivedColumn.append(derived, to: raw, missing: missingMarkers.first ?? "")
        let positions = try columnPositions(in: table)
        let d = featureNames.count
        var x = Matrix(rows: table.rows.count, cols: d)
        let indices = columns.map { column -> [String: Int] in
            if case .categorical(let c) = column.encoding { return c.index }
            return [:]
        }
        let markers = Set(missingMarkers)
        for (r, row) in table.rows.enumerated() {
            var j = 0
            for (i, column) in columns.enumerated() {
                guard let c = positions[i] else { continue }
                let text = row[c]
                func fail(_ problem: FieldProblem) -> DataError {
                    DataError(file: table.source, line: table.lineNumbers[r], column: c + 1, columnName: column.name,
                              message: problem.message)
                }
                switch column.encoding {
                case .dropped: continue
                case .numeric(let numeric):
                    switch numeric.read(text, isMissing: markers.contains(text)) {
                    case .success(let value): x[r, j] = numeric.encode(value)
                    case .failure(let problem): throw fail(problem)
                    }
                    j += 1
                case .categorical(let categorical):
                    let category: String
                    switch categorical.category(text, isMissing: markers.contains(text)) {
                    case .success(let value): category = value
                    case .failure(let problem): throw fail(problem)
                    }
                    if categorical.encoding == .oneHot {
                        if let k = indices[i][category] { x[r, j + k] = 1 }
                        j += categorical.categories.count
                    } else {
                        x[r, j] = categorical.encodeLabel(categorical.code(of: category, index: indices[i]))
                        j += 1
                    }
                }
            }
        }
        return x
    }

    /// Where each fitted column is in `table` (nil for dropped columns); an error names the first missing one.
    private func columnPositions(in table: DelimitedTable) throws(DataError) -> [Int?] {
        var positions: [Int?] = []
        for column in columns {
            guard column.encoding != .dropped else { positions.append(nil); continue }
            guard let c = table.columnNames.firstIndex(of: column.name) else {
                throw DataError(file: table.source, message: "no column '\(column.name)'; the model reads "
                                + requiredColumns.joined(separator: ", ") + " (found: \(table.columnNames.joined(separator: ", ")))")
            }
            positions.append(c)
        }
        return positions
    }

    /// The preprocessing of data that is already numeric (a generator's features): every
    /// column passes through unchanged, and the target is `target`.
    public static func identity(featureNames: [String], target: FittedTarget) -> FittedPreprocessing {
        FittedPreprocessing(columns: featureNames.map {
            FittedColumn(name: $0, encoding: .numeric(FittedNumeric(missing: .error, range: nil, repair: .none, fill: 0,
                                                                    centre: 0, scale: 1)))
        }, target: target, missingMarkers: ["", "?"])
    }
}
