import Foundation

/// One live reader of a sweep's events (or the sweeps list's): first the state it started
/// from (the snapshot events), then every event published after, in order, in batches.
/// It ends after a finished sweep's last event, or when it fell so far behind that the log
/// no longer holds what it has not read (then `CoordinatorMetrics` counts a dropped reader).
///
/// One task reads a feed; it is not for concurrent `next()` calls.
public final class SweepEventFeed: @unchecked Sendable {
    private let log: SweepEventLog
    private var initial: [SweepEvent]
    private var position: Int
    private var ended = false
    private let onFellBehind: @Sendable () -> Void

    /// Reads `log` from `position` on, after `initial`; call with the log's publisher held
    /// still, so that `initial` is the state just before `position`.
    init(log: SweepEventLog, initial: [SweepEvent], from position: Int, onFellBehind: @escaping @Sendable () -> Void) {
        self.log = log
        self.initial = initial
        self.position = position
        self.onFellBehind = onFellBehind
        log.readerJoined()
    }

    deinit { log.readerLeft() }

    /// The events not read yet, at least one, waiting for one if there are none; nil when the
    /// feed has ended (or the reading task was cancelled).
    public func next() async -> [SweepEvent]? {
        while !ended, !Task.isCancelled {
            switch log.read(from: position) {
            case .fellBehind:
                ended = true
                onFellBehind()
                return nil
            case .events(let events, let next):
                position = next
                let batch = initial + events
                initial = []
                if !batch.isEmpty { return upToLast(batch) }
            }
            await log.wait(from: position)
        }
        return nil
    }

    /// `batch` up to and including a finished sweep's last event (after which the feed ends).
    private func upToLast(_ batch: [SweepEvent]) -> [SweepEvent] {
        guard let last = batch.firstIndex(where: \.isLast) else { return batch }
        ended = true
        return Array(batch[...last])
    }
}
