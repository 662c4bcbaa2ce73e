import Foundation

/// One event of a sweep for its live observers (a server-sent event on the web view): a
/// name and a line of JSON in the CLI's `--json` shapes. The JSON is made on first use,
/// on the reader's thread and once however many observers send it, so publishing an
/// event costs the coordinator's loop no encoding.
public final class SweepEvent: @unchecked Sendable {
    /// What the event carries.
    public enum Kind: String, Sendable {
        /// The whole front (`tail --json`'s first line), sent first to every new observer.
        case snapshot
        /// One change of the front, or the done marker (`tail --json`'s later lines).
        case update
        /// The sweep's progress (one entry of `sweep status --json`).
        case status
        /// A finished run (one line of `sweep results --format jsonl` without its `report`).
        case run
        /// The hypervolume after a change (`ClusterJSON.HypervolumePoint`).
        case hypervolume
        /// The hypervolume so far (`ClusterJSON.HypervolumeHistory`), sent to a new observer.
        case history
        /// Every run so far (a JSON array of `sweep results --format jsonl` lines without their
        /// `report`s), sent to a new observer.
        case runs
        /// Every sweep's progress (`sweep status --json`), on the sweeps list's stream.
        case sweeps
        /// The connected workers (`ClusterJSON.Workers`), on the sweeps list's stream.
        case workers
    }

    public let kind: Kind
    /// The last event of a finished sweep: nothing follows, a reader may stop here.
    public let isLast: Bool
    private let encode: @Sendable () -> String
    private let lock = NSLock()
    private var encoded: String?
    private var framed: String?

    init(_ kind: Kind, isLast: Bool = false, encode: @escaping @Sendable () -> String) {
        self.kind = kind
        self.isLast = isLast
        self.encode = encode
    }

    /// An event whose JSON is `value` in the one JSON convention.
    convenience init<T: Encodable & Sendable>(_ kind: Kind, _ value: T, isLast: Bool = false) {
        self.init(kind, isLast: isLast) { ClusterJSON.string(value) }
    }

    /// The event's JSON, one line.
    public var json: String {
        lock.withLock { jsonLocked() }
    }

    /// The event as a server-sent event (`event: KIND` and one `data:` line), framed once
    /// for all readers.
    public var serverSentEvent: String {
        lock.withLock {
            if let framed { return framed }
            let text = "event: \(kind.rawValue)\ndata: \(jsonLocked())\n\n"
            framed = text
            return text
        }
    }

    private func jsonLocked() -> String {
        if let encoded { return encoded }
        let text = encode()
        encoded = text
        return text
    }
}
