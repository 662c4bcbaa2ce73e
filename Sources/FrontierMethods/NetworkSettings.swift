import FrontierML
import FrontierSettings

/// How a neural method builds and trains its black box f: the MLP's hidden widths,
/// its weight initialisation and the training schedule. The defaults are the MTL
/// paper's recipe (MLP 512-256-128, ReLU, Adam 1e-3, batch 32, 10% validation,
/// early stopping patience 3, plateau patience 1, up to 100 epochs, Glorot-uniform
/// weights as Keras draws them); this is their one home.
///
/// Numbers are kept as the user wrote them (Double) and converted to the engine's
/// Float only when the schedule is built, so reports show `0.001`, not `0.0010000000475`.
public struct NetworkSettings: SettingsReadable, Encodable, Hashable, Sendable {
    /// Hidden layer widths of f.
    public var hidden: [Int] = [512, 256, 128]
    /// Scales every hidden width (rounded, at least 1): MobileNet's width multiplier, the
    /// knob that trades an edge model's size and latency against its accuracy. 1 keeps
    /// `hidden` as written; sweeps vary it.
    public var widthMultiplier = 1.0
    /// How f's weights are drawn. Glorot-uniform: the paper trained with Keras, whose
    /// dense layers draw Glorot-uniform unless told otherwise (docs/results compares He-normal).
    public var initialisation: WeightInitialisation = .glorotUniform
    public var epochs = 100
    public var batchSize = 32
    /// Adam's learning rate.
    public var learningRate = 0.001
    /// Epochs without validation improvement before stopping (best weights are restored).
    public var patience = 3
    /// Epochs without validation improvement before the learning rate is divided by ten.
    public var plateauPatience = 1
    /// Fraction of the training split held out to monitor the validation loss.
    public var validationFraction = 0.1

    public init() {}

    enum CodingKeys: String, CodingKey {
        case hidden, widthMultiplier = "width_multiplier", initialisation = "init", epochs, batchSize = "batch_size"
        case learningRate = "learning_rate"
        case patience, plateauPatience = "plateau_patience", validationFraction = "validation_fraction"
    }

    /// Reads `hidden`, `width_multiplier`, `init`, `epochs`, `batch_size`, `learning_rate`,
    /// `patience`, `plateau_patience` and `validation_fraction`, each defaulting to the paper's
    /// recipe (and a width multiplier of 1).
    public init(_ reader: inout SettingsReader) throws(SettingsError) {
        let d = NetworkSettings()
        hidden = try reader.ints("hidden", default: d.hidden, in: 1...100_000, allowEmpty: true)
        widthMultiplier = try reader.double("width_multiplier", default: d.widthMultiplier,
                                            in: Self.sweepable["width_multiplier"]!)
        initialisation = try reader.choice("init", default: d.initialisation)
        epochs = try reader.int("epochs", default: d.epochs, in: 1...100_000)
        batchSize = try reader.int("batch_size", default: d.batchSize, in: 1...1_000_000)
        learningRate = try reader.double("learning_rate", default: d.learningRate, in: 1e-12...10)
        patience = try reader.int("patience", default: d.patience, in: 0...1_000_000)
        plateauPatience = try reader.int("plateau_patience", default: d.plateauPatience, in: 0...1_000_000)
        validationFraction = try reader.double("validation_fraction", default: d.validationFraction, in: 0...0.9)
    }

    /// The training loop's schedule (reduce-on-plateau by ten down to 1e-6, Keras's
    /// `min_delta` values: the engine's defaults).
    public var schedule: TrainingSchedule {
        TrainingSchedule(maxEpochs: epochs, batchSize: batchSize, learningRate: Float(learningRate),
                         validationFraction: Float(validationFraction), earlyStoppingPatience: patience,
                         plateauPatience: plateauPatience)
    }

    /// The hidden widths f is built with: `hidden` scaled by `widthMultiplier`.
    public var scaledHidden: [Int] { hidden.map { max(1, Int((Double($0) * widthMultiplier).rounded())) } }

    /// f's architecture for `inputs` features and `outputs` outputs (ReLU hidden layers).
    public func architecture(inputs: Int, outputs: Int) -> MLPArchitecture {
        MLPArchitecture(inputWidth: inputs, hiddenWidths: scaledHidden, outputWidth: outputs, hiddenActivation: .relu)
    }

    /// The network settings a sweep may vary, with their ranges: the width multiplier.
    public static let sweepable: [String: ClosedRange<Double>] = ["width_multiplier": 0.001...64]

    /// The width multiplier when it is not 1, so runs of different widths are different points
    /// (and a run at full width reports exactly what it did before the setting existed).
    public var pointParameters: [String: Double] { widthMultiplier == 1 ? [:] : ["width_multiplier": widthMultiplier] }

    /// A freshly initialised f for `task`.
    public func blackBox(inputs: Int, task: PredictionTask, generator: inout SeededGenerator) -> MLP {
        MLP(architecture(inputs: inputs, outputs: task.outputWidth), initialisation: initialisation, generator: &generator)
    }
}

extension NetworkSettings {
    /// These settings with another initialisation.
    public func with(initialisation: WeightInitialisation) -> NetworkSettings {
        var copy = self
        copy.initialisation = initialisation
        return copy
    }
}
