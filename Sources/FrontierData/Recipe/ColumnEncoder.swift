import FrontierML

/// Fits one recipe's columns on the training rows of a split (the first `trainCount` of
/// `ordered`) into a `FittedColumn`, and applies it to all rows, so preparation and a model
/// file's scoring of raw rows go through the same encoding.
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

    /// Column `c` fitted on the training rows, and its encoded feature columns over all rows.
    func encode(column c: Int, kind: DatasetRecipe.Column.Kind) throws(DataError) -> (fitted: FittedColumn, values: [[Float]]) {
        let name = tables[0].columnNames[c]
        switch kind {
        case .dropped: return (FittedColumn(name: name, encoding: .dropped), [])
        case .numeric(let rule):
            let (fitted, values) = try numeric(c, rule)
            return (FittedColumn(name: name, encoding: .numeric(fitted)), values)
        case .categorical(let rule):
            let (fitted, values) = try categorical(c, rule)
            return (FittedColumn(name: name, encoding: .categorical(fitted)), values)
        }
    }

    func numeric(_ c: Int, _ rule: DatasetRecipe.NumericRule) throws(DataError) -> (FittedNumeric, [[Float]]) {
        var values = [Double?]()
        values.reserveCapacity(ordered.count)
        for row in ordered {
            let f = field(row, c)
            switch DatasetRecipe.NumericRule.read(f.value, isMissing: missing(f.value), missing: rule.missing,
                                                  range: rule.range, repair: rule.repair) {
            case .success(let number): values.append(number)
            case .failure(let problem): throw error(f, column: c, problem.message)
            }
        }
        let trainValues = values[..<trainCount].compactMap { $0 }
        guard !trainValues.isEmpty else {
            throw DataError(file: tables[0].source, column: c + 1, columnName: tables[0].columnNames[c],
                            message: "every training value is missing")
        }
        let fitted = FittedNumeric(rule: rule, fittedOn: trainValues)
        return (fitted, [values.map(fitted.encode)])
    }

    func categorical(_ c: Int, _ rule: DatasetRecipe.CategoricalRule) throws(DataError) -> (FittedCategorical, [[Float]]) {
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
        var fitted = FittedCategorical(encoding: rule.encoding, missing: rule.missing, categories: counts.keys.sorted(),
                                       fill: rule.missing == .mode ? mode ?? DatasetRecipe.missingCategory : DatasetRecipe.missingCategory)
        var values: [String] = []
        values.reserveCapacity(ordered.count)
        for row in ordered {
            let f = field(row, c)
            switch fitted.category(f.value, isMissing: missing(f.value)) {
            case .success(let category): values.append(category)
            case .failure(let problem): throw error(f, column: c, problem.message)
            }
        }
        switch rule.encoding {
        case .oneHot:
            return (fitted, fitted.categories.map { category in values.map { $0 == category ? 1 : 0 } })
        case .label:
            let index = fitted.index
            let codes = values.map { fitted.code(of: $0, index: index) }
            if rule.standardise {
                (fitted.labelCentre, fitted.labelScale) = DatasetRecipe.meanAndDeviation(Array(codes[..<trainCount]))
            }
            return (fitted, [codes.map(fitted.encodeLabel)])
        }
    }
}

extension FittedNumeric {
    /// The column's statistics from its (read) training values.
    init(rule: DatasetRecipe.NumericRule, fittedOn trainValues: [Double]) {
        let (mean, deviation) = DatasetRecipe.meanAndDeviation(trainValues)
        let (centre, scale) = rule.standardise ? (mean, deviation) : (0, rule.divideBy ?? 1)
        // Missing values take the training mean, which is 0 after standardising.
        self.init(missing: rule.missing, range: rule.range, repair: rule.repair, fill: mean, centre: centre, scale: scale)
    }
}

extension DatasetRecipe.NumericRule {
    /// Reads one field: nil for a missing value the rule fills with the training mean; the
    /// number, repaired into `range` when the rule repairs; or what is wrong with it.
    static func read(_ text: String, isMissing: Bool, missing: Missing, range: ClosedRange<Double>?,
                     repair: Repair) -> Result<Double?, FieldProblem> {
        if isMissing {
            switch missing {
            case .trainingMean: return .success(nil)
            case .error: return .failure(FieldProblem("missing value, and the recipe does not fill missing numbers"))
            case .dropRow: return .failure(FieldProblem("missing value, and the recipe drops rows that miss this column"))
            }
        }
        guard let number = Double(text), number.isFinite else { return .failure(FieldProblem("'\(text)' is not a number")) }
        guard let range else { return .success(number) }
        if repair == .decimalPoint {
            guard let restored = DatasetRecipe.restoreDecimalPoint(number, into: range) else {
                return .failure(FieldProblem("\(number) is outside the plausible range \(range.lowerBound)...\(range.upperBound), "
                                             + "even with its decimal point restored"))
            }
            return .success(restored)
        }
        guard range.contains(number) else {
            return .failure(FieldProblem("\(text) is outside the plausible range \(range.lowerBound)...\(range.upperBound)"))
        }
        return .success(number)
    }
}
