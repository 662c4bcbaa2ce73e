import Foundation
import FrontierML
import FrontierSweep
import FrontierXAI

/// The settings of a training job (`joint`, `stl`, `linear`) as written in a sweep
/// file; every field has the paper's default. Encoded as the task's job spec.
public struct TrainingJobSettings: Codable, Equatable, Sendable {
    /// Hidden layer widths of the black box f.
    public var hidden: [Int] = [512, 256, 128]
    public var epochs: Int = 100
    public var batchSize: Int = 32
    public var learningRate: Double = 1e-3
    /// Early-stopping patience, in epochs.
    public var patience: Int = 3
    /// Epochs without improvement before the learning rate is cut.
    public var plateauPatience: Int = 1
    public var validationFraction: Double = 0.1
    /// Test points on which neighbourhood fidelity (GNF) is measured; 0 skips it (LIME is costly).
    public var gnfPoints: Int = 0
    /// Perturbed samples per LIME explanation (GNF only).
    public var limeSamples: Int = 1000
    /// How f's weights are drawn (`init`).
    public var initialisation: WeightInitialisation = MethodSettings.defaultInitialisation
    /// Where g starts in joint training (`surrogate_start`).
    public var surrogateStart: SurrogateStart = MethodSettings.defaultSurrogateStart

    public init() {}

    enum CodingKeys: String, CodingKey {
        case hidden, epochs, batchSize = "batch_size", learningRate = "learning_rate", patience
        case plateauPatience = "plateau_patience", validationFraction = "validation_fraction"
        case gnfPoints = "gnf_points", limeSamples = "lime_samples"
        case initialisation = "init", surrogateStart = "surrogate_start"
    }

    /// Decodes a job spec; fields added after protocol 1.1 (`init`, `surrogate_start`)
    /// may be absent in tasks stored by an older coordinator and take their defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hidden = try c.decode([Int].self, forKey: .hidden)
        epochs = try c.decode(Int.self, forKey: .epochs)
        batchSize = try c.decode(Int.self, forKey: .batchSize)
        learningRate = try c.decode(Double.self, forKey: .learningRate)
        patience = try c.decode(Int.self, forKey: .patience)
        plateauPatience = try c.decode(Int.self, forKey: .plateauPatience)
        validationFraction = try c.decode(Double.self, forKey: .validationFraction)
        gnfPoints = try c.decode(Int.self, forKey: .gnfPoints)
        limeSamples = try c.decode(Int.self, forKey: .limeSamples)
        let defaults = TrainingJobSettings()
        initialisation = try c.decodeIfPresent(WeightInitialisation.self, forKey: .initialisation) ?? defaults.initialisation
        surrogateStart = try c.decodeIfPresent(SurrogateStart.self, forKey: .surrogateStart) ?? defaults.surrogateStart
    }

    /// Reads the settings, naming any bad or unknown field under `path`.
    public init(_ value: SettingValue, at path: String) throws(SweepSpecError) {
        var reader = try SettingsReader(value, at: path)
        let defaults = TrainingJobSettings()
        hidden = try reader.ints("hidden", default: defaults.hidden, in: 1...100_000)
        epochs = try reader.int("epochs", default: defaults.epochs, in: 1...100_000)
        batchSize = try reader.int("batch_size", default: defaults.batchSize, in: 1...1_000_000)
        learningRate = try reader.double("learning_rate", default: defaults.learningRate, in: 1e-12...10)
        patience = try reader.int("patience", default: defaults.patience, in: 0...100_000)
        plateauPatience = try reader.int("plateau_patience", default: defaults.plateauPatience, in: 0...100_000)
        validationFraction = try reader.double("validation_fraction", default: defaults.validationFraction, in: 0...0.9)
        gnfPoints = try reader.int("gnf_points", default: defaults.gnfPoints, in: 0...1_000_000)
        limeSamples = try reader.int("lime_samples", default: defaults.limeSamples, in: 1...1_000_000)
        initialisation = try reader.choice("init", default: defaults.initialisation)
        surrogateStart = try reader.choice("surrogate_start", default: defaults.surrogateStart)
        try reader.finish()
    }

    /// The job spec: key-sorted JSON.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Ints and finite doubles always encode.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Reads a job spec written by `encoded()`.
    public static func decode(_ data: Data) throws -> TrainingJobSettings {
        try JSONDecoder().decode(TrainingJobSettings.self, from: data)
    }
}
