import FrontierData
import FrontierML
import FrontierSettings

/// What a model file says about its tensors (`model.json`, snake_case keys): the format and its
/// version, the networks' architectures, the task, the dataset (name, the recipe's canonical
/// tree and checksum), the fitted preprocessing, the training method and its settings, the
/// seed, the metrics measured after training, the feature names and class labels, the cache
/// key it was trained under, and the SHA-256 of every other file of the model directory.
public struct ModelMetadata: Codable, Equatable, Sendable {
    /// The format this code writes and reads.
    public static let formatVersion = 1
    /// The value of `format`, which tells a Frontier model file from other JSON.
    public static let formatName = "frontier-model"

    public var format = formatName
    public var formatVersion = formatVersion
    /// The release that wrote it.
    public var frontierVersion: String
    public var task: PredictionTask
    /// Each network's architecture by name: `f` (the black box) and `g` (the linear surrogate).
    public var networks: [String: MLPArchitecture]
    public var dataset: DatasetIdentity
    public var preprocessing: FittedPreprocessing
    public var method: MethodIdentity
    public var seed: UInt64
    /// Metrics measured after training (`error_rate`, `global_fidelity`, ...).
    public var metrics: [String: Double]
    public var featureNames: [String]
    public var classLabels: [String]?
    /// The key a model cache trained it under, when it did.
    public var cacheKey: ModelCacheKey?
    /// How the stored explanation context (`context.*` tensors) was drawn, when there is one.
    public var context: SettingValue?
    /// SHA-256 (lower-case hex) of every other file of the model directory, by name.
    public var files: [String: String] = [:]

    public init(frontierVersion: String, task: PredictionTask, networks: [String: MLPArchitecture], dataset: DatasetIdentity,
                preprocessing: FittedPreprocessing, method: MethodIdentity, seed: UInt64, metrics: [String: Double],
                featureNames: [String], classLabels: [String]?, cacheKey: ModelCacheKey? = nil, context: SettingValue? = nil) {
        self.frontierVersion = frontierVersion
        self.task = task
        self.networks = networks
        self.dataset = dataset
        self.preprocessing = preprocessing
        self.method = method
        self.seed = seed
        self.metrics = metrics
        self.featureNames = featureNames
        self.classLabels = classLabels
        self.cacheKey = cacheKey
        self.context = context
    }

    /// The dataset a model was trained on.
    public struct DatasetIdentity: Codable, Equatable, Sendable {
        public var name: String
        /// SHA-256 of the recipe's (or generator's) canonical tree.
        public var checksum: String
        /// The canonical tree itself.
        public var recipe: SettingValue

        public init(name: String, checksum: String, recipe: SettingValue) {
            self.name = name
            self.checksum = checksum
            self.recipe = recipe
        }
    }

    /// The training method and its settings (every default filled in).
    public struct MethodIdentity: Codable, Equatable, Sendable {
        public var name: String
        public var settings: SettingValue

        public init(name: String, settings: SettingValue) {
            self.name = name
            self.settings = settings
        }
    }

    enum CodingKeys: String, CodingKey {
        case format, formatVersion = "format_version", frontierVersion = "frontier_version", task, networks, dataset
        case preprocessing, method, seed, metrics, featureNames = "feature_names", classLabels = "class_labels"
        case cacheKey = "cache_key", context, files
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        frontierVersion = try c.decode(String.self, forKey: .frontierVersion)
        task = try c.decode(TaskDescription.self, forKey: .task).task
        networks = try c.decode([String: NetworkShape].self, forKey: .networks).mapValues { try $0.architecture }
        dataset = try c.decode(DatasetIdentity.self, forKey: .dataset)
        preprocessing = try c.decode(FittedPreprocessing.self, forKey: .preprocessing)
        method = try c.decode(MethodIdentity.self, forKey: .method)
        seed = try c.decode(UInt64.self, forKey: .seed)
        metrics = try c.decode([String: Double].self, forKey: .metrics)
        featureNames = try c.decode([String].self, forKey: .featureNames)
        classLabels = try c.decodeIfPresent([String].self, forKey: .classLabels)
        cacheKey = try c.decodeIfPresent(ModelCacheKey.self, forKey: .cacheKey)
        context = try c.decodeIfPresent(SettingValue.self, forKey: .context)
        files = try c.decode([String: String].self, forKey: .files)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(frontierVersion, forKey: .frontierVersion)
        try c.encode(TaskDescription(task), forKey: .task)
        try c.encode(networks.mapValues(NetworkShape.init), forKey: .networks)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(preprocessing, forKey: .preprocessing)
        try c.encode(method, forKey: .method)
        try c.encode(seed, forKey: .seed)
        try c.encode(metrics, forKey: .metrics)
        try c.encode(featureNames, forKey: .featureNames)
        try c.encodeIfPresent(classLabels, forKey: .classLabels)
        try c.encodeIfPresent(cacheKey, forKey: .cacheKey)
        try c.encodeIfPresent(context, forKey: .context)
        try c.encode(files, forKey: .files)
    }
}

/// A prediction task as `{kind: binary | regression | multiclass, classes: K}`.
struct TaskDescription: Codable {
    var kind: String
    var classes: Int?

    init(_ task: PredictionTask) {
        switch task {
        case .binaryClassification: kind = "binary"
        case .regression: kind = "regression"
        case .multiclass(let k): kind = "multiclass"; classes = k
        }
    }

    var task: PredictionTask {
        get throws {
            switch (kind, classes) {
            case ("binary", _): return .binaryClassification
            case ("regression", _): return .regression
            case ("multiclass", .some(let k)) where k >= 2: return .multiclass(classes: k)
            default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "task '\(kind)' is not binary, regression or multiclass with classes >= 2"))
            }
        }
    }
}

/// An architecture with snake_case keys, checked on reading.
struct NetworkShape: Codable {
    var inputWidth: Int
    var hiddenWidths: [Int]
    var outputWidth: Int
    var hiddenActivation: Activation

    init(_ a: MLPArchitecture) {
        (inputWidth, hiddenWidths, outputWidth, hiddenActivation) = (a.inputWidth, a.hiddenWidths, a.outputWidth, a.hiddenActivation)
    }

    var architecture: MLPArchitecture {
        get throws {
            let widths = [inputWidth, outputWidth] + hiddenWidths
            guard widths.allSatisfy({ $0 > 0 && $0 <= 1 << 24 }) else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "layer widths must lie in 1...\(1 << 24)"))
            }
            return MLPArchitecture(inputWidth: inputWidth, hiddenWidths: hiddenWidths, outputWidth: outputWidth,
                                   hiddenActivation: hiddenActivation)
        }
    }

    enum CodingKeys: String, CodingKey {
        case inputWidth = "input_width", hiddenWidths = "hidden_widths", outputWidth = "output_width"
        case hiddenActivation = "hidden_activation"
    }
}
