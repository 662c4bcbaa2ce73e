/// Why bytes or frames received from a peer were refused.
///
/// Every failure the codec and the frame helpers can report is one of these cases, so a receiver
/// can log it and answer the peer with an `Error` envelope (`EnvelopeCodec.errorReply(for:...)`)
/// carrying the matching `ErrorCode`.
public enum ProtocolError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The message was larger than the receiver's limit; it was not parsed.
    case oversize(bytes: Int, limit: Int)
    /// The bytes were not a valid protobuf `Envelope` (truncated, corrupt, invalid UTF-8, ...).
    case malformed(String)
    /// The envelope carried no body this build knows: none at all, or one added by a newer peer.
    case unknownMessage
    /// The peer speaks another major protocol version.
    case unsupportedVersion(peer: ProtocolVersion, ours: ProtocolVersion)
    /// A well-formed body whose content is unacceptable; `field` is the proto field path.
    case invalid(field: String, reason: String)
    /// A ZeroMQ message had another number of frames than its socket pattern implies.
    case wrongFrameCount(expected: Int, actual: Int)
    /// A PUB/SUB topic frame was not `front/<sweep id>` in UTF-8.
    case badTopic(String)

    /// The `Error` code a receiver replies with for this failure.
    public var code: ErrorCode {
        switch self {
        case .oversize: .oversize
        case .malformed, .wrongFrameCount, .badTopic: .badFrame
        case .unknownMessage: .unknownMessage
        case .unsupportedVersion: .unsupportedVersion
        case .invalid: .invalidRequest
        }
    }

    /// A one-line explanation meant for logs and for the `message` of an `Error` reply.
    public var description: String {
        switch self {
        case let .oversize(bytes, limit):
            "message of \(bytes) bytes exceeds the limit of \(limit) bytes"
        case let .malformed(detail):
            "malformed envelope: \(detail)"
        case .unknownMessage:
            "envelope carries no message body this peer knows (a newer peer's message, or none)"
        case let .unsupportedVersion(peer, ours):
            "unsupported protocol version \(peer): this peer speaks major version \(ours.major) (\(ours))"
        case let .invalid(field, reason):
            "invalid \(field): \(reason)"
        case let .wrongFrameCount(expected, actual):
            "expected \(expected) ZeroMQ frame\(expected == 1 ? "" : "s"), got \(actual)"
        case let .badTopic(detail):
            "bad front topic: \(detail)"
        }
    }
}
