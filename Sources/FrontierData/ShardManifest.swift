import Foundation
import FrontierSettings

/// The record written next to a shard's files (`manifest.json`): what the shard
/// holds, how it was made, and the checksum of every file, so a worker can prove
/// it runs on exactly the bytes a sweep pinned.
public struct ShardManifest: Codable, Equatable, Sendable {
    /// The manifest layout this code writes. Version 2 carries the dataset's recipe
    /// (or generator) itself and pins it in the combined checksum; version 1 named a
    /// built-in recipe and is still read.
    public static let currentFormatVersion = 2
    /// Every layout this code reads.
    public static let readableFormatVersions = 1...2
    /// The manifest's file name inside a shard directory.
    public static let fileName = "manifest.json"

    /// Whether a file holds training or held-out test rows.
    public enum Role: String, Codable, Sendable { case train, test }

    /// One data file of the shard.
    public struct File: Codable, Equatable, Sendable {
        /// File name, relative to the shard directory.
        public var name: String
        public var role: Role
        /// Data rows (not counting the header).
        public var rows: Int
        /// SHA-256 (lower-case hex) of the file's bytes.
        public var sha256: String

        public init(name: String, role: Role, rows: Int, sha256: String) {
            self.name = name
            self.role = role
            self.rows = rows
            self.sha256 = sha256
        }
    }

    public var formatVersion: Int
    /// Dataset name, as the catalogue and sweeps know it (`titanic`).
    public var dataset: String
    /// This shard's id, in `0..<shardCount`.
    public var shardID: Int
    /// How many shards the dataset was split into.
    public var shardCount: Int
    /// The recipe (or generator) the dataset was made with, as its canonical tree; in
    /// version 1 manifests, the name of a built-in recipe (a string).
    public var recipe: SettingValue
    /// SHA-256 of the recipe's canonical JSON (version 2); nil in version 1.
    public var recipeSHA256: String?
    public var files: [File]
    /// Training rows after the recipe's split (a whole dataset's hold-out is taken out of its one file).
    public var trainRows: Int
    /// Held-out test rows after the recipe's split.
    public var testRows: Int
    /// `SHA256Digest.combined` of the files' checksums, in `files` order, then the
    /// recipe's: the one value a sweep pins, covering both the bytes and how they are read.
    public var sha256: String
    public var createdAt: Date
    /// Where the rows came from, e.g. `titanic3.csv hold-out 20% (seed 42), dealt to 3 shards with seed 1`.
    public var source: String

    public init(shardID: Int, shardCount: Int, dataset: DatasetSource, files: [File],
                trainRows: Int, testRows: Int, createdAt: Date = Date(), source: String) {
        self.formatVersion = Self.currentFormatVersion
        self.dataset = dataset.name
        self.shardID = shardID
        self.shardCount = shardCount
        self.recipe = dataset.tree
        self.recipeSHA256 = dataset.checksum
        self.files = files
        self.trainRows = trainRows
        self.testRows = testRows
        self.sha256 = Self.combinedChecksum(files: files, recipeSHA256: recipeSHA256)
        self.createdAt = createdAt
        self.source = source
    }

    /// The value a sweep pins: the files' checksums then (version 2) the recipe's, combined.
    public static func combinedChecksum(files: [File], recipeSHA256: String?) -> String {
        SHA256Digest.combined(files.map(\.sha256) + (recipeSHA256.map { [$0] } ?? []))
    }

    /// How reports and workers name the shard, e.g. "adult shard 0 of 2".
    public var shardName: String { "\(dataset) shard \(shardID) of \(shardCount)" }

    /// The dataset's definition: the recipe carried by a version 2 manifest, or the
    /// built-in recipe a version 1 manifest names.
    public func datasetSource() throws(DataError) -> DatasetSource {
        if case .string(let name) = recipe { return try DatasetCatalog.entry(named: name) }
        do { return try DatasetSource.read(recipe, at: "recipe") } catch {
            throw DataError(file: Self.fileName, message: "its recipe is invalid: \(error)")
        }
    }

    // Explicit snake_case keys: the automatic strategy would not read `shard_id` back as `shardID`.
    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", dataset, shardID = "shard_id", shardCount = "shard_count", recipe
        case recipeSHA256 = "recipe_sha256", files
        case trainRows = "train_rows", testRows = "test_rows", sha256, createdAt = "created_at", source
    }

    /// Pretty, key-sorted JSON with snake_case keys and ISO-8601 dates.
    public func json() throws -> Data {
        try Self.jsonEncoder.encode(self)
    }

    /// The encoder of `json()`: also for lists of manifests.
    public static var jsonEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Reads a manifest written by `json()`.
    public static func decode(_ data: Data) throws -> ShardManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(ShardManifest.self, from: data)
    }
}
