import FrontierML

extension ColumnEncoder {
    /// The encoded target of every row: 0/1, a class index or a (standardised) number.
    struct EncodedTarget {
        var values: [Float]
        var classLabels: [String]?
        var scale: (mean: Float, std: Float)?
    }

    func encodeTarget(column c: Int, target: DatasetRecipe.Target) throws(DataError) -> EncodedTarget {
        var labels: [(value: String, field: Field)] = []
        labels.reserveCapacity(ordered.count)
        for row in ordered {
            let f = field(row, c)
            var v = f.value
            if let suffix = target.stripSuffix, v.hasSuffix(suffix) { v.removeLast(suffix.count) }
            if missing(v) { throw error(f, column: c, "the target is missing") }
            labels.append((v, f))
        }
        switch target.task {
        case .binary(let positive, let negative):
            var values: [Float] = []
            values.reserveCapacity(labels.count)
            for (v, f) in labels {
                if v == positive { values.append(1) } else if negative == nil || v == negative { values.append(0) } else {
                    throw error(f, column: c, "'\(v)' is neither '\(positive)' nor '\(negative!)'")
                }
            }
            return EncodedTarget(values: values, classLabels: [negative ?? "not \(positive)", positive])
        case .regression(let standardise):
            var raw: [Double] = []
            raw.reserveCapacity(labels.count)
            for (v, f) in labels {
                guard let number = Double(v), number.isFinite else { throw error(f, column: c, "'\(v)' is not a number") }
                raw.append(number)
            }
            guard standardise else { return EncodedTarget(values: raw.map { Float($0) }, classLabels: nil, scale: nil) }
            let (mean, std) = DatasetRecipe.meanAndDeviation(Array(raw[..<trainCount]))
            return EncodedTarget(values: raw.map { Float(($0 - mean) / std) }, classLabels: nil,
                                 scale: (Float(mean), Float(std)))
        case .multiclass(let given):
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
            return EncodedTarget(values: values, classLabels: known)
        }
    }
}
