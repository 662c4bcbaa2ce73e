import Foundation
import Logging

/// Logs a kind of event that a hostile or broken peer can cause thousands of times a
/// second (refused frames, failed sends) at a bounded rate: the first `burst` in
/// each `window` one line each, the rest counted by category and summed up in one
/// line when the window closes.
struct RateLimitedLog {
    let logger: Logger
    /// What is counted, plural, e.g. "refused frames".
    let subject: String
    var burst = 5
    var window: Duration = .seconds(10)
    /// Told each event's category, logged or not (the coordinator's metrics count them).
    var onRecord: ((String) -> Void)?

    private var windowStart: ContinuousClock.Instant?
    private var loggedInWindow = 0
    private var suppressed: [String: Int] = [:]
    private var peers: Set<String> = []

    init(logger: Logger, subject: String) {
        self.logger = logger
        self.subject = subject
    }

    /// One event of `category` (e.g. an error code) from `peer`, described by `line`.
    mutating func record(_ line: @autoclosure () -> String, category: String, peer: String,
                         now: ContinuousClock.Instant = .now) {
        onRecord?(category)
        flush(now: now)
        if windowStart == nil { windowStart = now }
        if loggedInWindow < burst {
            loggedInWindow += 1
            logger.warning("\(line())")
        } else {
            suppressed[category, default: 0] += 1
            peers.insert(peer)
        }
    }

    /// Closes the window when it has passed, logging what it held back. Call it on every tick.
    mutating func flush(now: ContinuousClock.Instant = .now) {
        guard let start = windowStart, now - start >= window else { return }
        let total = suppressed.values.reduce(0, +)
        if total > 0 {
            let categories = suppressed.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let seconds = Int(window.components.seconds)
            logger.warning("\(total) more \(subject) in the last \(seconds) s: \(categories); from \(peers.count) peer(s)")
        }
        windowStart = nil
        loggedInWindow = 0
        suppressed = [:]
        peers = []
    }
}
