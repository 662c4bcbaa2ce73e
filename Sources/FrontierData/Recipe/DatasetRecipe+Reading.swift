import FrontierSettings

extension DatasetRecipe: SettingsReadable {
    /// Reads a recipe from its YAML text; every refusal names the field's path
    /// (`columns[3].kind: expected one of numeric, categorical, dropped`).
    public static func read(yaml: String) throws(SettingsError) -> DatasetRecipe {
        try read(try SettingValue.parse(yaml: yaml), at: "")
    }

    /// Reads every field of a recipe (docs/recipes.md), filling defaults.
    public init(_ reader: inout SettingsReader) throws(SettingsError) {
        let version = try reader.int("format_version", default: Self.formatVersion)
        guard version == Self.formatVersion else {
            throw SettingsError(path: reader.path(of: "format_version"),
                                "this Frontier reads recipe format \(Self.formatVersion), not \(version)")
        }
        name = try Self.datasetName(try reader.requiredString("name"), at: reader.path(of: "name"))
        summary = try reader.string("summary", default: "")
        files = try Self.readFiles(&reader)
        layout = try reader.choice("layout", default: .delimited)
        format = try Self.readFormat(&reader)
        if layout == .idx, files.labels == nil {
            throw SettingsError(path: reader.path(of: "files.labels"), "an IDX recipe needs a labels file")
        }
        if layout == .delimited, files.labels != nil {
            throw SettingsError(path: reader.path(of: "files.labels"), "only an IDX recipe (layout: idx) has a labels file")
        }
        testSkipRows = try reader.int("test_skip_rows", default: 0, in: 0...1_000_000)
        columnNames = try reader.value("column_names") == nil ? nil : reader.strings("column_names", default: [])
        var targetReader = try reader.child("target")
        target = try Target(&targetReader)
        try targetReader.finish()
        var defaultsReader = try reader.child("defaults")
        defaults = try ColumnDefaults(&defaultsReader)
        try defaultsReader.finish()
        derived = try Self.readDerived(&reader)
        columns = try Self.readColumns(&reader, defaults: defaults, target: target.column)
        var splitReader = try reader.child("split")
        split = try Split(&splitReader, hasTestFile: files.test != nil)
        try splitReader.finish()
        if files.test != nil, split != .testFile {
            throw SettingsError(path: reader.path(of: "files.test"), "a test file is given, so split.kind must be test-file")
        }
        if let names = columnNames, Set(names).count != names.count {
            throw SettingsError(path: reader.path(of: "column_names"), "names a column twice")
        }
    }

    /// A dataset name: 1 to 64 letters, digits, `-`, `_` or `.`, not starting with `.`
    /// (it names shard directories and sweep topics).
    static func datasetName(_ text: String, at path: String) throws(SettingsError) -> String {
        let allowed = text.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_.".unicodeScalars.contains($0)
        }
        guard (1...64).contains(text.count), allowed, !text.hasPrefix(".") else {
            throw SettingsError(path: path, "'\(text)' is not a dataset name: use 1 to 64 letters, digits, '-', '_' or '.'")
        }
        return text
    }

    static func readFiles(_ reader: inout SettingsReader) throws(SettingsError) -> Files {
        guard let value = reader.value("files") else {
            throw SettingsError(path: reader.path(of: "files"), "required field is missing")
        }
        if case .string(let data) = value { return Files(data: data) }
        var files = try SettingsReader(value, at: reader.path(of: "files"))
        let result = Files(data: try files.requiredString("data"), test: try files.optionalString("test"),
                           labels: try files.optionalString("labels"))
        try files.finish()
        return result
    }

    static func readFormat(_ reader: inout SettingsReader) throws(SettingsError) -> DelimitedTextFormat {
        let d = DelimitedTextFormat()
        let separatorText = try reader.string("separator", default: ",")
        let separator: DelimitedTextFormat.Separator
        switch separatorText {
        case "whitespace": separator = .whitespace
        case "tab", "\t": separator = .character("\t")
        default:
            guard separatorText.count == 1, let c = separatorText.first, c.isASCII, c != "\"", !c.isNewline else {
                throw SettingsError(path: reader.path(of: "separator"),
                                    "expected one ASCII character (e.g. ',' or ';'), 'tab' or 'whitespace', found '\(separatorText)'")
            }
            separator = .character(c)
        }
        return DelimitedTextFormat(
            separator: separator,
            hasHeader: try reader.bool("header", default: d.hasHeader),
            skipLeadingLines: try reader.int("skip_rows", default: 0, in: 0...1_000_000),
            trimsFields: try reader.bool("trim", default: d.trimsFields),
            missingMarkers: Set(try reader.strings("missing", default: d.missingMarkers.sorted())),
            commentPrefix: try reader.optionalString("comment").flatMap { $0.isEmpty ? nil : $0 },
            encoding: try reader.choice("encoding", default: d.encoding))
    }

    static func readDerived(_ reader: inout SettingsReader) throws(SettingsError) -> [DerivedColumn] {
        var derived: [DerivedColumn] = []
        for (i, item) in (try reader.optionalList("derived") ?? []).enumerated() {
            var entry = try SettingsReader(item, at: "\(reader.path(of: "derived"))[\(i)]")
            let name = try entry.requiredString("name")
            let parts = try entry.strings("divide", default: [])
            guard parts.count == 2 else {
                throw SettingsError(path: entry.path(of: "divide"), "expected [numerator column, denominator column]")
            }
            try entry.finish()
            derived.append(DerivedColumn(name: name, numerator: parts[0], denominator: parts[1]))
        }
        return derived
    }

    static func readColumns(_ reader: inout SettingsReader, defaults: ColumnDefaults,
                            target: String) throws(SettingsError) -> [Column] {
        var columns: [Column] = []
        for (i, item) in (try reader.optionalList("columns") ?? []).enumerated() {
            let path = "\(reader.path(of: "columns"))[\(i)]"
            var entry = try SettingsReader(item, at: path)
            let column = try Column(&entry, defaults: defaults)
            try entry.finish()
            guard column.name != target else {
                throw SettingsError(path: "\(path).name", "'\(target)' is the target column; it is described under target:")
            }
            guard !columns.contains(where: { $0.name == column.name }) else {
                throw SettingsError(path: "\(path).name", "column '\(column.name)' is listed twice")
            }
            columns.append(column)
        }
        return columns
    }
}

extension DatasetRecipe.Target {
    init(_ reader: inout SettingsReader) throws(SettingsError) {
        column = try reader.requiredString("column")
        stripSuffix = try reader.optionalString("strip_suffix").flatMap { $0.isEmpty ? nil : $0 }
        let taskName = try reader.requiredString("task")
        switch taskName {
        case "binary":
            task = .binary(positive: try reader.requiredString("positive"), negative: try reader.optionalString("negative"))
        case "multiclass":
            let classes = try reader.value("classes") == nil ? nil : try reader.strings("classes", default: [])
            if let classes, classes.count < 2 || Set(classes).count != classes.count {
                throw SettingsError(path: reader.path(of: "classes"), "list two or more distinct class labels")
            }
            task = .multiclass(classes: classes)
        case "regression":
            task = .regression(standardise: try reader.bool("standardise", default: true))
        default:
            throw SettingsError(path: reader.path(of: "task"), "expected binary, multiclass or regression, found '\(taskName)'")
        }
    }
}

extension DatasetRecipe.Column {
    init(_ reader: inout SettingsReader, defaults: DatasetRecipe.ColumnDefaults) throws(SettingsError) {
        name = try reader.requiredString("name")
        let kindName = try reader.requiredString("kind")
        switch kindName {
        case "numeric": kind = .numeric(try DatasetRecipe.NumericRule(&reader, base: defaults.numeric))
        case "categorical": kind = .categorical(try DatasetRecipe.CategoricalRule(&reader, base: defaults.categorical))
        case "dropped": kind = .dropped
        default:
            throw SettingsError(path: reader.path(of: "kind"), "expected numeric, categorical or dropped, found '\(kindName)'")
        }
    }
}

extension DatasetRecipe.NumericRule {
    /// Reads the fields given over `base` (a column's rule starts from the defaults').
    init(_ reader: inout SettingsReader, base: Self) throws(SettingsError) {
        self = base
        missing = try reader.choice("missing", default: base.missing)
        standardise = try reader.bool("standardise", default: base.standardise)
        divideBy = try reader.optionalDouble("divide_by") ?? base.divideBy
        if let divisor = divideBy, divisor == 0 || standardise {
            throw SettingsError(path: reader.path(of: "divide_by"), divisor == 0 ? "must not be 0"
                                : "applies to columns that are not standardised (standardise: false)")
        }
        repair = try reader.choice("repair", default: base.repair)
        if let items = try reader.optionalList("range") {
            let path = reader.path(of: "range")
            guard items.count == 2, case .number(let low) = items[0], case .number(let high) = items[1], low <= high else {
                throw SettingsError(path: path, "expected [low, high] with low <= high")
            }
            range = low...high
        }
        if repair == .decimalPoint, range == nil {
            throw SettingsError(path: reader.path(of: "repair"), "decimal-point repair needs a range: [low, high]")
        }
    }
}

extension DatasetRecipe.CategoricalRule {
    init(_ reader: inout SettingsReader, base: Self) throws(SettingsError) {
        encoding = try reader.choice("encoding", default: base.encoding)
        missing = try reader.choice("missing", default: base.missing)
        standardise = try reader.bool("standardise", default: base.standardise)
    }
}

extension DatasetRecipe.ColumnDefaults {
    init(_ reader: inout SettingsReader) throws(SettingsError) {
        let d = Self()
        unlisted = try reader.choice("unlisted", default: d.unlisted)
        var numericReader = try reader.child("numeric")
        numeric = try DatasetRecipe.NumericRule(&numericReader, base: d.numeric)
        try numericReader.finish()
        var categoricalReader = try reader.child("categorical")
        categorical = try DatasetRecipe.CategoricalRule(&categoricalReader, base: d.categorical)
        try categoricalReader.finish()
    }
}

extension DatasetRecipe.Split {
    init(_ reader: inout SettingsReader, hasTestFile: Bool) throws(SettingsError) {
        let kind = try reader.string("kind", default: hasTestFile ? "test-file" : "hold-out")
        func fraction(_ r: inout SettingsReader) throws(SettingsError) -> Double {
            let f = try r.double("test_fraction", default: 0.2)
            guard f > 0, f < 1 else { throw SettingsError(path: r.path(of: "test_fraction"), "must lie strictly between 0 and 1") }
            return f
        }
        func seed(_ r: inout SettingsReader) throws(SettingsError) -> UInt64 {
            UInt64(try r.int("seed", default: 42, in: 0...Int(UInt32.max)))
        }
        switch kind {
        case "hold-out": self = .holdOut(testFraction: try fraction(&reader), seed: try seed(&reader))
        case "test-file":
            guard hasTestFile else {
                throw SettingsError(path: reader.path(of: "kind"), "test-file needs files.test")
            }
            self = .testFile
        case "numpy-legacy":
            self = .numpyLegacy(testFraction: try fraction(&reader), seed: try seed(&reader),
                                function: try reader.choice("function", default: .trainTestSplit))
        default:
            throw SettingsError(path: reader.path(of: "kind"), "expected hold-out, test-file or numpy-legacy, found '\(kind)'")
        }
    }
}
