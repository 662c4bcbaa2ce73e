import Foundation
import FrontierProtocol
import FrontierTransport

/// The command line's side of the coordinator's ROUTER socket: one request, one
/// reply, with a deadline. A command makes one client and sends all its requests
/// through it (`sweep submit|status|cancel|export`, `tail`'s snapshots), so the
/// connection and any CURVE handshake happen once.
public final class ClusterClient {
    public enum ClientError: Error, CustomStringConvertible {
        case timedOut(endpoint: String, request: String, after: Duration)
        case refused(ErrorMessage)
        /// A reply that does not answer the request, e.g. an `Ack` to a `SweepStatusRequest`.
        case unexpectedReply(expected: String, received: String)

        public var description: String {
            switch self {
            case .timedOut(let endpoint, let request, let after):
                return "no reply from the coordinator at \(endpoint) to \(request) within \(after) "
                    + "(is `frontier coordinator` running there? if it runs CURVE, check --curve-server-key, "
                    + "and with --authorized-keys that --curve-key is listed)"
            case .refused(let e): return "the coordinator refused the request: \(e.message)"
            case .unexpectedReply(let expected, let received):
                return "the coordinator answered with \(received) where \(expected) was expected"
            }
        }
    }

    public let endpoint: String
    /// How long a request waits for its reply unless it says otherwise.
    public let timeout: Duration
    private let context: ZMQContext
    private let socket: ZMQSocket
    private let codec = EnvelopeCodec()
    private var nextMessageID: UInt64 = 1

    /// Connects to the coordinator's ROUTER at `endpoint`, as a CURVE client when `curve` is given.
    public init(endpoint: String, curve: CurveClientCredentials? = nil, timeout: Duration = .seconds(10)) throws(ZMQError) {
        self.endpoint = endpoint
        self.timeout = timeout
        context = try ZMQContext()
        socket = try context.socket(.dealer)
        try socket.secure(with: curve)
        try socket.connect(endpoint)
    }

    deinit { close() }

    /// Closes the socket and its context; later requests throw. Safe to call twice.
    public func close() {
        socket.close()
        context.shutdown()
    }

    /// Submits a sweep spec; the coordinator answers with the sweep's id and task count.
    public func submit(_ submit: SweepSubmit, timeout: Duration? = nil) throws -> SweepAccepted {
        try request(.sweepSubmit(submit), timeout: timeout, expecting: "SweepAccepted") {
            if case .sweepAccepted(let accepted) = $0 { accepted } else { nil }
        }
    }

    /// The state of one sweep, or of every sweep when `sweepID` is nil.
    public func status(sweepID: String?, timeout: Duration? = nil) throws -> FrontierProtocol.SweepStatus {
        var status = SweepStatusRequest()
        status.sweepID = sweepID ?? ""
        return try request(.sweepStatusRequest(status), timeout: timeout, expecting: "SweepStatus") {
            if case .sweepStatus(let status) = $0 { status } else { nil }
        }
    }

    /// Cancels a sweep; returns its status once the coordinator has carried out the cancel.
    @discardableResult
    public func cancel(sweepID: String, timeout: Duration? = nil) throws -> FrontierProtocol.SweepStatus {
        var cancel = SweepCancel()
        cancel.sweepID = sweepID
        return try request(.sweepCancel(cancel), timeout: timeout, expecting: "SweepStatus") {
            if case .sweepStatus(let status) = $0 { status } else { nil }
        }
    }

    /// A sweep's aggregated front as it stands now.
    public func front(sweepID: String, timeout: Duration? = nil) throws -> FrontierProtocol.FrontSnapshot {
        var front = FrontSnapshotRequest()
        front.sweepID = sweepID
        return try request(.frontSnapshotRequest(front), timeout: timeout, expecting: "FrontSnapshot") {
            if case .frontSnapshot(let snapshot) = $0 { snapshot } else { nil }
        }
    }

    /// One page of a sweep's finished runs from `offset` (in the order the coordinator received
    /// them); `limit` 0 lets the coordinator choose. Unknown sweep: `.refused` with `NOT_FOUND`.
    public func results(sweepID: String, offset: Int, limit: Int = 0, timeout: Duration? = nil) throws -> SweepResults {
        var request = SweepResultsRequest()
        request.sweepID = sweepID
        request.offset = UInt32(clamping: offset)
        request.limit = UInt32(clamping: limit)
        return try self.request(.sweepResultsRequest(request), timeout: timeout, expecting: "SweepResults") {
            if case .sweepResults(let results) = $0 { results } else { nil }
        }
    }

    /// Every finished run of a sweep, page after page until `next_offset` reaches `total`.
    public func allResults(sweepID: String, pageSize: Int = 0, timeout: Duration? = nil) throws -> [RunResult] {
        var records: [RunResult] = []
        while true {
            let page = try results(sweepID: sweepID, offset: records.count, limit: pageSize, timeout: timeout)
            records += page.records
            // An empty page cannot move on (a coordinator that lost results since the last page).
            if page.records.isEmpty || page.nextOffset >= page.total { return records }
        }
    }

    /// Sends `body` and waits for the envelope that replies to it. An `Error` reply throws `.refused`.
    public func request(_ body: Envelope.Body, timeout: Duration? = nil) throws -> Envelope.Body {
        let timeout = timeout ?? self.timeout
        let id = nextMessageID
        nextMessageID += 1
        try socket.send(Framing.dealerFrames(try codec.encode(body, messageID: id)))
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard try !ZMQPoller([socket]).poll(timeout: deadline - ContinuousClock.now).isEmpty else { break }
            guard let frames = try socket.tryReceive() else { continue }
            guard let envelope = try? codec.decode(dealerMessage: frames), envelope.inReplyTo == id,
                  let reply = envelope.body else { continue }  // a stale reply to an earlier request
            if case .error(let e) = reply { throw ClientError.refused(e) }
            return reply
        }
        throw ClientError.timedOut(endpoint: endpoint, request: body.messageName, after: timeout)
    }

    /// `request(_:timeout:)` narrowed to the one reply kind that answers `body`: `extract`
    /// picks it out, and anything else throws `.unexpectedReply` naming both kinds.
    private func request<Reply>(_ body: Envelope.Body, timeout: Duration?, expecting expected: String,
                                _ extract: (Envelope.Body) -> Reply?) throws -> Reply {
        let reply = try request(body, timeout: timeout)
        guard let value = extract(reply) else {
            throw ClientError.unexpectedReply(expected: expected, received: reply.messageName)
        }
        return value
    }
}
