import Foundation
import SwiftProtobuf

/// Turns message bodies into the bytes of one ZeroMQ frame and back, validating everything a peer
/// can send before the cluster logic sees it.
///
/// Decoding checks, in this order, so each check only runs on input the previous ones accepted:
/// 1. size, before any parsing (`.oversize`);
/// 2. protobuf well-formedness (`.malformed`);
/// 3. the MAJOR version (`.unsupportedVersion`; another minor is fine), before the body, because
///    a peer of another major may use bodies that mean something else;
/// 4. presence of a known body (`.unknownMessage`);
/// 5. cheap semantic checks of the body (`.invalid`), see `EnvelopeValidator`.
///
/// Encoding applies the same size and semantic checks, so a local bug surfaces as an error at the
/// sender instead of as a refusal from the peer. The codec is a value with no state; share it freely.
public struct EnvelopeCodec: Sendable {
    /// Bounds applied when encoding and decoding.
    public var limits: ProtocolLimits
    /// The version stamped on encoded envelopes and compared with received ones.
    public var version: ProtocolVersion

    /// Creates a codec; tests pass another `version` to play a peer of another release.
    public init(limits: ProtocolLimits = .default, version: ProtocolVersion = .current) {
        self.limits = limits
        self.version = version
    }

    // MARK: Encoding

    /// Wraps `body` in an envelope stamped with this codec's version, `messageID` and
    /// `inReplyTo` (the request's message id, or 0 when the message answers nothing).
    public func envelope(_ body: Envelope.Body, messageID: UInt64, inReplyTo: UInt64 = 0) -> Envelope {
        var envelope = Envelope()
        envelope.majorVersion = version.major
        envelope.minorVersion = version.minor
        envelope.messageID = messageID
        envelope.inReplyTo = inReplyTo
        envelope.body = body
        return envelope
    }

    /// Encodes `body` as the bytes of one frame: stamps the version and ids, validates, serializes.
    ///
    /// - Throws: `.invalid` when the body breaks a semantic rule, `.oversize` when the encoding
    ///   exceeds `limits.maxEnvelopeBytes` (e.g. a front snapshot that should be split).
    public func encode(_ body: Envelope.Body, messageID: UInt64, inReplyTo: UInt64 = 0) throws(ProtocolError) -> Data {
        try encode(envelope(body, messageID: messageID, inReplyTo: inReplyTo))
    }

    /// Encodes an already built envelope as is (its version fields are not restamped).
    ///
    /// - Throws: `.unknownMessage` without a body, `.invalid` or `.oversize` as for `encode(_:messageID:inReplyTo:)`.
    public func encode(_ envelope: Envelope) throws(ProtocolError) -> Data {
        guard let body = envelope.body else { throw .unknownMessage }
        try EnvelopeValidator(limits: limits).validate(body)
        let bytes: Data
        do {
            bytes = try envelope.serializedBytes()
        } catch {
            // Unreachable for this schema (proto3, no `Any`, no required fields), but reported
            // rather than trapped: a process on an edge device should not die for it.
            throw .malformed("could not serialize: \(error)")
        }
        guard bytes.count <= limits.maxEnvelopeBytes else {
            throw .oversize(bytes: bytes.count, limit: limits.maxEnvelopeBytes)
        }
        return bytes
    }

    // MARK: Decoding

    /// Decodes and validates the envelope in one received frame.
    ///
    /// Never traps on any input: every rejection is a `ProtocolError`. Unknown fields (from a
    /// newer minor version) are kept in `unknownFields` and otherwise ignored.
    public func decode(_ bytes: Data) throws(ProtocolError) -> Envelope {
        let envelope = try parse(bytes)
        let peer = ProtocolVersion(major: envelope.majorVersion, minor: envelope.minorVersion)
        guard version.accepts(peer) else {
            throw .unsupportedVersion(peer: peer, ours: version)
        }
        guard let body = envelope.body else { throw .unknownMessage }
        try EnvelopeValidator(limits: limits).validate(body)
        return envelope
    }

    /// The message id of an envelope `decode` refused, so the `Error` reply can name the request
    /// in `in_reply_to`; 0 when the bytes are too large or not an envelope at all.
    public func messageID(ofRejected bytes: Data) -> UInt64 {
        (try? parse(bytes))?.messageID ?? 0
    }

    /// Size check, then protobuf parsing, nothing else.
    private func parse(_ bytes: Data) throws(ProtocolError) -> Envelope {
        guard bytes.count <= limits.maxEnvelopeBytes else {
            throw .oversize(bytes: bytes.count, limit: limits.maxEnvelopeBytes)
        }
        var options = BinaryDecodingOptions()
        // The schema nests at most four levels (envelope, snapshot, row, map entry); a lower bound
        // than the library default stops deeply nested unknown groups early.
        options.messageDepthLimit = 32
        do {
            return try Envelope(serializedBytes: bytes, options: options)
        } catch {
            throw .malformed(String(describing: error))
        }
    }

    // MARK: Error replies

    /// Builds the `Error` envelope a receiver sends back for `error`.
    ///
    /// - Parameters:
    ///   - requestID: the refused message's id (see `messageID(ofRejected:)`), 0 if unknown.
    ///   - messageID: this reply's own id from the sender's counter.
    /// For `.unsupportedVersion` the reply also names the peer's and our major versions. Never
    /// answer an `Error` with an `Error`: two confused peers would ping-pong forever.
    public func errorReply(for error: ProtocolError, inReplyTo requestID: UInt64 = 0, messageID: UInt64) -> Envelope {
        var reply = ErrorMessage()
        reply.code = error.code
        // Truncated to what our own decoder accepts.
        reply.message = limits.fittingText(error.description)
        if case let .unsupportedVersion(peer, ours) = error {
            reply.receivedMajorVersion = peer.major
            reply.supportedMajorVersion = ours.major
        }
        return envelope(.error(reply), messageID: messageID, inReplyTo: requestID)
    }
}
