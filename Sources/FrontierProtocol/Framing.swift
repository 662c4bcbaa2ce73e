import Foundation

/// How encoded envelopes are laid out in ZeroMQ multipart messages, one helper per socket side.
///
/// This module never touches ZeroMQ itself: a multipart message is a `[Data]` of frames, which the
/// transport module sends and receives. The layouts are:
///
/// | socket side                          | frames                      |
/// |--------------------------------------|-----------------------------|
/// | worker/client DEALER (send, receive) | `[envelope]`                |
/// | coordinator ROUTER (send, receive)   | `[routing id, envelope]`    |
/// | coordinator PUB → tail SUB           | `[topic, envelope]`         |
///
/// A DEALER talking to a ROUTER sends no empty delimiter frame (that is only REQ's convention);
/// the ROUTER prepends the peer's routing id on receive and strips it on send.
public enum Framing {
    /// A message as received or sent by the coordinator's ROUTER socket.
    public struct Routed: Sendable, Hashable {
        /// ZeroMQ identity of the DEALER peer (1...255 bytes), used to address the reply.
        public var routingID: Data
        /// The encoded envelope.
        public var envelope: Data

        /// Pairs a peer identity with an encoded envelope.
        public init(routingID: Data, envelope: Data) {
            self.routingID = routingID
            self.envelope = envelope
        }

        /// The frames to hand to the ROUTER socket.
        public var frames: [Data] { [routingID, envelope] }
    }

    /// A front message as published on the coordinator's PUB socket.
    public struct Publication: Sendable, Hashable {
        /// The sweep named by the topic frame.
        public var sweepID: String
        /// The encoded envelope (a `FrontUpdate`).
        public var envelope: Data

        /// Pairs a sweep with an encoded envelope.
        public init(sweepID: String, envelope: Data) {
            self.sweepID = sweepID
            self.envelope = envelope
        }

        /// The frames to hand to the PUB socket: topic `front/<sweep id>`, then the envelope.
        public var frames: [Data] { [Data(FrontTopic.for(sweepID: sweepID).utf8), envelope] }
    }

    /// The frames a DEALER sends: the envelope alone.
    public static func dealerFrames(_ envelope: Data) -> [Data] {
        [envelope]
    }

    /// The envelope of a message received on a DEALER socket.
    ///
    /// - Throws: `.wrongFrameCount` unless there is exactly one frame.
    public static func parseDealerMessage(_ frames: [Data]) throws(ProtocolError) -> Data {
        guard frames.count == 1 else { throw .wrongFrameCount(expected: 1, actual: frames.count) }
        return frames[0]
    }

    /// Routing id and envelope of a message received on the ROUTER socket.
    ///
    /// - Throws: `.wrongFrameCount` unless there are exactly two frames (a peer sending extra
    ///   frames, e.g. a REQ socket's delimiter, is refused), `.malformed` for an empty routing id.
    public static func parseRouterMessage(_ frames: [Data]) throws(ProtocolError) -> Routed {
        guard frames.count == 2 else { throw .wrongFrameCount(expected: 2, actual: frames.count) }
        guard !frames[0].isEmpty else { throw .malformed("empty routing id frame") }
        return Routed(routingID: frames[0], envelope: frames[1])
    }

    /// Sweep id and envelope of a message received on a SUB socket.
    ///
    /// - Throws: `.wrongFrameCount` unless there are exactly two frames, `.badTopic` for a topic
    ///   that is not `front/<sweep id>`.
    public static func parsePublication(_ frames: [Data]) throws(ProtocolError) -> Publication {
        guard frames.count == 2 else { throw .wrongFrameCount(expected: 2, actual: frames.count) }
        let sweepID = try FrontTopic.sweepID(fromTopicFrame: frames[0])
        return Publication(sweepID: sweepID, envelope: frames[1])
    }
}
