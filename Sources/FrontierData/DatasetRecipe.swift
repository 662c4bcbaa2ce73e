import FrontierML

/// How a file-backed dataset is read and turned into numeric features: which
/// files, which column is the target, which columns are categorical or dropped,
/// how missing values are filled and how the test split is made.
///
/// Every statistic the preprocessing needs (means, standard deviations, fill
/// values, categories) is fitted on the training split only, so nothing about
/// the test rows leaks into training.
public struct DatasetRecipe: Sendable {
    /// What the target column holds.
    public enum Target: Sendable, Equatable {
        /// Two labels; `positive` becomes 1 and `negative` 0. Anything else is an error.
        case binary(positive: String, negative: String)
        /// A number; standardised with the training mean and deviation when `standardised`.
        case regression(standardised: Bool)
        /// Class labels; indices follow the sorted training labels.
        case multiclass
    }

    /// How the test split is made.
    public enum TestSplit: Sendable, Equatable {
        /// A seeded random fraction of the rows of the training file. The seed is
        /// the recipe's, not the run's, so every run of a dataset sees the same test rows.
        case holdOut(fraction: Double, seed: UInt64)
        /// A separate file in the same folder (Adult's `adult.test`), read with `skipLeadingLines`.
        case file(String, skipLeadingLines: Int)
    }

    /// How missing values (the format's `missingMarkers`) are filled.
    public struct MissingValues: Sendable, Equatable {
        /// `dropRow` removes every row missing a numeric feature before the split,
        /// as pandas' `dropna()` does (the paper's Auto MPG preprocessing).
        public enum Numeric: String, Sendable { case trainingMean = "training mean", dropRow = "row dropped", error }
        public enum Categorical: String, Sendable { case ownCategory = "own category", error }
        public var numeric: Numeric
        public var categorical: Categorical
        public init(numeric: Numeric = .trainingMean, categorical: Categorical = .ownCategory) {
            self.numeric = numeric
            self.categorical = categorical
        }
    }

    /// How categorical columns become numbers.
    public enum CategoricalEncoding: String, Sendable {
        /// One 0/1 column per training category (unseen categories encode as all zeros).
        case oneHot = "one-hot"
        /// One column holding the category's index among the sorted training categories.
        case label
    }

    public var name: String
    /// One line for `frontier datasets`.
    public var summary: String
    /// Sub-folder of the data directory holding the files.
    public var folder: String
    public var file: String
    public var format: DelimitedTextFormat
    /// Column names for a file without a header.
    public var columnNames: [String]?
    public var targetColumn: String
    public var target: Target
    public var categorical: [String]
    public var encoding: CategoricalEncoding
    public var dropped: [String]
    public var missingValues: MissingValues
    /// Characters stripped from the end of target labels (Adult's test file writes `>50K.`).
    public var labelSuffix: String?
    public var testSplit: TestSplit
    /// Plausible ranges of numeric columns whose published file lost decimal points
    /// (Wine Quality's density `100005` for `1.00005`): a value above its range is
    /// divided by ten until it falls inside; one that cannot be brought inside is an error.
    public var decimalRepairs: [String: ClosedRange<Double>]
    /// Data rows in each file as published (documentation and tests).
    public var documentedRows: (file: Int, testFile: Int?)

    public init(name: String, summary: String, folder: String, file: String, format: DelimitedTextFormat,
                columnNames: [String]? = nil, targetColumn: String, target: Target, categorical: [String] = [],
                encoding: CategoricalEncoding = .oneHot, dropped: [String] = [],
                missingValues: MissingValues = MissingValues(), labelSuffix: String? = nil,
                testSplit: TestSplit, decimalRepairs: [String: ClosedRange<Double>] = [:],
                documentedRows: (file: Int, testFile: Int?)) {
        self.name = name
        self.summary = summary
        self.folder = folder
        self.file = file
        self.format = format
        self.columnNames = columnNames
        self.targetColumn = targetColumn
        self.target = target
        self.categorical = categorical
        self.encoding = encoding
        self.dropped = dropped
        self.missingValues = missingValues
        self.labelSuffix = labelSuffix
        self.testSplit = testSplit
        self.decimalRepairs = decimalRepairs
        self.documentedRows = documentedRows
    }

    /// The files this recipe reads, relative to the data directory.
    public var files: [String] {
        var files = [folder + "/" + file]
        if case .file(let test, _) = testSplit { files.append(folder + "/" + test) }
        return files
    }

    /// The prediction task of the prepared dataset.
    public func task(classCount: Int) -> PredictionTask {
        switch target {
        case .binary: return .binaryClassification
        case .regression: return .regression
        case .multiclass: return .multiclass(classes: classCount)
        }
    }

    /// A one-line description for provenance records.
    public var provenance: String {
        let split: String
        switch testSplit {
        case .holdOut(let fraction, let seed): split = "hold-out \(Int((fraction * 100).rounded()))% (seed \(seed))"
        case .file(let test, _): split = "test file \(test)"
        }
        let categoricals = categorical.isEmpty ? "" : ", \(encoding.rawValue) \(categorical.joined(separator: "/"))"
        let drops = dropped.isEmpty ? "" : ", dropped \(dropped.joined(separator: "/"))"
        let repairs = decimalRepairs.isEmpty ? "" : ", lost decimal points restored in "
            + decimalRepairs.keys.sorted().joined(separator: "/")
        return "recipe \(name): \(files.joined(separator: " + ")), target \(targetColumn)\(categoricals)\(drops)\(repairs), "
            + "standardised numeric features, missing: numeric \(missingValues.numeric.rawValue) / categorical "
            + "\(missingValues.categorical.rawValue), \(split)"
    }
}
