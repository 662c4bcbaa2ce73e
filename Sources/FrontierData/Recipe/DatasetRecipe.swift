import FrontierML

/// How a file-backed dataset is read and turned into numeric features: which
/// files, how they are laid out, which column is the target and what it holds,
/// how each column is encoded, how missing values are handled and how the test
/// split is made. A recipe is data: it is read from a YAML file (the paper's five
/// ship with Frontier under `cluster/recipes/`), written back as a canonical tree
/// whose checksum names it, and carried inside shard manifests and sweeps.
///
/// Every statistic the preprocessing needs (means, standard deviations, fill
/// values, categories) is fitted on the training split only, so nothing about
/// the test rows leaks into training. docs/recipes.md documents the file format.
public struct DatasetRecipe: Sendable, Hashable {
    /// The recipe format this code reads and writes.
    public static let formatVersion = 1

    public var name: String
    /// One line for `frontier datasets`.
    public var summary: String
    public var files: Files
    /// Delimited text, or IDX image and label files (MNIST).
    public var layout: Layout
    /// How the data file is laid out (the test file shares it, with its own skipped lines).
    public var format: DelimitedTextFormat
    /// Lines skipped at the start of the test file (Adult's starts with a comment line).
    public var testSkipRows: Int
    /// Column names for files without a header.
    public var columnNames: [String]?
    public var target: Target
    /// Columns with their own rules, by name; every other column follows `defaults`.
    public var columns: [Column]
    /// Numeric columns computed from others before encoding (California Housing's rooms
    /// per household), appended after the file's columns.
    public var derived: [DerivedColumn] = []
    public var defaults: ColumnDefaults
    public var split: Split

    public init(name: String, summary: String = "", files: Files, layout: Layout = .delimited, format: DelimitedTextFormat = .csv,
                testSkipRows: Int = 0, columnNames: [String]? = nil, target: Target, columns: [Column] = [],
                defaults: ColumnDefaults = ColumnDefaults(), split: Split) {
        self.name = name
        self.summary = summary
        self.files = files
        self.layout = layout
        self.format = format
        self.testSkipRows = testSkipRows
        self.columnNames = columnNames
        self.target = target
        self.columns = columns
        self.defaults = defaults
        self.split = split
    }

    /// The files a recipe reads, relative to its base directory (the data directory for
    /// the built-in recipes, the recipe file's own folder for a user's) unless absolute.
    public struct Files: Sendable, Hashable {
        /// All rows, or the training rows when `test` is given (for IDX, the images).
        public var data: String
        /// A held-out test file with the same columns (Adult's `adult.test`).
        public var test: String?
        /// For IDX: the labels file, one label per image.
        public var labels: String?

        public init(data: String, test: String? = nil, labels: String? = nil) {
            self.data = data
            self.test = test
            self.labels = labels
        }

        /// Every file, data first.
        public var all: [String] { [data] + [test, labels].compactMap { $0 } }
    }

    /// How the files hold the rows.
    public enum Layout: String, Sendable, Hashable, CaseIterable {
        /// Delimited text (CSV, semicolons, tabs, runs of whitespace), gzip-compressed or not.
        case delimited
        /// An IDX images file and an IDX labels file (MNIST): columns `pixel_<row>_<column>`
        /// holding the raw 0-255 values, then `label`.
        case idx
    }

    /// The target column and what it holds.
    public struct Target: Sendable, Hashable {
        public var column: String
        public var task: Task
        /// Characters stripped from the end of labels (Adult's test file writes `>50K.`).
        public var stripSuffix: String?

        public init(column: String, task: Task, stripSuffix: String? = nil) {
            self.column = column
            self.task = task
            self.stripSuffix = stripSuffix
        }
    }

    /// The prediction task the target defines.
    public enum Task: Sendable, Hashable {
        /// `positive` becomes 1; `negative`, when given, 0 and any other label an error;
        /// without `negative` every other label is 0.
        case binary(positive: String, negative: String?)
        /// Class labels, in the given order, or the sorted training labels when nil.
        case multiclass(classes: [String]?)
        /// A number; standardised with the training mean and deviation when `standardise`.
        case regression(standardise: Bool)
    }

    /// One column's rules.
    public struct Column: Sendable, Hashable {
        public var name: String
        public var kind: Kind

        public init(name: String, kind: Kind) {
            self.name = name
            self.kind = kind
        }

        public enum Kind: Sendable, Hashable {
            case numeric(NumericRule)
            case categorical(CategoricalRule)
            /// Not a feature (identifiers, free text, leaks of the target).
            case dropped
        }
    }

    /// A column computed row by row from two numeric columns: `numerator / denominator`.
    public struct DerivedColumn: Codable, Sendable, Hashable {
        public var name: String
        public var numerator: String
        public var denominator: String

        public init(name: String, numerator: String, denominator: String) {
            self.name = name
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    /// How a numeric column is read and encoded.
    public struct NumericRule: Sendable, Hashable {
        public enum Missing: String, Sendable, CaseIterable {
            /// The training mean (0 after standardising).
            case trainingMean = "training-mean"
            /// The row is removed before the split, as pandas' `dropna()` does.
            case dropRow = "drop-row"
            case error
        }

        /// What a missing value (one of the format's missing markers) becomes.
        public var missing: Missing
        /// Plausible values; one outside is repaired (`repair`) or refused.
        public var range: ClosedRange<Double>?
        /// `decimalPoint`: a value above the range is divided by ten until it fits (a
        /// file that lost its decimal points, as the shared Wine Quality file did).
        public var repair: Repair
        /// Standardised with the training mean and population deviation.
        public var standardise: Bool
        /// Without standardising: divided by this (255 for 8-bit pixels).
        public var divideBy: Double?

        public enum Repair: String, Sendable, CaseIterable {
            case none
            case decimalPoint = "decimal-point"
        }

        public init(missing: Missing = .trainingMean, range: ClosedRange<Double>? = nil, repair: Repair = .none,
                    standardise: Bool = true, divideBy: Double? = nil) {
            self.missing = missing
            self.range = range
            self.repair = repair
            self.standardise = standardise
            self.divideBy = divideBy
        }
    }

    /// How a categorical column is encoded.
    public struct CategoricalRule: Sendable, Hashable {
        public enum Encoding: String, Sendable, CaseIterable {
            /// One 0/1 column per training category (unseen categories encode as all zeros).
            case oneHot = "one-hot"
            /// One column holding the category's index among the sorted training
            /// categories (unseen ones take one past the last), standardised when `standardise`.
            case label
        }

        public enum Missing: String, Sendable, CaseIterable {
            /// A category of its own, `(missing)`.
            case ownCategory = "own-category"
            /// The most frequent training category (the smallest name on a tie).
            case mode
            /// The row is removed before the split.
            case dropRow = "drop-row"
            case error
        }

        public var encoding: Encoding
        public var missing: Missing
        /// For label encoding: standardise the index with the training mean and deviation
        /// (scikit-learn's LabelEncoder then StandardScaler, as the MTL paper's code does).
        public var standardise: Bool

        public init(encoding: Encoding = .oneHot, missing: Missing = .ownCategory, standardise: Bool = true) {
            self.encoding = encoding
            self.missing = missing
            self.standardise = standardise
        }
    }

    /// What columns not listed in `columns` are, and the rules listed columns start from.
    public struct ColumnDefaults: Sendable, Hashable {
        public enum Unlisted: String, Sendable, CaseIterable { case numeric, dropped }

        public var unlisted: Unlisted
        public var numeric: NumericRule
        public var categorical: CategoricalRule

        public init(unlisted: Unlisted = .numeric, numeric: NumericRule = NumericRule(),
                    categorical: CategoricalRule = CategoricalRule()) {
            self.unlisted = unlisted
            self.numeric = numeric
            self.categorical = categorical
        }
    }

    /// How the test rows are chosen.
    public enum Split: Sendable, Hashable {
        /// A seeded random fraction of the rows (Frontier's own shuffle). The seed is the
        /// recipe's, not the run's, so every run of a dataset sees the same test rows.
        case holdOut(testFraction: Double, seed: UInt64)
        /// The rows of `files.test`.
        case testFile
        /// The rows numpy's legacy `RandomState(seed)` selects, as scikit-learn's
        /// `train_test_split` or pandas' `DataFrame.sample` draw them (the MTL paper's code).
        case numpyLegacy(testFraction: Double, seed: UInt64, function: NumpyFunction)

        public enum NumpyFunction: String, Sendable, CaseIterable {
            /// `train_test_split(X, y, test_size=f, random_state=seed)`.
            case trainTestSplit = "train_test_split"
            /// `df.sample(frac=1-f, random_state=seed)` as training rows, the rest as test rows.
            case sample
        }
    }
}

extension DatasetRecipe {
    /// The category that stands for a missing categorical value.
    public static let missingCategory = "(missing)"

    /// The rule of column `name`: its own when listed, else the defaults'.
    public func kind(of name: String) -> Column.Kind {
        if let listed = columns.first(where: { $0.name == name }) { return listed.kind }
        return defaults.unlisted == .numeric ? .numeric(defaults.numeric) : .dropped
    }

    /// The prediction task of the prepared dataset.
    public func task(classCount: Int) -> PredictionTask {
        switch target.task {
        case .binary: return .binaryClassification
        case .regression: return .regression
        case .multiclass: return .multiclass(classes: classCount)
        }
    }

    /// Whether the target is a number (regression).
    public var isRegression: Bool {
        if case .regression = target.task { return true }
        return false
    }
}
