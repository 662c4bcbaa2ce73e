import FrontierData
import FrontierSettings

/// What makes two trained models the same in a model cache: the dataset's recipe, the exact
/// shard (its checksum), the training method and its settings (every default filled in) and
/// the seed. Written into the model file, so a result can name exactly which model it explained.
public struct ModelCacheKey: Codable, Hashable, Sendable {
    /// SHA-256 of the dataset's recipe (canonical tree).
    public var recipeChecksum: String
    /// SHA-256 of the shard's files (its manifest's combined checksum).
    public var shardChecksum: String
    public var method: String
    public var settings: SettingValue
    public var seed: UInt64

    public init(recipeChecksum: String, shardChecksum: String, method: String, settings: SettingValue, seed: UInt64) {
        self.recipeChecksum = recipeChecksum
        self.shardChecksum = shardChecksum
        self.method = method
        self.settings = settings
        self.seed = seed
    }

    /// The key's identity: the first 16 hex digits of the SHA-256 of its canonical JSON
    /// (the cache directory's name, and the model id results report).
    public var id: String { String(SHA256Digest.hex(of: SettingValue.of(self).canonicalJSON).prefix(16)) }

    enum CodingKeys: String, CodingKey {
        case recipeChecksum = "recipe_checksum", shardChecksum = "shard_checksum", method, settings, seed
    }
}
