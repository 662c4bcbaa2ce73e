import Foundation
import FrontierSettings

extension DatasetRecipe {
    /// The recipe as a settings tree with every default filled in: what manifests and
    /// sweeps carry, and what `read` turns back into this recipe.
    public var tree: SettingValue {
        var entries: [String: SettingValue] = [
            "format_version": .number(Double(Self.formatVersion)),
            "name": .string(name),
            "summary": .string(summary),
            "files": .map(["data": .string(files.data)].merging([("test", files.test), ("labels", files.labels)]
                .compactMap { key, value in value.map { (key, SettingValue.string($0)) } }) { $1 }),
            "layout": .string(layout.rawValue),
            "header": .bool(format.hasHeader),
            "skip_rows": .number(Double(format.skipLeadingLines)),
            "test_skip_rows": .number(Double(testSkipRows)),
            "trim": .bool(format.trimsFields),
            "missing": .list(format.missingMarkers.sorted().map { .string($0) }),
            "encoding": .string(format.encoding.rawValue),
            "target": target.tree,
            "columns": .list(columns.map(\.tree)),
            "defaults": defaults.tree,
            "split": split.tree,
        ]
        switch format.separator {
        case .whitespace: entries["separator"] = .string("whitespace")
        case .character(let c): entries["separator"] = .string(c == "\t" ? "tab" : String(c))
        }
        if let prefix = format.commentPrefix { entries["comment"] = .string(prefix) }
        if let names = columnNames { entries["column_names"] = .list(names.map { .string($0) }) }
        if !derived.isEmpty {
            entries["derived"] = .list(derived.map {
                .map(["name": .string($0.name), "divide": .list([.string($0.numerator), .string($0.denominator)])])
            })
        }
        return .map(entries)
    }

    /// SHA-256 (lower-case hex) of the canonical tree's JSON: the recipe's identity,
    /// equal for two files that mean the same recipe however they are written.
    public var checksum: String { SHA256Digest.hex(of: tree.canonicalJSON) }
}

extension DatasetRecipe.Target {
    var tree: SettingValue {
        var entries: [String: SettingValue] = ["column": .string(column)]
        if let stripSuffix { entries["strip_suffix"] = .string(stripSuffix) }
        switch task {
        case .binary(let positive, let negative):
            entries["task"] = .string("binary")
            entries["positive"] = .string(positive)
            if let negative { entries["negative"] = .string(negative) }
        case .multiclass(let classes):
            entries["task"] = .string("multiclass")
            if let classes { entries["classes"] = .list(classes.map { .string($0) }) }
        case .regression(let standardise):
            entries["task"] = .string("regression")
            entries["standardise"] = .bool(standardise)
        }
        return .map(entries)
    }
}

extension DatasetRecipe.Column {
    var tree: SettingValue {
        var entries: [String: SettingValue] = ["name": .string(name)]
        switch kind {
        case .numeric(let rule): entries.merge(rule.entries) { $1 }; entries["kind"] = .string("numeric")
        case .categorical(let rule): entries.merge(rule.entries) { $1 }; entries["kind"] = .string("categorical")
        case .dropped: entries["kind"] = .string("dropped")
        }
        return .map(entries)
    }
}

extension DatasetRecipe.NumericRule {
    var entries: [String: SettingValue] {
        var entries: [String: SettingValue] = ["missing": .string(missing.rawValue), "standardise": .bool(standardise),
                                               "repair": .string(repair.rawValue)]
        if let range { entries["range"] = .list([.number(range.lowerBound), .number(range.upperBound)]) }
        if let divideBy { entries["divide_by"] = .number(divideBy) }
        return entries
    }
}

extension DatasetRecipe.CategoricalRule {
    var entries: [String: SettingValue] {
        ["encoding": .string(encoding.rawValue), "missing": .string(missing.rawValue), "standardise": .bool(standardise)]
    }
}

extension DatasetRecipe.ColumnDefaults {
    var tree: SettingValue {
        .map(["unlisted": .string(unlisted.rawValue), "numeric": .map(numeric.entries),
              "categorical": .map(categorical.entries)])
    }
}

extension DatasetRecipe.Split {
    var tree: SettingValue {
        switch self {
        case .holdOut(let fraction, let seed):
            return .map(["kind": .string("hold-out"), "test_fraction": .number(fraction), "seed": .number(Double(seed))])
        case .testFile:
            return .map(["kind": .string("test-file")])
        case .numpyLegacy(let fraction, let seed, let function):
            return .map(["kind": .string("numpy-legacy"), "test_fraction": .number(fraction), "seed": .number(Double(seed)),
                         "function": .string(function.rawValue)])
        }
    }
}
