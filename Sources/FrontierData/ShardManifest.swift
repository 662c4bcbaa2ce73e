import Foundation

/// The record written next to a shard's files (`manifest.json`): what the shard
/// holds, how it was made, and the checksum of every file, so a worker can prove
/// it runs on exactly the bytes a sweep pinned.
public struct ShardManifest: Codable, Equatable, Sendable {
    /// The manifest layout this code writes and reads.
    public static let currentFormatVersion = 1
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
    /// Catalogue name of the recipe (or synthetic generator) the shard's rows are prepared with.
    public var recipe: String
    public var files: [File]
    /// Training rows after the recipe's split (a whole dataset's hold-out is taken out of its one file).
    public var trainRows: Int
    /// Held-out test rows after the recipe's split.
    public var testRows: Int
    /// `SHA256Digest.combined` of the files' checksums, in `files` order: the one value
    /// a sweep pins.
    public var sha256: String
    public var createdAt: Date
    /// Where the rows came from, e.g. `titanic3.csv hold-out 20% (seed 42), dealt to 3 shards with seed 1`.
    public var source: String

    public init(dataset: String, shardID: Int, shardCount: Int, recipe: String, files: [File],
                trainRows: Int, testRows: Int, createdAt: Date = Date(), source: String) {
        self.formatVersion = Self.currentFormatVersion
        self.dataset = dataset
        self.shardID = shardID
        self.shardCount = shardCount
        self.recipe = recipe
        self.files = files
        self.trainRows = trainRows
        self.testRows = testRows
        self.sha256 = SHA256Digest.combined(files.map(\.sha256))
        self.createdAt = createdAt
        self.source = source
    }

    /// How reports and workers name the shard, e.g. "adult shard 0 of 2".
    public var shardName: String { "\(recipe) shard \(shardID) of \(shardCount)" }

    // Explicit snake_case keys: the automatic strategy would not read `shard_id` back as `shardID`.
    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", dataset, shardID = "shard_id", shardCount = "shard_count", recipe, files
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
