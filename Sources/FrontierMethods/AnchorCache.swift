import Foundation
import FrontierML

/// Single-task anchors this process has trained, for the steered runs (EPO, MGDA) with the
/// `anchors` normalisation. Every such run starts from the `stl` run with its seed; a sweep
/// of nine rays on one worker would train the same anchor nine times. The anchor is
/// deterministic (same network settings, seed and data give the same f to the bit), so a run
/// that finds its anchor here starts from exactly the f it would have trained, at no cost.
///
/// The key holds the network settings, the seed and a fingerprint of the training split; the
/// cache keeps the `capacity` most recently used anchors (an f of the paper's MLP on Adult is
/// about 1 MB).
final class AnchorCache: @unchecked Sendable {
    static let shared = AnchorCache(capacity: 8)

    struct Key: Hashable {
        var network: NetworkSettings
        var seed: UInt64
        var task: PredictionTask
        var training: DataFingerprint
    }

    let capacity: Int
    private let lock = NSLock()
    private var entries: [(key: Key, anchor: FittedMethod)] = []

    init(capacity: Int) {
        precondition(capacity > 0, "capacity must be positive")
        self.capacity = capacity
    }

    /// The anchor for `key`, and whether it was already here; `train` makes it when it is not
    /// (outside the lock: two runs missing at once both train, and the second is kept).
    func anchor(for key: Key, train: () throws(MethodError) -> FittedMethod) throws(MethodError)
        -> (anchor: FittedMethod, cached: Bool) {
        if let hit = lock.withLock({ () -> FittedMethod? in
            guard let i = entries.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = entries.remove(at: i)
            entries.append(entry)
            return entry.anchor
        }) { return (hit, true) }
        let anchor = try train()
        lock.withLock {
            entries.removeAll { $0.key == key }
            entries.append((key, anchor))
            if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        }
        return (anchor, false)
    }
}

/// The identity of a split's contents: its shape and a hash of every feature and target value.
struct DataFingerprint: Hashable {
    var rows: Int
    var columns: Int
    var hash: Int

    init(_ samples: LabeledSamples) {
        rows = samples.features.rows
        columns = samples.features.cols
        var hasher = Hasher()
        hasher.combine(samples.features.cols)
        samples.features.scalars.withUnsafeBytes { hasher.combine(bytes: $0) }
        hasher.combine(samples.targets.cols)
        samples.targets.scalars.withUnsafeBytes { hasher.combine(bytes: $0) }
        hash = hasher.finalize()
    }
}
