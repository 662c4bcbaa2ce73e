import Foundation
import Testing
@testable import FrontierProtocol

@Suite("ZeroMQ framing")
struct FramingTests {
    let codec = EnvelopeCodec()

    @Test("Front topics are front/<sweep id> and parse back")
    func topics() throws {
        #expect(FrontTopic.for(sweepID: "sweep-1") == "front/sweep-1")
        #expect(FrontTopic.for(sweepID: "s").hasPrefix(FrontTopic.prefix))
        #expect(try FrontTopic.sweepID(fromTopicFrame: Data("front/sweep-1".utf8)) == "sweep-1")
        #expect(protocolError { try FrontTopic.sweepID(fromTopicFrame: Data("front/".utf8)) } == .badTopic("topic names no sweep"))
        if case .badTopic? = protocolError({ try FrontTopic.sweepID(fromTopicFrame: Data("status/x".utf8)) }) {} else {
            Issue.record("a foreign topic was accepted")
        }
        if case .badTopic? = protocolError({ try FrontTopic.sweepID(fromTopicFrame: Data([0x66, 0xFF, 0xFE])) }) {} else {
            Issue.record("a non-UTF-8 topic was accepted")
        }
    }

    @Test("Publications round trip through PUB/SUB frames")
    func publication() throws {
        guard case let .frontUpdate(update) = Samples.allBodies[15] else { return }
        let envelope = try codec.encode(.frontUpdate(update), messageID: 18)
        let frames = Framing.Publication(sweepID: update.sweepID, envelope: envelope).frames
        #expect(frames.count == 2)
        #expect(frames[0] == Data("front/sweep-1".utf8))
        let decoded = try codec.decode(publication: frames)
        #expect(decoded.sweepID == "sweep-1")
        #expect(decoded.update == update)
    }

    @Test("Publications with a wrong frame count are refused", arguments: [0, 1, 3])
    func publicationFrameCount(count: Int) {
        let frames = Array(repeating: Data("front/s".utf8), count: count)
        #expect(protocolError { try Framing.parsePublication(frames) } == .wrongFrameCount(expected: 2, actual: count))
        #expect(protocolError { try codec.decode(publication: frames) } == .wrongFrameCount(expected: 2, actual: count))
    }

    @Test("A publication whose topic and update disagree, or that is not an update, is refused")
    func publicationMismatch() throws {
        guard case let .frontUpdate(update) = Samples.allBodies[15] else { return }
        let envelope = try codec.encode(.frontUpdate(update), messageID: 1)
        if case .badTopic? = protocolError({ try codec.decode(publication: [Data("front/other".utf8), envelope]) }) {} else {
            Issue.record("an update under another sweep's topic was accepted")
        }
        let heartbeat = try codec.encode(.heartbeat(Heartbeat()), messageID: 2)
        #expect(protocolError { try codec.decode(publication: [Data("front/sweep-1".utf8), heartbeat]) } == .unknownMessage)
    }

    @Test("DEALER messages are exactly one frame")
    func dealer() throws {
        let envelope = try codec.encode(.hello(Samples.hello), messageID: 1)
        #expect(Framing.dealerFrames(envelope) == [envelope])
        #expect(try codec.decode(dealerMessage: [envelope]).hello == Samples.hello)
        #expect(protocolError { try Framing.parseDealerMessage([]) } == .wrongFrameCount(expected: 1, actual: 0))
        #expect(protocolError { try Framing.parseDealerMessage([Data(), envelope]) } == .wrongFrameCount(expected: 1, actual: 2))
    }

    @Test("ROUTER messages are a routing id and an envelope")
    func router() throws {
        let envelope = try codec.encode(.hello(Samples.hello), messageID: 1)
        let id = Data([0x00, 0x6B, 0x8B, 0x45, 0x67])
        let routed = Framing.Routed(routingID: id, envelope: envelope)
        #expect(routed.frames == [id, envelope])
        let decoded = try codec.decode(routerMessage: routed.frames)
        #expect(decoded.routingID == id)
        #expect(decoded.envelope.hello == Samples.hello)
        // A REQ peer's empty delimiter frame makes three frames: refused.
        #expect(protocolError { try Framing.parseRouterMessage([id, Data(), envelope]) } == .wrongFrameCount(expected: 2, actual: 3))
        #expect(protocolError { try Framing.parseRouterMessage([envelope]) } == .wrongFrameCount(expected: 2, actual: 1))
        #expect(protocolError { try Framing.parseRouterMessage([Data(), envelope]) } == .malformed("empty routing id frame"))
    }
}
