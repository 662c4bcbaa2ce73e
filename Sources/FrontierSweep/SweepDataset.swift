import Foundation
import FrontierSettings

/// What a sweep's `dataset:` names, resolved when the sweep is read: a shipped
/// dataset by name, or a recipe (or generator) given inline. The definition and its
/// checksum travel with the plan, so every task's shard can be checked against it.
public struct SweepDataset: Codable, Sendable, Equatable {
    /// The dataset's name, as shards and fronts know it.
    public var name: String
    /// The definition's canonical tree (recipe or generator).
    public var definition: SettingValue
    /// SHA-256 of the definition's canonical JSON: shards prepared with another recipe are refused.
    public var checksum: String
    /// Regression datasets report `mse`, others `error_rate`.
    public var isRegression: Bool

    public init(name: String, definition: SettingValue, checksum: String, isRegression: Bool) {
        self.name = name
        self.definition = definition
        self.checksum = checksum
        self.isRegression = isRegression
    }
}

/// Turns a sweep's `dataset:` value into a `SweepDataset`: a name (`adult`) or
/// `{recipe: <tree>}`. Implemented where recipes are known (FrontierJobs), so the
/// cluster side reads sweeps without knowing how datasets are prepared.
public protocol DatasetResolver: Sendable {
    func resolve(_ value: SettingValue, at path: String) throws(SettingsError) -> SweepDataset
}

extension SweepSpec {
    /// The sweep file with each `dataset: {recipe: FILE}` replaced by that file's contents,
    /// read relative to `baseDirectory` (the sweep file's folder): what a client sends, since
    /// the coordinator cannot read the client's files. Other files are returned unchanged.
    public static func inliningRecipeFile(yaml: String, baseDirectory: String) throws(SettingsError) -> String {
        let tree = try SettingValue.parse(yaml: yaml)
        guard case .map(var root) = tree, case .map(var dataset)? = root["dataset"],
              case .string(let file)? = dataset["recipe"] else { return yaml }
        let path = file.hasPrefix("/") ? file : (baseDirectory as NSString).appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SettingsError(path: "dataset.recipe", "cannot read the recipe file \(path)")
        }
        do { dataset["recipe"] = try SettingValue.parse(yaml: text) } catch {
            throw SettingsError(path: "dataset.recipe", "\(path): \(error)")
        }
        root["dataset"] = .map(dataset)
        return SettingValue.map(root).yaml
    }
}
