import Foundation

extension DatasetRecipe {
    /// A one-line description for provenance records and result tables, e.g.
    /// `recipe titanic: titanic/titanic3.csv, target survived, one-hot pclass/sex/embarked, ...`.
    public var provenance: String {
        var parts = ["recipe \(name): " + ([files.data] + (files.test.map { [$0] } ?? [])).joined(separator: " + "),
                     "target \(target.column)"]
        var categorical: [(String, String)] = []  // (encoding, column)
        var dropped: [String] = []
        var repaired: [String] = []
        var unscaled: [String] = []
        for column in columns {
            switch column.kind {
            case .categorical(let rule):
                categorical.append((rule.encoding == .oneHot ? "one-hot" : rule.standardise ? "label-encoded and standardised"
                                    : "label-encoded", column.name))
            case .dropped: dropped.append(column.name)
            case .numeric(let rule):
                if rule.repair == .decimalPoint { repaired.append(column.name) }
                if !rule.standardise { unscaled.append(column.name) }
            }
        }
        for encoding in Set(categorical.map(\.0)).sorted() {
            parts.append("\(encoding) " + categorical.filter { $0.0 == encoding }.map(\.1).joined(separator: "/"))
        }
        if !dropped.isEmpty { parts.append("dropped " + dropped.joined(separator: "/")) }
        if !repaired.isEmpty { parts.append("lost decimal points restored in " + repaired.sorted().joined(separator: "/")) }
        parts.append(unscaled.isEmpty ? "standardised numeric features"
                     : "standardised numeric features but " + unscaled.joined(separator: "/"))
        let numericMissing = switch defaults.numeric.missing {
        case .trainingMean: "training mean"
        case .dropRow: "row dropped"
        case .error: "error"
        }
        let categoricalMissing = defaults.categorical.missing.rawValue.replacingOccurrences(of: "-", with: " ")
        parts.append("missing: numeric \(numericMissing) / categorical \(categoricalMissing)")
        switch split {
        case .holdOut(let fraction, let seed): parts.append("hold-out \(Int((fraction * 100).rounded()))% (seed \(seed))")
        case .testFile: parts.append("test file \(files.test.map { ($0 as NSString).lastPathComponent } ?? "?")")
        case .numpyLegacy(let fraction, let seed, let function):
            parts.append("\(function == .sample ? "pandas sample" : "scikit-learn train_test_split") test "
                         + "\(Int((fraction * 100).rounded()))% (numpy RandomState(\(seed)))")
        }
        return parts.joined(separator: ", ")
    }
}
