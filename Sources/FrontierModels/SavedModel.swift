import Foundation
import FrontierData
import FrontierML

/// A trained model as a directory: `weights.safetensors` holds its networks (f, g) and any
/// other tensors (the explanation context's background and feature statistics) in the
/// safetensors layout, and `model.json` its metadata (`ModelMetadata`) with the SHA-256 of
/// the tensor file. The model's checksum is the SHA-256 of `model.json`, which pins the
/// tensors through theirs. Reading verifies every checksum and refuses another format version.
public struct SavedModel: Sendable {
    public static let metadataFile = "model.json"
    public static let tensorFile = "weights.safetensors"

    public var metadata: ModelMetadata
    /// The networks by name (`f`, and `g` when the method has one).
    public private(set) var networks: [String: MLP]
    /// Tensors other than the networks' (`context.background`, ...).
    public var tensors: [String: Tensor]

    /// A model whose networks match the metadata's architectures and whose f reads the
    /// preprocessing's features and writes the task's outputs.
    public init(metadata: ModelMetadata, networks: [String: MLP], tensors: [String: Tensor] = [:]) throws(ModelFileError) {
        var metadata = metadata
        metadata.networks = networks.mapValues(\.architecture)
        guard let f = networks["f"] else { throw ModelFileError(file: "model", "has no network f") }
        let width = metadata.preprocessing.featureNames.count
        guard f.architecture.inputWidth == width, metadata.featureNames.count == width else {
            throw ModelFileError(file: "model", "f reads \(f.architecture.inputWidth) features, the preprocessing makes \(width) "
                                 + "and the metadata names \(metadata.featureNames.count)")
        }
        for (name, network) in networks where network.architecture.inputWidth != width || network.architecture.outputWidth != metadata.task.outputWidth {
            throw ModelFileError(file: "model", "network \(name) maps \(network.architecture.inputWidth) inputs to "
                                 + "\(network.architecture.outputWidth) outputs; the model needs \(width) to \(metadata.task.outputWidth)")
        }
        self.metadata = metadata
        self.networks = networks
        self.tensors = tensors
    }

    /// The black box.
    public var f: MLP { networks["f"]! }
    /// The linear surrogate, when the method trained one.
    public var g: MLP? { networks["g"] }

    /// Writes the model into `directory` (created if needed; an existing model there is
    /// replaced, any other non-empty directory refused) and returns its reference.
    @discardableResult
    public func write(to directory: String) throws(ModelFileError) -> ModelReference {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: directory)
        let existing = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
        guard existing.isEmpty || existing.contains(Self.metadataFile) else {
            throw ModelFileError(file: directory, "is not empty and holds no \(Self.metadataFile); refusing to write a model over it")
        }
        do { try fm.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw ModelFileError(file: directory, "cannot be created: \(error.localizedDescription)")
        }
        var all = tensors
        for (name, network) in networks { all.merge(NetworkTensors.tensors(of: network, name: name)) { $1 } }
        let weights = SafeTensors.encode(all, metadata: ["format": ModelMetadata.formatName,
                                                         "format_version": String(ModelMetadata.formatVersion)])
        var metadata = self.metadata
        metadata.files = [Self.tensorFile: SHA256Digest.hex(of: weights)]
        let json: Data
        do { json = try Self.encoder.encode(metadata) } catch {
            throw ModelFileError(file: directory, "metadata cannot be encoded: \(error)")
        }
        for (name, bytes) in [(Self.tensorFile, weights), (Self.metadataFile, json)] {
            do { try bytes.write(to: url.appendingPathComponent(name), options: .atomic) } catch {
                throw ModelFileError(file: url.appendingPathComponent(name).path, "cannot be written: \(error.localizedDescription)")
            }
        }
        return ModelReference(metadata: metadata, checksum: SHA256Digest.hex(of: json), directory: url.standardized.path)
    }

    /// Reads and verifies the model in `directory`.
    public static func read(from directory: String) throws(ModelFileError) -> (model: SavedModel, reference: ModelReference) {
        let url = URL(fileURLWithPath: directory)
        let metadataPath = url.appendingPathComponent(metadataFile).path
        let json = try contents(of: metadataPath)
        let metadata = try decodeMetadata(json, source: metadataPath)
        guard metadata.files[tensorFile] != nil else { throw ModelFileError(file: metadataPath, "does not list \(tensorFile)") }
        var fileBytes: [String: Data] = [:]
        for (name, expected) in metadata.files.sorted(by: { $0.key < $1.key }) {
            guard !name.contains("/"), name != ".." else { throw ModelFileError(file: metadataPath, "lists a file outside the model: \(name)") }
            let path = url.appendingPathComponent(name).path
            let bytes = try contents(of: path)
            let actual = SHA256Digest.hex(of: bytes)
            guard actual == expected else {
                throw ModelFileError(file: path, "checksum mismatch: \(metadataFile) says \(expected), the file's SHA-256 is \(actual)")
            }
            fileBytes[name] = bytes
        }
        let tensorPath = url.appendingPathComponent(tensorFile).path
        let (tensors, header) = try SafeTensors.decode(fileBytes[tensorFile]!, source: tensorPath)
        guard header["format"] == ModelMetadata.formatName, header["format_version"] == String(metadata.formatVersion) else {
            throw ModelFileError(file: tensorPath, "its __metadata__ does not say \(ModelMetadata.formatName) version \(metadata.formatVersion)")
        }
        var networks: [String: MLP] = [:]
        for (name, architecture) in metadata.networks {
            networks[name] = try NetworkTensors.network(name, architecture: architecture, tensors: tensors, source: tensorPath)
        }
        let rest = tensors.filter { entry in !metadata.networks.keys.contains { entry.key.hasPrefix($0 + ".layers.") } }
        let model: SavedModel
        do { model = try SavedModel(metadata: metadata, networks: networks, tensors: rest) } catch {
            throw ModelFileError(file: metadataPath, error.message)
        }
        return (model, ModelReference(metadata: metadata, checksum: SHA256Digest.hex(of: json), directory: url.standardized.path))
    }

    /// The metadata, after checking the format and its version before anything else, so a
    /// file of another version is refused with that reason rather than a field it lacks.
    static func decodeMetadata(_ json: Data, source: String) throws(ModelFileError) -> ModelMetadata {
        struct Probe: Decodable {
            var format: String?
            var formatVersion: Int?
            var frontierVersion: String?
            enum CodingKeys: String, CodingKey { case format, formatVersion = "format_version", frontierVersion = "frontier_version" }
        }
        guard let probe = try? JSONDecoder().decode(Probe.self, from: json) else { throw ModelFileError(file: source, "is not a JSON object") }
        guard probe.format == ModelMetadata.formatName else {
            throw ModelFileError(file: source, "is not a Frontier model file (format \(probe.format.map { "'\($0)'" } ?? "missing"))")
        }
        guard probe.formatVersion == ModelMetadata.formatVersion else {
            throw ModelFileError(file: source, "has model format version \(probe.formatVersion.map(String.init) ?? "(none)")"
                                 + (probe.frontierVersion.map { " (written by Frontier \($0))" } ?? "")
                                 + "; this Frontier reads version \(ModelMetadata.formatVersion) only")
        }
        do { return try JSONDecoder().decode(ModelMetadata.self, from: json) } catch {
            throw ModelFileError(file: source, "is not a valid model file: \(error)")
        }
    }

    private static func contents(of path: String) throws(ModelFileError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelFileError(file: path, FileManager.default.fileExists(atPath: path) ? "cannot be read" : "file not found")
        }
        return data
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// How a result names a model: its id (the cache key's id, else the start of its checksum),
/// its checksum (SHA-256 of `model.json`) and where it is on the machine that holds it.
public struct ModelReference: Codable, Equatable, Sendable {
    public var id: String
    public var checksum: String
    public var directory: String
    public var cacheKey: ModelCacheKey?

    public init(metadata: ModelMetadata, checksum: String, directory: String) {
        self.id = metadata.cacheKey?.id ?? String(checksum.prefix(16))
        self.checksum = checksum
        self.directory = directory
        self.cacheKey = metadata.cacheKey
    }

    enum CodingKeys: String, CodingKey { case id, checksum, directory, cacheKey = "cache_key" }
}
