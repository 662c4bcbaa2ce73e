import Foundation

/// The recent events of one sweep (or of the sweeps list), kept once for all of its live
/// readers. Publishing appends to the log and wakes only the readers that are waiting; each
/// reader keeps its own position and takes everything after it in one read. So the
/// publisher's cost per event does not grow with the number of readers, and a reader that
/// has just written waits a little and then takes many events at once (docs/web.md).
///
/// The log keeps at least `capacity` events; a reader that falls further behind than that
/// has lost events and is dropped (its stream ends; a browser reconnects from a snapshot).
final class SweepEventLog: @unchecked Sendable {
    /// The events a reader may fall behind by before it is dropped.
    let capacity: Int
    private let lock = NSLock()
    /// Events `first`, `first + 1`, ... in order; older ones were trimmed.
    private var events: [SweepEvent] = []
    private var first = 0
    private var readers = 0
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var cancelledWaits: Set<Int> = []
    private var nextWait = 0

    init(capacity: Int) {
        precondition(capacity > 0, "capacity must be positive")
        self.capacity = capacity
    }

    /// The position after the last event: a reader starting now reads from here.
    var end: Int { lock.withLock { first + events.count } }

    /// Whether anyone reads the log (else publishers need not make events for it).
    var hasReaders: Bool { lock.withLock { readers > 0 } }

    /// How many readers follow the log.
    var readerCount: Int { lock.withLock { readers } }

    /// Appends `event` and wakes the readers waiting for one.
    func append(_ event: SweepEvent) {
        let woken: [CheckedContinuation<Void, Never>] = lock.withLock {
            events.append(event)
            // Trimmed in batches, so appending stays O(1) amortised.
            if events.count >= 2 * capacity {
                let drop = events.count - capacity
                events.removeFirst(drop)
                first += drop
            }
            defer { waiters.removeAll(keepingCapacity: true) }
            return Array(waiters.values)
        }
        for waiter in woken { waiter.resume() }
    }

    /// What a reader at `position` gets.
    enum Read {
        /// The events from its position on, and its position after them (empty when none are new).
        case events([SweepEvent], next: Int)
        /// Events it had not read were trimmed: it cannot go on without a gap.
        case fellBehind
    }

    /// Everything after `position`, at once: copied here, on the reader's thread (a slice would
    /// share the log's storage, and the publisher's next append would copy all of it).
    func read(from position: Int) -> Read {
        lock.withLock {
            guard position >= first else { return .fellBehind }
            let end = first + events.count
            return .events(Array(events[(position - first)...]), next: end)
        }
    }

    /// Returns once there is an event at `position` or later, or the task is cancelled.
    func wait(from position: Int) async {
        let id = lock.withLock {
            nextWait += 1
            return nextWait
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
                let ready = lock.withLock {
                    if first + events.count > position || cancelledWaits.remove(id) != nil { return true }
                    waiters[id] = waiter
                    return false
                }
                if ready { waiter.resume() }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Void, Never>? = lock.withLock {
                if let waiter = waiters.removeValue(forKey: id) { return waiter }
                // Cancelled before it started waiting: it returns as soon as it tries.
                cancelledWaits.insert(id)
                return nil
            }
            waiter?.resume()
        }
        _ = lock.withLock { cancelledWaits.remove(id) }
    }

    func readerJoined() { lock.withLock { readers += 1 } }
    func readerLeft() { lock.withLock { readers -= 1 } }
}
