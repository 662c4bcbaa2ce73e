import FrontierML
import FrontierSettings

/// Where the surrogate g starts and where training compares f and g: the settings
/// shared by the methods that train g by gradient steps alongside f (joint, MGDA, EPO).
public struct SurrogateSettings: SettingsReadable, Encodable, Hashable, Sendable {
    /// Where g starts (see `SurrogateStart`).
    public var start = SurrogateStart.linearFit
    /// Where training compares f and g (see `FidelitySpace`).
    public var fidelitySpace = FidelitySpace.auto

    public init(start: SurrogateStart = .linearFit, fidelitySpace: FidelitySpace = .auto) {
        self.start = start
        self.fidelitySpace = fidelitySpace
    }

    /// Reads `surrogate_start` (default `linear-fit`) and `fidelity_space` (default `auto`).
    public init(_ reader: inout SettingsReader) throws(SettingsError) {
        start = try reader.choice("surrogate_start", default: start)
        fidelitySpace = try FidelitySpace.read(&reader)
    }

    enum CodingKeys: String, CodingKey { case start = "surrogate_start", fidelitySpace = "fidelity_space" }
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
