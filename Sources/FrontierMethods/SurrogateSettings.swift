import FrontierML
import FrontierSettings

/// Where the surrogate g starts and where training compares f and g: the settings
/// shared by the methods that train g by gradient steps alongside f (joint, MGDA, EPO, STCH).
public struct SurrogateSettings: SettingsReadable, Encodable, Hashable, Sendable {
    /// Where g starts (see `SurrogateStart`).
    public var start = SurrogateStart.linearFit
    /// Where training compares f and g (see `FidelitySpace`).
    public var fidelitySpace = FidelitySpace.auto
    /// Which inputs besides the batch the fidelity term sees (see `FidelityInputs`).
    public var fidelityInputs = FidelityInputs.batch

    public init(start: SurrogateStart = .linearFit, fidelitySpace: FidelitySpace = .auto,
                fidelityInputs: FidelityInputs = .batch) {
        self.start = start
        self.fidelitySpace = fidelitySpace
        self.fidelityInputs = fidelityInputs
    }

    /// Reads `surrogate_start` (default `linear-fit`), `fidelity_space` (default `auto`) and
    /// `fidelity_inputs` with `fidelity_noise` (default `batch`).
    public init(_ reader: inout SettingsReader) throws(SettingsError) {
        start = try reader.choice("surrogate_start", default: start)
        fidelitySpace = try FidelitySpace.read(&reader)
        fidelityInputs = try FidelityInputs.read(&reader)
    }

    enum CodingKeys: String, CodingKey {
        case start = "surrogate_start", fidelitySpace = "fidelity_space"
        case fidelityInputs = "fidelity_inputs", fidelityNoise = "fidelity_noise"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(fidelitySpace, forKey: .fidelitySpace)
        try c.encode(fidelityInputs.kind, forKey: .fidelityInputs)
        if case .noise(let sigma) = fidelityInputs { try c.encode(sigma, forKey: .fidelityNoise) }
    }
}

extension FidelityInputs {
    /// The setting's names: `batch`, `mixup`, `noise`.
    public enum Kind: String, Codable, CaseIterable, Sendable { case batch, mixup, noise }

    public var kind: Kind {
        switch self {
        case .batch: return .batch
        case .mixup: return .mixup
        case .noise: return .noise
        }
    }

    /// The noise deviation when `fidelity_noise` is not given: half a standardised feature's
    /// deviation, enough to leave the training points, small enough to stay near the data.
    public static let defaultNoise = 0.5

    /// Reads `fidelity_inputs` (default `batch`) and, for `noise`, `fidelity_noise` (> 0,
    /// default 0.5); `fidelity_noise` with another choice is refused rather than ignored.
    public static func read(_ reader: inout SettingsReader) throws(SettingsError) -> FidelityInputs {
        let kind: Kind = try reader.choice("fidelity_inputs", default: .batch)
        let sigma = try reader.optionalDouble("fidelity_noise", in: 1e-6...1e3)
        switch kind {
        case .noise:
            return .noise(sigma: sigma ?? defaultNoise)
        case .batch, .mixup:
            if sigma != nil {
                throw SettingsError(path: reader.path(of: "fidelity_noise"),
                                    "applies only with fidelity_inputs: noise (here \(kind.rawValue))")
            }
            return kind == .batch ? .batch : .mixup
        }
    }
}

extension FidelitySpace {
    /// Reads `fidelity_space`, `auto` unless given.
    public static func read(_ reader: inout SettingsReader) throws(SettingsError) -> FidelitySpace {
        try reader.choice("fidelity_space", default: .auto)
    }
}

extension SurrogateSettings {
    /// A fresh pair: f drawn as `network` says, then g started as `start` says (both from
    /// `generator`, in that order: the joint method's start).
    public func initialModels(network: NetworkSettings, dataset: Dataset,
                              generator: inout SeededGenerator) -> (f: MLP, g: MLP) {
        let f = network.blackBox(inputs: dataset.featureCount, task: dataset.task, generator: &generator)
        let linear = MLPArchitecture.linear(inputWidth: dataset.featureCount, outputWidth: dataset.task.outputWidth)
        return (f, start.initialSurrogate(linear, on: dataset.train, task: dataset.task, generator: &generator))
    }
}

extension SettingsReader {
    /// A weight strictly between 0 and 1 (joint's and the bi-level method's alpha, EPO's
    /// ray): at 0 or 1 one of the two losses would vanish from the objective.
    mutating func weight(_ key: String, default fallback: Double) throws(SettingsError) -> Double {
        let value = try double(key, default: fallback)
        guard value > 0, value < 1 else {
            throw SettingsError(path: path(of: key), "must lie strictly between 0 and 1, got \(SettingsReader.text(value))")
        }
        return value
    }
}
