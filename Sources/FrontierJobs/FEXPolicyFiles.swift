import Foundation
import FrontierData
import FrontierExplain
import FrontierML
import FrontierModels
import FrontierSettings

/// What makes two trained FEX explainers the same: the model they explain (its checksum, the
/// SHA-256 of its `model.json`), FEX's settings (every default filled in) and the seed.
public struct FEXPolicyKey: Codable, Hashable, Sendable {
    public var modelChecksum: String
    public var settings: SettingValue
    public var seed: UInt64

    public init(modelChecksum: String, settings: FEXSettings, seed: UInt64) {
        self.modelChecksum = modelChecksum
        self.settings = settings.tree
        self.seed = seed
    }

    /// The first 16 hex digits of the SHA-256 of the key's canonical JSON (the directory's name).
    public var id: String { String(SHA256Digest.hex(of: SettingValue.of(self).canonicalJSON).prefix(16)) }

    enum CodingKeys: String, CodingKey { case modelChecksum = "model_checksum", settings, seed }
}

/// A trained FEX explainer kept as a model file next to the model it explains:
/// `<model directory>/explainers/fex-<key id>/` holds `weights.safetensors` (the policy
/// network as `policy.layers.l.weight` / `.bias`) and `explainer.json` (format and version,
/// the key, the feature groups, the heads, the training history and the tensor file's
/// SHA-256). The model's own files and checksum are untouched. Reading verifies the checksum,
/// the key and every shape; an entry that fails is trained again.
public enum FEXPolicyFiles {
    public static let formatName = "frontier-explainer", formatVersion = 1
    static let metadataFile = "explainer.json", tensorFile = "weights.safetensors", networkName = "policy"

    struct Metadata: Codable {
        var format = FEXPolicyFiles.formatName
        var formatVersion = FEXPolicyFiles.formatVersion
        var explainer = FEX.name
        var key: FEXPolicyKey
        var architecture: Architecture
        var groups: FeatureGroups
        var outputCount: Int
        var history: FEXHistory
        var files: [String: String]

        struct Architecture: Codable {
            var inputWidth: Int, hiddenWidths: [Int], outputWidth: Int, activation: Activation
            enum CodingKeys: String, CodingKey {
                case inputWidth = "input_width", hiddenWidths = "hidden_widths", outputWidth = "output_width", activation
            }
        }

        enum CodingKeys: String, CodingKey {
            case format, formatVersion = "format_version", explainer, key, architecture, groups
            case outputCount = "output_count", history, files
        }
    }

    /// Where the explainer of `key` lives beside the model in `modelDirectory`.
    public static func directory(modelDirectory: String, key: FEXPolicyKey) -> String {
        ((modelDirectory as NSString).appendingPathComponent("explainers") as NSString).appendingPathComponent("fex-\(key.id)")
    }

    /// The explainer of `key` read from beside the model when present and valid, else trained
    /// by `train` and written there (unless training was cancelled).
    public static func policy(for key: FEXPolicyKey, modelDirectory: String, train: () throws -> FEXTraining)
        throws -> (policy: FEXPolicy, history: FEXHistory, directory: String, trained: Bool) {
        let target = directory(modelDirectory: modelDirectory, key: key)
        if let (policy, history) = try? read(from: target, key: key) { return (policy, history, target, false) }
        let training = try train()
        if !training.history.cancelled { try write(training, key: key, to: target) }
        return (training.policy, training.history, target, true)
    }

    /// Writes into a staging directory and moves it into place, so a half-written explainer is never read.
    public static func write(_ training: FEXTraining, key: FEXPolicyKey, to target: String) throws(ModelFileError) {
        let fm = FileManager.default
        let parent = (target as NSString).deletingLastPathComponent
        let staging = (parent as NSString).appendingPathComponent(".staging-\(key.id)-\(UUID().uuidString)")
        defer { try? fm.removeItem(atPath: staging) }
        let network = training.policy.network, a = network.architecture
        let weights = SafeTensors.encode(NetworkTensors.tensors(of: network, name: networkName),
                                         metadata: ["format": formatName, "format_version": String(formatVersion)])
        let metadata = Metadata(
            key: key, architecture: .init(inputWidth: a.inputWidth, hiddenWidths: a.hiddenWidths, outputWidth: a.outputWidth,
                                          activation: a.hiddenActivation),
            groups: training.policy.groups, outputCount: training.policy.outputCount, history: training.history,
            files: [tensorFile: SHA256Digest.hex(of: weights)])
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try weights.write(to: URL(fileURLWithPath: (staging as NSString).appendingPathComponent(tensorFile)))
            try encoder.encode(metadata).write(to: URL(fileURLWithPath: (staging as NSString).appendingPathComponent(metadataFile)))
            try? fm.removeItem(atPath: target)
            try fm.moveItem(atPath: staging, toPath: target)
        } catch {
            throw ModelFileError(file: target, "the explainer cannot be written: \(error.localizedDescription)")
        }
    }

    /// The explainer in `directory`, verified against `key` (when given) and its checksum.
    public static func read(from directory: String, key: FEXPolicyKey? = nil) throws(ModelFileError) -> (FEXPolicy, FEXHistory) {
        let metadataPath = (directory as NSString).appendingPathComponent(metadataFile)
        let tensorPath = (directory as NSString).appendingPathComponent(tensorFile)
        guard let json = FileManager.default.contents(atPath: metadataPath) else { throw ModelFileError(file: metadataPath, "file not found") }
        guard let metadata = try? JSONDecoder().decode(Metadata.self, from: json) else {
            throw ModelFileError(file: metadataPath, "is not a FEX explainer file")
        }
        guard metadata.format == formatName, metadata.formatVersion == formatVersion, metadata.explainer == FEX.name else {
            throw ModelFileError(file: metadataPath, "is \(metadata.format) version \(metadata.formatVersion) of \(metadata.explainer); "
                                 + "this Frontier reads \(formatName) version \(formatVersion) of \(FEX.name)")
        }
        if let key, metadata.key != key { throw ModelFileError(file: metadataPath, "was trained under another key") }
        guard let bytes = FileManager.default.contents(atPath: tensorPath) else { throw ModelFileError(file: tensorPath, "file not found") }
        guard SHA256Digest.hex(of: bytes) == metadata.files[tensorFile] else {
            throw ModelFileError(file: tensorPath, "checksum mismatch with \(metadataFile)")
        }
        let a = metadata.architecture
        guard ([a.inputWidth, a.outputWidth] + a.hiddenWidths).allSatisfy({ $0 > 0 && $0 <= 1 << 24 }) else {
            throw ModelFileError(file: metadataPath, "layer widths must lie in 1...\(1 << 24)")
        }
        let architecture = MLPArchitecture(inputWidth: a.inputWidth, hiddenWidths: a.hiddenWidths, outputWidth: a.outputWidth,
                                           hiddenActivation: a.activation)
        let network = try NetworkTensors.network(networkName, architecture: architecture,
                                                 tensors: try SafeTensors.decode(bytes, source: tensorPath).tensors, source: tensorPath)
        do {
            return (try FEXPolicy(network: network, groups: metadata.groups, outputCount: metadata.outputCount), metadata.history)
        } catch {
            throw ModelFileError(file: metadataPath, error.description)
        }
    }
}
