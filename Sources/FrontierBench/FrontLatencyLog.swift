import Foundation

/// Front-update latencies reported by the coordinator's thread (result arrival to publication).
final class FrontLatencyLog: @unchecked Sendable {
    private let lock = NSLock()
    private var durations: [Duration] = []
    init() { durations.reserveCapacity(100_000) }
    func append(_ d: Duration) { lock.withLock { durations.append(d) } }
    var values: [Duration] { lock.withLock { durations } }
}
