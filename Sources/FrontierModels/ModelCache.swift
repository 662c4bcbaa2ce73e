import Foundation

/// Trained models kept as model files on this machine's disk, one directory per cache key
/// (`<root>/<key id>`), so a worker trains f once per (recipe, shard, method settings, seed)
/// and every later task on it reads the file. Tasks run on several threads: a key being
/// trained by one waits the others, so a model is never trained twice at once. A model is
/// written to a temporary directory and moved into place, so a half-written one is never
/// read; an entry that fails verification (or was trained under another key) is trained again.
public final class ModelCache: @unchecked Sendable {
    public let root: String
    private let lock = NSLock()
    private var keyLocks: [String: NSLock] = [:]

    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardized.path
    }

    /// Where the model of `key` lives.
    public func directory(for key: ModelCacheKey) -> String { (root as NSString).appendingPathComponent(key.id) }

    /// The model of `key`: read from disk when present and valid, else made by `train` (which
    /// must return a model whose metadata carries `key`), written, and returned.
    public func model(for key: ModelCacheKey,
                      train: () throws -> SavedModel) throws -> (model: SavedModel, reference: ModelReference, trained: Bool) {
        let keyLock = lock.withLock { () -> NSLock in
            if let existing = keyLocks[key.id] { return existing }
            let created = NSLock()
            keyLocks[key.id] = created
            return created
        }
        keyLock.lock()
        defer { keyLock.unlock() }
        let target = directory(for: key)
        if let (model, reference) = try? SavedModel.read(from: target), model.metadata.cacheKey == key {
            return (model, reference, false)
        }
        let model = try train()
        guard model.metadata.cacheKey == key else {
            throw ModelFileError(file: target, "the trained model does not carry its cache key")
        }
        let fm = FileManager.default
        let staging = (root as NSString).appendingPathComponent(".staging-\(key.id)-\(UUID().uuidString)")
        defer { try? fm.removeItem(atPath: staging) }
        try model.write(to: staging)
        try? fm.removeItem(atPath: target)
        do { try fm.moveItem(atPath: staging, toPath: target) } catch {
            throw ModelFileError(file: target, "cannot be moved into place: \(error.localizedDescription)")
        }
        let (stored, reference) = try SavedModel.read(from: target)
        return (stored, reference, true)
    }

    /// `$FRONTIER_MODELS`, else `$XDG_CACHE_HOME/frontier/models`, else `~/.cache/frontier/models`.
    public static func defaultRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["FRONTIER_MODELS"], !explicit.isEmpty { return explicit }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".cache")
        return ((cache as NSString).appendingPathComponent("frontier") as NSString).appendingPathComponent("models")
    }
}
