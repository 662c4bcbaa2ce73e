/// The preprocessing a recipe fitted on its training rows, as a value: for every column the
/// statistics and rules that turn its text into feature values (a numeric column's centre,
/// scale, fill value and range repair; a categorical column's categories, fill and encoding,
/// with a label code's mean and deviation), and the target's labels or scale.
///
/// `DatasetRecipe.prepare` fits one and applies it to every row of the split; a model file
/// keeps it, so raw rows in the recipe's columns (`features(of:)`) become exactly the feature
/// rows the model was trained on. It encodes to JSON with snake_case keys.
public struct FittedPreprocessing: Codable, Equatable, Sendable {
    /// Every column of the data file except the target, in file order.
    public var columns: [FittedColumn]
    public var target: FittedTarget
    /// Field values that mean "missing" (sorted).
    public var missingMarkers: [String]
    /// Columns computed from raw columns before encoding (the recipe's `derived`).
    public var derived: [DatasetRecipe.DerivedColumn]

    public init(columns: [FittedColumn], target: FittedTarget, missingMarkers: [String],
                derived: [DatasetRecipe.DerivedColumn] = []) {
        self.columns = columns
        self.target = target
        self.missingMarkers = missingMarkers.sorted()
        self.derived = derived
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(columns: try c.decode([FittedColumn].self, forKey: .columns),
                  target: try c.decode(FittedTarget.self, forKey: .target),
                  missingMarkers: try c.decode([String].self, forKey: .missingMarkers),
                  derived: try c.decodeIfPresent([DatasetRecipe.DerivedColumn].self, forKey: .derived) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(columns, forKey: .columns)
        try c.encode(target, forKey: .target)
        try c.encode(missingMarkers, forKey: .missingMarkers)
        if !derived.isEmpty { try c.encode(derived, forKey: .derived) }
    }

    /// The encoded feature names, in feature order (`age`, `workclass=Private`, ...).
    public var featureNames: [String] { columns.flatMap(\.featureNames) }

    /// The columns a raw row must have (every column that is not dropped, the operands of
    /// derived columns in place of the derived columns themselves).
    public var requiredColumns: [String] {
        let derivedNames = Set(derived.map(\.name))
        var names = columns.filter { $0.encoding != .dropped && !derivedNames.contains($0.name) }.map(\.name)
        for column in derived {
            for operand in [column.numerator, column.denominator] where !names.contains(operand) && !derivedNames.contains(operand) {
                names.append(operand)
            }
        }
        return names
    }

    enum CodingKeys: String, CodingKey { case columns, target, missingMarkers = "missing_markers", derived }
}

/// One column's fitted encoding.
public struct FittedColumn: Equatable, Sendable {
    public var name: String
    public var encoding: FittedEncoding

    public init(name: String, encoding: FittedEncoding) {
        self.name = name
        self.encoding = encoding
    }

    /// The feature names this column encodes to (none when dropped).
    public var featureNames: [String] {
        switch encoding {
        case .dropped: return []
        case .numeric: return [name]
        case .categorical(let c): return c.encoding == .oneHot ? c.categories.map { "\(name)=\($0)" } : [name]
        }
    }
}

/// How a column becomes features.
public enum FittedEncoding: Equatable, Sendable {
    case numeric(FittedNumeric)
    case categorical(FittedCategorical)
    case dropped
}

/// A numeric column: `(value - centre) / scale`, a missing value taking `fill` (the training
/// mean) when the rule fills, and a value outside `range` repaired or refused by `repair`.
public struct FittedNumeric: Codable, Equatable, Sendable {
    public var missing: DatasetRecipe.NumericRule.Missing
    /// Plausible values (lower, upper), when the recipe gives them.
    public var range: ClosedRange<Double>?
    public var repair: DatasetRecipe.NumericRule.Repair
    /// What a missing value becomes, in the column's own units: the training mean.
    public var fill: Double
    /// The training mean when standardising, else 0.
    public var centre: Double
    /// The training deviation when standardising, else the recipe's divisor (or 1).
    public var scale: Double

    public init(missing: DatasetRecipe.NumericRule.Missing, range: ClosedRange<Double>?, repair: DatasetRecipe.NumericRule.Repair,
                fill: Double, centre: Double, scale: Double) {
        self.missing = missing
        self.range = range
        self.repair = repair
        self.fill = fill
        self.centre = centre
        self.scale = scale
    }

    /// The feature value of a read value (nil: missing, filled).
    public func encode(_ value: Double?) -> Float { Float(((value ?? fill) - centre) / scale) }

    /// Reads a field's text: nil for a missing value the rule fills; the number, its decimal
    /// point restored when the rule repairs; or a message saying what is wrong.
    public func read(_ text: String, isMissing: Bool) -> Result<Double?, FieldProblem> {
        DatasetRecipe.NumericRule.read(text, isMissing: isMissing, missing: missing, range: range, repair: repair)
    }

    enum CodingKeys: String, CodingKey { case missing, range, repair, fill, centre, scale }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        missing = try c.decode(DatasetRecipe.NumericRule.Missing.self, forKey: .missing)
        repair = try c.decode(DatasetRecipe.NumericRule.Repair.self, forKey: .repair)
        fill = try c.decode(Double.self, forKey: .fill)
        centre = try c.decode(Double.self, forKey: .centre)
        scale = try c.decode(Double.self, forKey: .scale)
        range = nil
        if let bounds = try c.decodeIfPresent([Double].self, forKey: .range) {
            guard bounds.count == 2, bounds[0] <= bounds[1] else {
                throw DecodingError.dataCorruptedError(forKey: .range, in: c, debugDescription: "expected [lower, upper]")
            }
            range = bounds[0]...bounds[1]
        }
        guard fill.isFinite, centre.isFinite, scale.isFinite, scale != 0 else {
            throw DecodingError.dataCorruptedError(forKey: .scale, in: c, debugDescription: "fill, centre and scale must be finite, scale non-zero")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(missing, forKey: .missing)
        try c.encode(repair, forKey: .repair)
        try c.encode(fill, forKey: .fill)
        try c.encode(centre, forKey: .centre)
        try c.encode(scale, forKey: .scale)
        try c.encodeIfPresent(range.map { [$0.lowerBound, $0.upperBound] }, forKey: .range)
    }
}

/// A categorical column: its sorted training categories, what a missing value becomes, and
/// one-hot columns or a label code (standardised with the training codes' mean and deviation).
public struct FittedCategorical: Codable, Equatable, Sendable {
    public var encoding: DatasetRecipe.CategoricalRule.Encoding
    public var missing: DatasetRecipe.CategoricalRule.Missing
    /// The training categories, sorted; an unseen one encodes as all zeros (one-hot) or one
    /// past the last code (label).
    public var categories: [String]
    /// The category a missing value becomes (`(missing)` or the training mode).
    public var fill: String
    /// For a standardised label code: the training codes' mean and deviation.
    public var labelCentre: Double?
    public var labelScale: Double?

    public init(encoding: DatasetRecipe.CategoricalRule.Encoding, missing: DatasetRecipe.CategoricalRule.Missing,
                categories: [String], fill: String, labelCentre: Double? = nil, labelScale: Double? = nil) {
        self.encoding = encoding
        self.missing = missing
        self.categories = categories
        self.fill = fill
        self.labelCentre = labelCentre
        self.labelScale = labelScale
    }

    /// The category a field stands for, or a message when the rule refuses a missing value.
    public func category(_ text: String, isMissing: Bool) -> Result<String, FieldProblem> {
        guard isMissing else { return .success(text) }
        switch missing {
        case .ownCategory, .mode: return .success(fill)
        case .error: return .failure(FieldProblem("missing value, and the recipe does not fill missing categories"))
        case .dropRow: return .failure(FieldProblem("missing value, and the recipe drops rows that miss this column"))
        }
    }

    /// The label code of a category (one past the last for an unseen one).
    public func code(of category: String, index: [String: Int]) -> Double { Double(index[category] ?? categories.count) }

    /// The label feature of a code.
    public func encodeLabel(_ code: Double) -> Float {
        guard let centre = labelCentre, let scale = labelScale else { return Float(code) }
        return Float((code - centre) / scale)
    }

    /// Category -> position among `categories`.
    public var index: [String: Int] { Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) }) }

    enum CodingKeys: String, CodingKey {
        case encoding, missing, categories, fill, labelCentre = "label_centre", labelScale = "label_scale"
    }
}

/// What is wrong with one field (located by the caller: file, line, column).
public struct FieldProblem: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension DatasetRecipe.NumericRule.Missing: Codable {}
extension DatasetRecipe.NumericRule.Repair: Codable {}
extension DatasetRecipe.CategoricalRule.Encoding: Codable {}
extension DatasetRecipe.CategoricalRule.Missing: Codable {}

extension FittedColumn: Codable {
    enum CodingKeys: String, CodingKey { case name, kind, numeric, categorical }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        switch try c.decode(String.self, forKey: .kind) {
        case "numeric": encoding = .numeric(try c.decode(FittedNumeric.self, forKey: .numeric))
        case "categorical": encoding = .categorical(try c.decode(FittedCategorical.self, forKey: .categorical))
        case "dropped": encoding = .dropped
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "'\(other)' is not numeric, categorical or dropped")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        switch encoding {
        case .numeric(let n): try c.encode("numeric", forKey: .kind); try c.encode(n, forKey: .numeric)
        case .categorical(let k): try c.encode("categorical", forKey: .kind); try c.encode(k, forKey: .categorical)
        case .dropped: try c.encode("dropped", forKey: .kind)
        }
    }
}
