/// A shard held on this worker: what it advertises, and where its files are.
/// Job kinds load the rows from `directory` (the data never leaves the device).
public struct LocalShard: Sendable, Hashable {
    public var descriptor: ShardDescriptor
    /// Directory holding the shard's files and its manifest.
    public var directory: String

    public init(descriptor: ShardDescriptor, directory: String) {
        self.descriptor = descriptor
        self.directory = directory
    }
}
