import Foundation
import Testing
import FrontierData
import FrontierML
import FrontierSettings
@testable import FrontierModels

func temporaryDirectory(_ name: String) -> String {
    (NSTemporaryDirectory() as NSString).appendingPathComponent("frontier-models-\(name)-\(UUID().uuidString)")
}

/// A small model on a generated dataset: f 8-16-1, g 8-1, one context tensor.
func sampleModel(seed: UInt64 = 3, cacheKey: ModelCacheKey? = nil) throws -> SavedModel {
    let prepared = SyntheticDataset(kind: .classification, trainRows: 40, testRows: 10).generatePrepared()
    var generator = SeededGenerator(seed: seed)
    let f = MLP(MLPArchitecture(inputWidth: 8, hiddenWidths: [16], outputWidth: 1), generator: &generator)
    let g = MLP(.linear(inputWidth: 8, outputWidth: 1), generator: &generator)
    let source = DatasetSource.synthetic(SyntheticDataset(kind: .classification, trainRows: 40, testRows: 10))
    let metadata = ModelMetadata(
        frontierVersion: "test", task: .binaryClassification, networks: [:],
        dataset: .init(name: source.name, checksum: source.checksum, recipe: source.tree),
        preprocessing: prepared.preprocessing, method: .init(name: "stl", settings: .map(["epochs": .number(3)])),
        seed: seed, metrics: ["error_rate": 0.25], featureNames: prepared.dataset.featureNames, classLabels: ["0", "1"],
        cacheKey: cacheKey, context: .map(["kind": .string("sample")]))
    return try SavedModel(metadata: metadata, networks: ["f": f, "g": g],
                          tensors: ["context.feature_means": Tensor([Float](repeating: 0.5, count: 8))])
}

@Suite("Model files")
struct ModelFileTests {
    @Test("The safetensors layout: little-endian header length, JSON header padded to 8 bytes, F32 data in name order")
    func safetensorsBytes() throws {
        let bytes = SafeTensors.encode(["b": Tensor([2]), "a": Tensor(shape: [1, 1], values: [1])], metadata: ["k": "v"])
        let length = Int(bytes.prefix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) })
        #expect((8 + length) % 8 == 0)
        let header = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
        #expect(header.trimmingCharacters(in: .whitespaces)
                == #"{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#)
        #expect(Array(bytes.suffix(8)) == [0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40])
        let (tensors, metadata) = try SafeTensors.decode(bytes, source: "t")
        #expect(tensors == ["a": Tensor(shape: [1, 1], values: [1]), "b": Tensor([2])] && metadata == ["k": "v"])
    }

    /// A file with `header` (unpadded) and `data` bytes.
    static func file(_ header: String, data: Int) -> Data {
        var bytes = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array(header.utf8))
        bytes.append(Data(count: data))
        return bytes
    }

    @Test("Malformed safetensors files are refused with the reason",
          arguments: [
            (file("{}", data: 0).prefix(5), "too short"),
            (file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: 0), "outside the 0 data bytes"),
            (file(#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#, data: 8), "dtype F64"),
            (file(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: 4), "spans 4 bytes"),
            (file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: 8), "starts at byte 4"),
            (file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: 8), "cover 4 of the 8"),
            (file(#"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: 4), "no valid shape"),
            (file("[1, 2]", data: 0), "not a JSON object"),
          ] as [(Data, String)])
    func malformed(bytes: Data, reason: String) {
        do {
            _ = try SafeTensors.decode(bytes, source: "bad.safetensors")
            Issue.record("accepted a malformed file (\(reason))")
        } catch {
            #expect(error.message.contains(reason), "\(error)")
        }
        var huge = Data()
        withUnsafeBytes(of: UInt64.max.littleEndian) { huge.append(contentsOf: $0) }
        #expect(throws: ModelFileError.self) { try SafeTensors.decode(huge + Data(count: 8), source: "x") }
    }

    @Test("A model directory reads back bit for bit with the same checksum")
    func roundTrip() throws {
        let model = try sampleModel()
        let directory = temporaryDirectory("round-trip")
        let written = try model.write(to: directory)
        let (read, reference) = try SavedModel.read(from: directory)
        #expect(reference == written)
        #expect(read.f.parameters.map(\.bitPattern) == model.f.parameters.map(\.bitPattern))
        #expect(read.g?.parameters == model.g?.parameters && read.f.architecture == model.f.architecture)
        #expect(read.tensors == model.tensors)
        var expected = model.metadata
        expected.files = read.metadata.files
        #expect(read.metadata == expected)
        #expect(try model.write(to: directory) == written, "writing the same model gives the same checksum")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["model.json", "weights.safetensors"])
    }

    @Test("A tampered tensor file, another format version or a missing file is refused clearly")
    func refusals() throws {
        let directory = temporaryDirectory("refusals")
        try sampleModel().write(to: directory)
        let weights = (directory as NSString).appendingPathComponent("weights.safetensors")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: weights))
        bytes[bytes.count - 1] ^= 1
        try bytes.write(to: URL(fileURLWithPath: weights))
        #expect(throws: ModelFileError.self) { try SavedModel.read(from: directory) }
        do { _ = try SavedModel.read(from: directory) } catch { #expect(error.message.hasPrefix("checksum mismatch")) }

        let other = temporaryDirectory("version")
        try sampleModel().write(to: other)
        let json = (other as NSString).appendingPathComponent("model.json")
        let text = try String(contentsOfFile: json, encoding: .utf8).replacingOccurrences(of: "\"format_version\" : 1",
                                                                                          with: "\"format_version\" : 2")
        try text.write(toFile: json, atomically: true, encoding: .utf8)
        do {
            _ = try SavedModel.read(from: other)
            Issue.record("read a format version 2 model")
        } catch {
            #expect(error.description == "\(json): has model format version 2 (written by Frontier test); this Frontier reads version 1 only")
        }
        do {
            _ = try SavedModel.read(from: temporaryDirectory("absent"))
            Issue.record("read a missing model")
        } catch {
            #expect(error.message == "file not found")
        }
        let occupied = temporaryDirectory("occupied")
        try FileManager.default.createDirectory(atPath: occupied, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: (occupied as NSString).appendingPathComponent("notes.txt")))
        #expect(throws: ModelFileError.self) { try sampleModel().write(to: occupied) }
    }

    @Test("A network whose width disagrees with the preprocessing is refused")
    func shapes() throws {
        let model = try sampleModel()
        var generator = SeededGenerator(seed: 1)
        let wide = MLP(MLPArchitecture(inputWidth: 9, hiddenWidths: [4], outputWidth: 1), generator: &generator)
        #expect(throws: ModelFileError.self) { try SavedModel(metadata: model.metadata, networks: ["f": wide]) }
        #expect(throws: ModelFileError.self) { try SavedModel(metadata: model.metadata, networks: ["g": model.g!]) }
    }
}

@Suite("Model cache")
struct ModelCacheTests {
    static let key = ModelCacheKey(recipeChecksum: "r", shardChecksum: "s", method: "stl", settings: .map(["epochs": .number(3)]), seed: 3)

    @Test("A key is trained once, then read from disk; concurrent requests wait for the one training")
    func trainsOnce() throws {
        let cache = ModelCache(root: temporaryDirectory("cache"))
        let counter = NSLock()
        nonisolated(unsafe) var trainings = 0
        nonisolated(unsafe) var checksums: [String] = []
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let result = try! cache.model(for: Self.key) {
                counter.withLock { trainings += 1 }
                Thread.sleep(forTimeInterval: 0.05)
                return try sampleModel(cacheKey: Self.key)
            }
            counter.withLock { checksums.append(result.reference.checksum) }
        }
        #expect(trainings == 1 && Set(checksums).count == 1)
        let again = try cache.model(for: Self.key) { throw ModelFileError(file: "", "must not train") }
        #expect(!again.trained && again.reference.id == Self.key.id && again.model.metadata.cacheKey == Self.key)
        #expect(again.reference.directory == cache.directory(for: Self.key))
    }

    @Test("A corrupted entry is trained again; a model without its key is refused")
    func corrupted() throws {
        let cache = ModelCache(root: temporaryDirectory("cache-corrupt"))
        _ = try cache.model(for: Self.key) { try sampleModel(cacheKey: Self.key) }
        let weights = (cache.directory(for: Self.key) as NSString).appendingPathComponent("weights.safetensors")
        try Data("junk".utf8).write(to: URL(fileURLWithPath: weights))
        let again = try cache.model(for: Self.key) { try sampleModel(cacheKey: Self.key) }
        #expect(again.trained)
        let other = ModelCacheKey(recipeChecksum: "r", shardChecksum: "s", method: "stl", settings: .null, seed: 4)
        #expect(other.id != Self.key.id)
        #expect(throws: ModelFileError.self) { try cache.model(for: other) { try sampleModel(cacheKey: Self.key) } }
    }
}
