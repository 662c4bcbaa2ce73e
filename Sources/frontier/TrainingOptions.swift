import ArgumentParser
import FrontierMethods
import FrontierML
import FrontierSettings

/// The method settings a command takes as options: `--hidden`, `--epochs`, ... and
/// `--set KEY=VALUE` for any other. Only the options given are passed on: the
/// method's settings type fills in every default and checks every value, so a
/// default or a rule lives in one place whether a run comes from here or a sweep file.
struct TrainingOptions: ParsableArguments {
    private static let defaults = NetworkSettings()

    @Option(help: "Hidden layer widths of f, comma separated; empty for a linear f (default \(defaults.hidden.map(String.init).joined(separator: ",")), the paper's).")
    var hidden: String?

    @Option(help: "Maximum number of epochs (default \(defaults.epochs)).")
    var epochs: Int?

    @Option(help: "Mini-batch size (default \(defaults.batchSize)).")
    var batchSize: Int?

    @Option(help: "Adam learning rate (default \(defaults.learningRate)).")
    var learningRate: Double?

    @Option(help: "Epochs without validation improvement before stopping; the best weights are kept (default \(defaults.patience)).")
    var patience: Int?

    @Option(help: "Epochs without validation improvement before the learning rate is divided by 10 (default \(defaults.plateauPatience)).")
    var plateauPatience: Int?

    @Option(help: "Fraction of the training split held out for validation (default \(defaults.validationFraction)).")
    var validationFraction: Double?

    @Option(name: .customLong("init"), help: "Weight initialisation of f: glorot (Keras's default, which the paper's recipe used) or he (He-normal).")
    var initialisation: String?

    @Option(help: "Where g starts in joint training: linear-fit (the closed-form linear model of the data), zero, or glorot (random, as Keras draws the paper's explainer).")
    var surrogateStart: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Any other method setting, as in a sweep file's settings (repeatable).", valueName: "key=value"))
    var extra: [String] = []

    /// The given options as a settings tree (method settings only; command-level
    /// options such as `--alpha` are added by the command).
    func tree() throws -> SettingValue {
        var entries: [String: SettingValue] = [:]
        if let hidden {
            let widths = try hidden.split(separator: ",").map { part -> SettingValue in
                guard let w = Int(part.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--hidden: '\(part)' is not a layer width (expected e.g. 512,256,128)")
                }
                return .number(Double(w))
            }
            entries["hidden"] = .list(widths)
        }
        entries["epochs"] = epochs.map { .number(Double($0)) }
        entries["batch_size"] = batchSize.map { .number(Double($0)) }
        entries["learning_rate"] = learningRate.map { .number($0) }
        entries["patience"] = patience.map { .number(Double($0)) }
        entries["plateau_patience"] = plateauPatience.map { .number(Double($0)) }
        entries["validation_fraction"] = validationFraction.map { .number($0) }
        entries["init"] = initialisation.map { .string($0) }
        entries["surrogate_start"] = surrogateStart.map { .string($0) }
        return SettingValue.map(entries).merging(try SettingAssignments.tree(extra, option: "--set"))
    }
}

extension SettingsError {
    /// The error as a command-line user reads it: a setting's path becomes its option (`--batch-size`).
    var asOption: ValidationError {
        let key = path.split(separator: ".").first.map(String.init) ?? path
        let option = ["hidden", "epochs", "batch_size", "learning_rate", "patience", "plateau_patience",
                      "validation_fraction", "init", "surrogate_start", "alpha", "ray", "gnf_points", "lime_samples"].contains(
                        key.split(separator: "[").first.map(String.init) ?? key)
            ? "--" + path.replacingOccurrences(of: "_", with: "-") : "--set \(path)"
        return ValidationError(path.isEmpty ? message : "\(option): \(message)")
    }
}
