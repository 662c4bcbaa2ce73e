import FrontierML

/// Encodes one recipe's columns over the rows of a split: every statistic from the
/// training rows (the first `trainCount` of `ordered`), applied to all rows.
struct ColumnEncoder {
    let recipe: DatasetRecipe
    /// The data table and the test table (the data table again when there is none).
    let tables: [DelimitedTable]
    /// Training rows, then test rows.
    let ordered: [DatasetRecipe.Row]
    let trainCount: Int

    struct Field { var value: String; var line: Int; var source: String }

    func field(_ row: DatasetRecipe.Row, _ column: Int) -> Field {
        let t = tables[row.table]
        return Field(value: t.rows[row.index][column], line: t.lineNumbers[row.index], source: t.source)
    }

    func missing(_ value: String) -> Bool { recipe.format.missingMarkers.contains(value) }

    func error(_ f: Field, column: Int, _ message: String) -> DataError {
        DataError(file: f.source, line: f.line, column: column + 1, columnName: tables[0].columnNames[column], message: message)
    }

    /// The encoded feature columns of column `c` (none when dropped).
    func encode(column c: Int, kind: DatasetRecipe.Column.Kind) throws(DataError) -> (names: [String], values: [[Float]]) {
        switch kind {
        case .dropped: return ([], [])
        case .numeric(let rule): return try numeric(c, rule)
        case .categorical(let rule): return try categorical(c, rule)
        }
    }

    func numeric(_ c: Int, _ rule: DatasetRecipe.NumericRule) throws(DataError) -> (names: [String], values: [[Float]]) {
        var values = [Double?]()
        values.reserveCapacity(ordered.count)
        for row in ordered {
            let f = field(row, c)
            if missing(f.value) {
                switch rule.missing {
                case .trainingMean:
                    values.append(nil)
                    continue
                case .error: throw error(f, column: c, "missing value, and the recipe does not fill missing numbers")
                case .dropRow: throw error(f, column: c, "missing value in a row the recipe drops; read the files with "
                                           + "`readTables`, which drops such rows before the split")
                }
            }
            guard var number = Double(f.value), number.isFinite else { throw error(f, column: c, "'\(f.value)' is not a number") }
            if let range = rule.range {
                if rule.repair == .decimalPoint {
                    number = try DatasetRecipe.restoreDecimalPoint(number, into: range) { message throws(DataError) in
                        throw error(f, column: c, message)
                    }
                } else if !range.contains(number) {
                    throw error(f, column: c, "\(f.value) is outside the plausible range \(range.lowerBound)...\(range.upperBound)")
                }
            }
            values.append(number)
        }
        let trainValues = values[..<trainCount].compactMap { $0 }
        guard !trainValues.isEmpty else {
            throw DataError(file: tables[0].source, column: c + 1, columnName: tables[0].columnNames[c],
                            message: "every training value is missing")
        }
        let (mean, deviation) = DatasetRecipe.meanAndDeviation(trainValues)
        let (centre, scale) = rule.standardise ? (mean, deviation) : (0, rule.divideBy ?? 1)
        // Missing values take the training mean, which is 0 after standardising.
        return ([tables[0].columnNames[c]], [values.map { Float((($0 ?? mean) - centre) / scale) }])
    }

    func categorical(_ c: Int, _ rule: DatasetRecipe.CategoricalRule) throws(DataError) -> (names: [String], values: [[Float]]) {
        let name = tables[0].columnNames[c]
        var counts: [String: Int] = [:]
        for row in ordered[..<trainCount] {
            let f = field(row, c)
            if missing(f.value) {
                switch rule.missing {
                case .error: throw error(f, column: c, "missing value, and the recipe does not fill missing categories")
                case .ownCategory: counts[DatasetRecipe.missingCategory, default: 0] += 1
                case .mode, .dropRow: break
                }
            } else {
                counts[f.value, default: 0] += 1
            }
        }
        // The mode: the most frequent training category, the smallest name on a tie.
        let mode = counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        let fill = rule.missing == .mode ? mode ?? DatasetRecipe.missingCategory : DatasetRecipe.missingCategory
        let sorted = counts.keys.sorted()
        let values = ordered.map { row -> String in
            let v = field(row, c).value
            return missing(v) ? fill : v
        }
        switch rule.encoding {
        case .oneHot:
            return (sorted.map { "\(name)=\($0)" }, sorted.map { category in values.map { $0 == category ? 1 : 0 } })
        case .label:
            let index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Double($0)) })
            // Unseen test categories take the value one past the last training category.
            let codes = values.map { index[$0] ?? Double(sorted.count) }
            guard rule.standardise else { return ([name], [codes.map(Float.init)]) }
            let (mean, deviation) = DatasetRecipe.meanAndDeviation(Array(codes[..<trainCount]))
            return ([name], [codes.map { Float(($0 - mean) / deviation) }])
        }
    }
}
