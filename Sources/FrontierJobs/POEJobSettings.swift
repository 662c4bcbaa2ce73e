import FrontierExplain
import FrontierSettings
import FrontierSweep

/// The settings of a `poe` job: POE's fixed settings (the lambdas not swept, the similarities,
/// the solver), the model it explains (as the `explain` kind: one f per shard, seed and
/// training settings, from the worker's model cache), how many test rows, which output, and
/// the label of its points on the front. The swept parameters are POE settings too (the
/// lambdas by their property names), laid over `poe_settings` per task.
///
/// ```yaml
/// - kind: poe
///   settings:
///     poe_settings: {f_grad: 1, similarity: gaussian, length_scale: 3}   # default: POE's defaults
///     training: {method: stl}               # default: stl with the paper's recipe
///     rows: 100                             # test rows explained (a seeded sample of the shard's)
///     output: predicted                     # predicted, or an output index
///     label: "poe"                          # default: poe and its fixed settings
///   parameters:
///     r_avg: {values: [0.0001, 0.001, 0.01, 0.1, 1]}
/// ```
struct POEJobSettings: SettingsReadable {
    /// POE's fixed settings as given (swept parameters are laid over them per task).
    var poeSettings: SettingValue
    var explained: ExplainedModelSettings
    var rows: Int
    var label: String

    /// The settings a sweep may vary: the lambdas, the similarity's length scale and the
    /// inductive solver's inducing points.
    static let sweptSettings: [String: ClosedRange<Double>] = {
        var ranges: [String: ClosedRange<Double>] = [:]
        for key in PropertyValues.CodingKeys.allCases.map(\.stringValue) { ranges[key] = 0...1e12 }
        ranges["length_scale"] = 0...1e6
        ranges["inducing_points"] = 1...1_000_000
        ranges["local_points"] = 0...1_000_000
        return ranges
    }()

    init(_ reader: inout SettingsReader) throws(SettingsError) {
        poeSettings = reader.value("poe_settings") ?? .map([:])
        _ = try POEExplainer(tree: poeSettings, at: reader.path(of: "poe_settings"))
        explained = try ExplainedModelSettings(&reader)
        rows = try reader.int("rows", default: ExplainJobSettings.defaultRows, in: 1...1_000_000)
        let labelText = try reader.optionalString("label")
        _ = reader.value(JobSpecLabel.field)  // written into job specs from `label`
        label = labelText ?? ExplainJobSettings.defaultLabel(explainer: POEExplainer.name, settings: poeSettings)
    }

    /// POE with the task's swept values laid over the fixed settings.
    func explainer(parameters: [String: Double], at path: String) throws(SettingsError) -> POEExplainer {
        try POEExplainer(tree: poeSettings.merging(.map(parameters.mapValues { .number($0) })), at: path)
    }

    /// The job spec: the settings with every default filled in, and the front label.
    var tree: SettingValue {
        var entries: [String: SettingValue] = [
            "poe_settings": poeSettings, "rows": .number(Double(rows)), "label": .string(label), JobSpecLabel.field: .string(label),
        ]
        entries.merge(explained.tree) { $1 }
        return .map(entries)
    }
}
