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
        await next(waitingAtMost: nil)
    }

    /// As `next()`, but an empty list once `limit` has passed without an event (a stream then
    /// sends a keep-alive: proxies close idle connections, and a closed one is only noticed
    /// when written to).
    public func next(waitingAtMost limit: Duration?) async -> [SweepEvent]? {
        let deadline = limit.map { ContinuousClock.now + $0 }
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
            if let deadline {
                if ContinuousClock.now >= deadline { return [] }
                await waitForEvents(until: deadline)
            } else {
                await log.wait(from: position)
            }
        }
        return nil
    }

    /// Waits for an event after `position`, or until `deadline`, whichever comes first.
    private func waitForEvents(until deadline: ContinuousClock.Instant) async {
        let (log, position) = (log, position)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await log.wait(from: position) }
            group.addTask { try? await Task.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
    }

    /// `batch` up to and including a finished sweep's last event (after which the feed ends).
    private func upToLast(_ batch: [SweepEvent]) -> [SweepEvent] {
        guard let last = batch.firstIndex(where: \.isLast) else { return batch }
        ended = true
        return Array(batch[...last])
    }
}
