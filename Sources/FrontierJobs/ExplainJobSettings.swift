import FrontierExplain
import FrontierMethods
import FrontierSettings
import FrontierSweep

/// The settings of an `explain` job: which explainer with which fixed settings, the model it
/// explains (a training method and its settings: one f per shard, seed and these settings,
/// trained once per worker through the model cache), how many test rows, which property
/// metrics (with their settings, and a reference explainer for the agreement metrics), which
/// output, and the label of its points on the front.
///
/// ```yaml
/// - kind: explain
///   settings:
///     explainer: lime                       # required: a registered explainer
///     explainer_settings: {samples: 2000}   # fixed settings; swept ones go under parameters
///     training: {method: stl, hidden: [512, 256, 128]}   # default: stl with the paper's recipe
///     rows: 100                             # test rows explained (a seeded sample of the shard's)
///     metrics: [infidelity, r_avg, deletion_auc]    # default: every metric that needs no reference
///     metric_settings: {infidelity: {radius: 0.2}}
///     reference: kernelshap                 # for spearman_agreement / top_k_agreement
///     output: predicted                     # predicted, or an output index
///     label: "lime (2000 samples)"          # default: the explainer and its fixed settings
///   parameters:
///     kernel_width: {values: [0.5, 1, 2, 4]}
/// ```
struct ExplainJobSettings: SettingsReadable {
    var explainer: String
    /// The fixed explainer settings as given (swept parameters are laid over them per task).
    var explainerSettings: SettingValue
    /// The model explained (training method and settings) and its explained output.
    var explained: ExplainedModelSettings
    var trainingMethod: any TrainingMethod { explained.trainingMethod }
    /// The training settings with every default filled in (the model's cache key).
    var training: MethodRun { explained.training }
    var output: ExplainedOutput { explained.output }
    var rows: Int
    var metrics: [String]
    var metricSettings: [String: SettingValue]
    var reference: String?
    var label: String

    static let defaultRows = 100

    init(_ reader: inout SettingsReader) throws(SettingsError) {
        let explainerName = try reader.optionalString("explainer")
        explainerSettings = reader.value("explainer_settings") ?? .map([:])
        explained = try ExplainedModelSettings(&reader)
        rows = try reader.int("rows", default: Self.defaultRows, in: 1...1_000_000)
        let names = try reader.strings("metrics", default: Self.referenceFreeMetrics)
        var settings: [String: SettingValue] = [:]
        if let given = reader.value("metric_settings") {
            guard case .map(let entries) = given else {
                throw SettingsError(path: reader.path(of: "metric_settings"), "expected a map from metric name to its settings")
            }
            settings = entries
        }
        reference = try reader.optionalString("reference")
        let labelText = try reader.optionalString("label")
        _ = reader.value(JobSpecLabel.field)  // written into job specs from `label`
        guard let explainerName else { throw SettingsError(path: reader.path(of: "explainer"), "required field is missing") }
        guard Explainers.registry[explainerName] != nil else {
            throw SettingsError(path: reader.path(of: "explainer"),
                                "unknown explainer '\(explainerName)' (known: \(Explainers.registry.names.joined(separator: ", ")))")
        }
        explainer = explainerName
        _ = try Explainers.registry.make(explainer, settings: explainerSettings, at: reader.path(of: "explainer_settings"))
        metrics = names
        metricSettings = settings
        for (i, name) in names.enumerated() {
            let metric = try PropertyMetrics.registry.make(name, settings: settings[name] ?? .null,
                                                           at: "\(reader.path(of: "metrics"))[\(i)]")
            if type(of: metric).needsReference, reference == nil {
                throw SettingsError(path: reader.path(of: "reference"), "\(name) compares with a reference explainer: name one (e.g. kernelshap)")
            }
        }
        if let unused = settings.keys.sorted().first(where: { !names.contains($0) }) {
            throw SettingsError(path: SettingsError.join(reader.path(of: "metric_settings"), unused), "\(unused) is not one of the job's metrics")
        }
        if let reference { _ = try Explainers.registry.make(reference, at: reader.path(of: "reference")) }
        label = labelText ?? Self.defaultLabel(explainer: explainerName, settings: explainerSettings)
    }

    /// The explainer with the task's swept values laid over the fixed settings.
    func explainer(parameters: [String: Double], at path: String) throws(SettingsError) -> any Explainer {
        try Explainers.registry.make(explainer, settings: explainerSettings.merging(.map(parameters.mapValues { .number($0) })),
                                     at: path)
    }

    /// The job spec: the settings with every default filled in, and the front label.
    var tree: SettingValue {
        var entries: [String: SettingValue] = [
            "explainer": .string(explainer), "explainer_settings": explainerSettings,
            "rows": .number(Double(rows)), "metrics": .list(metrics.map { .string($0) }), "metric_settings": .map(metricSettings),
            "label": .string(label), JobSpecLabel.field: .string(label),
        ]
        entries["reference"] = reference.map { .string($0) }
        entries.merge(explained.tree) { $1 }
        return .map(entries)
    }

    /// Every metric that reads one explanation alone.
    static var referenceFreeMetrics: [String] {
        PropertyMetrics.registry.names.filter { name in
            (try? PropertyMetrics.registry.make(name)).map { !type(of: $0).needsReference } ?? false
        }
    }

    /// `lime`, or `lime samples=2000` when fixed settings are given.
    static func defaultLabel(explainer: String, settings: SettingValue) -> String {
        let given = (settings.mapValue ?? [:]).sorted { $0.key < $1.key }.map { key, value in
            "\(key)=" + (value.mapValue == nil ? String(decoding: value.canonicalJSON, as: UTF8.self).replacingOccurrences(of: "\"", with: "") : "…")
        }
        return ([explainer] + given).joined(separator: " ")
    }
}
