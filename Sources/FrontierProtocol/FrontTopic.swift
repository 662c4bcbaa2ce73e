import Foundation

/// PUB/SUB topics of front updates: `front/<sweep id>` in UTF-8.
///
/// ZeroMQ subscriptions filter by byte prefix, so a tail subscribes to `FrontTopic.for(sweepID:)`
/// for one sweep, or to `FrontTopic.prefix` for all of them. Prefix filtering also delivers
/// `front/ab` to a subscriber of `front/a`; compare the sweep id `Framing.parsePublication`
/// returns with the one you want.
public enum FrontTopic {
    /// The prefix shared by every front topic; subscribing to it receives all sweeps.
    public static let prefix = "front/"

    /// The topic of the front updates of sweep `sweepID`.
    public static func `for`(sweepID: String) -> String {
        prefix + sweepID
    }

    /// The sweep id named by a received topic frame.
    ///
    /// - Throws: `.badTopic` when the frame is not UTF-8, lacks the `front/` prefix or names no sweep.
    public static func sweepID(fromTopicFrame frame: Data) throws(ProtocolError) -> String {
        guard let topic = String(data: frame, encoding: .utf8) else {
            throw .badTopic("topic frame is not UTF-8")
        }
        guard topic.hasPrefix(prefix) else {
            throw .badTopic("topic does not start with \"\(prefix)\"")
        }
        let sweepID = String(topic.dropFirst(prefix.count))
        guard !sweepID.isEmpty else { throw .badTopic("topic names no sweep") }
        return sweepID
    }
}
