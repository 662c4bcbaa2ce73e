import FrontierML

extension ColumnEncoder {
    /// The fitted target and the encoded target of every row: 0/1, a class index or a
    /// (standardised) number.
    func encodeTarget(column c: Int, target: DatasetRecipe.Target) throws(DataError) -> (fitted: FittedTarget, values: [Float]) {
        var labels: [(value: String, field: Field)] = []
        labels.reserveCapacity(ordered.count)
        for row in ordered {
            let f = field(row, c)
            var v = f.value
            if let suffix = target.stripSuffix, v.hasSuffix(suffix) { v.removeLast(suffix.count) }
            if missing(v) { throw error(f, column: c, "the target is missing") }
            labels.append((v, f))
        }
        var fitted = FittedTarget(column: target.column, kind: .binary, stripSuffix: target.stripSuffix)
        switch target.task {
        case .binary(let positive, let negative):
            var values: [Float] = []
            values.reserveCapacity(labels.count)
            for (v, f) in labels {
                if v == positive { values.append(1) } else if negative == nil || v == negative { values.append(0) } else {
                    throw error(f, column: c, "'\(v)' is neither '\(positive)' nor '\(negative!)'")
                }
            }
            fitted.positive = positive
            fitted.negative = negative
            fitted.classLabels = [negative ?? "not \(positive)", positive]
            return (fitted, values)
        case .regression(let standardise):
            fitted.kind = .regression
            var raw: [Double] = []
            raw.reserveCapacity(labels.count)
            for (v, f) in labels {
                guard let number = Double(v), number.isFinite else { throw error(f, column: c, "'\(v)' is not a number") }
                raw.append(number)
            }
            guard standardise else { return (fitted, raw.map { Float($0) }) }
            let (mean, std) = DatasetRecipe.meanAndDeviation(Array(raw[..<trainCount]))
            (fitted.mean, fitted.deviation) = (mean, std)
            return (fitted, raw.map { Float(($0 - mean) / std) })
        case .multiclass(let given):
            fitted.kind = .multiclass
            let known = given ?? Set(labels[..<trainCount].map(\.value)).sorted()
            let index = Dictionary(uniqueKeysWithValues: known.enumerated().map { ($1, $0) })
            var values: [Float] = []
            values.reserveCapacity(labels.count)
            for (v, f) in labels {
                guard let k = index[v] else {
                    throw error(f, column: c, given == nil ? "class '\(v)' does not occur in the training rows"
                                : "class '\(v)' is not one of the recipe's classes (\(known.joined(separator: ", ")))")
                }
                values.append(Float(k))
            }
            fitted.classLabels = known
            return (fitted, values)
        }
    }
}
