import Foundation

/// Durations counted into fixed buckets, recorded from one thread and read from any other
/// (the coordinator's metrics): cumulative bucket counts, the count and the sum, as a
/// Prometheus histogram holds them.
public final class LatencyHistogram: @unchecked Sendable {
    /// What a reader sees: `buckets[i]` counts observations ≤ `upperBounds[i]` (cumulative).
    public struct Reading: Sendable, Equatable {
        public var upperBounds: [Double]
        public var buckets: [UInt64]
        public var count: UInt64
        public var sum: Double
    }

    /// Bounds in seconds from half a millisecond to a minute: store commits, front updates.
    public static let shortBounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60]
    /// Bounds in seconds from 10 ms to an hour: how long a task waits for a worker.
    public static let waitBounds: [Double] = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600]

    private let lock = NSLock()
    private let upperBounds: [Double]
    private var counts: [UInt64]
    private var count: UInt64 = 0
    private var sum: Double = 0

    /// An empty histogram over `upperBounds` (ascending; +Inf is implied).
    public init(upperBounds: [Double]) {
        self.upperBounds = upperBounds
        counts = Array(repeating: 0, count: upperBounds.count)
    }

    /// Counts one duration of `seconds`.
    public func observe(_ seconds: Double) {
        let index = upperBounds.firstIndex { seconds <= $0 }
        lock.withLock {
            if let index { counts[index] += 1 }
            count += 1
            sum += seconds
        }
    }

    /// Counts one duration.
    public func observe(_ duration: Duration) {
        let (s, atto) = duration.components
        observe(Double(s) + Double(atto) * 1e-18)
    }

    /// The counts so far, cumulative per bucket.
    public func reading() -> Reading {
        lock.withLock {
            var running: UInt64 = 0
            let cumulative = counts.map { running += $0; return running }
            return Reading(upperBounds: upperBounds, buckets: cumulative, count: count, sum: sum)
        }
    }
}
