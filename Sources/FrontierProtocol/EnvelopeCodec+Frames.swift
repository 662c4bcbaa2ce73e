import Foundation

/// Whole-message decoding: frame layout, then envelope, in one call per socket side.
extension EnvelopeCodec {
    /// Decodes a message received on a worker's or client's DEALER socket.
    public func decode(dealerMessage frames: [Data]) throws(ProtocolError) -> Envelope {
        try decode(Framing.parseDealerMessage(frames))
    }

    /// Decodes a message received on the coordinator's ROUTER socket; the routing id addresses the reply.
    public func decode(routerMessage frames: [Data]) throws(ProtocolError) -> (routingID: Data, envelope: Envelope) {
        let routed = try Framing.parseRouterMessage(frames)
        return (routed.routingID, try decode(routed.envelope))
    }

    /// Decodes a message received on a SUB socket and checks that it is a `FrontUpdate` of the
    /// sweep its topic names, so a tail never folds one sweep's rows into another's front.
    ///
    /// - Throws: frame and envelope errors, `.unknownMessage` for another body, `.badTopic` when
    ///   the topic and the update disagree on the sweep.
    public func decode(publication frames: [Data]) throws(ProtocolError) -> (sweepID: String, update: FrontUpdate) {
        let publication = try Framing.parsePublication(frames)
        let envelope = try decode(publication.envelope)
        guard case let .frontUpdate(update)? = envelope.body else { throw .unknownMessage }
        guard update.sweepID == publication.sweepID else {
            throw .badTopic("topic names sweep \(publication.sweepID) but the update is for another sweep")
        }
        return (publication.sweepID, update)
    }
}
