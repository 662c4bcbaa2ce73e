import Foundation

/// The values of one swept parameter: `{values: [0.1, 0.5]}` or
/// `{linspace: {min: 0.1, max: 0.9, num: 9}}`.
enum ParameterValues {
    /// Largest `linspace.num` (and `values` list) accepted.
    static let maximumCount = 1000

    /// Reads one parameter's values at `path` (e.g. `jobs[1].parameters.alpha`), checking
    /// each against the job kind.
    static func parse(_ node: SpecNode, at path: String, name: String, kind: any JobKind) throws(SweepSpecError) -> [Double] {
        let entries = try node.map(at: path, allowed: ["values", "linspace"])
        guard entries.count == 1 else {
            throw SweepSpecError(path: path, "give exactly one of values: [...] or linspace: {min, max, num}")
        }
        if let list = entries["values"] {
            let listPath = "\(path).values"
            let items = try list.list(at: listPath)
            guard !items.isEmpty, items.count <= maximumCount else {
                throw SweepSpecError(path: listPath, "give 1 to \(maximumCount) values")
            }
            var values: [Double] = []
            for (i, item) in items.enumerated() {
                let value = try item.number(at: "\(listPath)[\(i)]")
                guard !values.contains(value) else { throw SweepSpecError(path: "\(listPath)[\(i)]", "duplicate value \(value)") }
                try kind.validate(parameter: name, value: value, at: "\(listPath)[\(i)]")
                values.append(value)
            }
            return values
        }
        let linspacePath = "\(path).linspace"
        let spec = try entries["linspace"]!.map(at: linspacePath, allowed: ["min", "max", "num"])
        func required(_ key: String) throws(SweepSpecError) -> SpecNode {
            guard let value = spec[key] else { throw SweepSpecError(path: "\(linspacePath).\(key)", "required field is missing") }
            return value
        }
        let min = try required("min").number(at: "\(linspacePath).min")
        let max = try required("max").number(at: "\(linspacePath).max")
        let num = try required("num").int(at: "\(linspacePath).num")
        guard (1...maximumCount).contains(num) else {
            throw SweepSpecError(path: "\(linspacePath).num", "must be 1...\(maximumCount), got \(num)")
        }
        guard min <= max else { throw SweepSpecError(path: linspacePath, "min (\(min)) is greater than max (\(max))") }
        try kind.validate(parameter: name, value: min, at: "\(linspacePath).min")
        try kind.validate(parameter: name, value: max, at: "\(linspacePath).max")
        let values = linspace(min: min, max: max, count: num)
        for value in values { try kind.validate(parameter: name, value: value, at: linspacePath) }
        return values
    }

    /// `count` evenly spaced values from `min` to `max`, with exact endpoints and each
    /// inner value rounded to 12 significant digits, so 0.1...0.9 in 9 steps gives
    /// 0.3 rather than 0.30000000000000004 (results and task parameters read cleanly).
    static func linspace(min: Double, max: Double, count: Int) -> [Double] {
        guard count > 1 else { return [min] }
        return (0..<count).map { i in
            if i == 0 { return min }
            if i == count - 1 { return max }
            return rounded(min + (max - min) * Double(i) / Double(count - 1))
        }
    }

    /// `value` rounded to 12 significant digits.
    static func rounded(_ value: Double) -> Double {
        Double(String(format: "%.12g", value)) ?? value
    }
}
