import Foundation
import FrontierProtocol
import FrontierTransport

/// The command line's side of the coordinator's ROUTER socket: one request, one
/// reply, with a deadline. Used by `sweep submit|status|cancel|export` and by
/// `tail` for its snapshot.
public final class ClusterClient {
    public enum ClientError: Error, CustomStringConvertible {
        case timedOut(endpoint: String, request: String, after: Duration)
        case refused(ErrorMessage)
        case unexpectedReply(String)

        public var description: String {
            switch self {
            case .timedOut(let endpoint, let request, let after):
                return "no reply from the coordinator at \(endpoint) to \(request) within \(after) "
                    + "(is `frontier coordinator` running there? if it runs CURVE, check --curve-server-key, "
                    + "and with --authorized-keys that --curve-key is listed)"
            case .refused(let e): return "the coordinator refused the request: \(e.message)"
            case .unexpectedReply(let name): return "the coordinator answered with an unexpected \(name)"
            }
        }
    }

    public let endpoint: String
    private let context: ZMQContext
    private let socket: ZMQSocket
    private let codec = EnvelopeCodec()
    private var nextMessageID: UInt64 = 1

    /// Connects to the coordinator's ROUTER at `endpoint`, as a CURVE client when `curve` is given.
    public init(endpoint: String, curve: CurveClientCredentials? = nil) throws(ZMQError) {
        self.endpoint = endpoint
        context = try ZMQContext()
        socket = try context.socket(.dealer)
        try socket.secure(with: curve)
        try socket.connect(endpoint)
    }

    deinit {
        socket.close()
        context.shutdown()
    }

    /// Sends `body` and waits for the envelope that replies to it. An `Error` reply throws `.refused`.
    public func request(_ body: Envelope.Body, timeout: Duration = .seconds(10)) throws -> Envelope.Body {
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
}
