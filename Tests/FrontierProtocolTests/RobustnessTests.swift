import Foundation
import Testing
@testable import FrontierProtocol

/// Untrusted input: whatever bytes arrive, the codec answers with a value or a ProtocolError.
@Suite("Decoding untrusted bytes")
struct RobustnessTests {
    let codec = EnvelopeCodec()

    @Test("Random bytes of many sizes are refused, never trapped on")
    func randomBytes() {
        var g = SeededGenerator(seed: 20_260_101)
        var refused = 0
        let sizes = Array(0...64) + [100, 127, 128, 255, 256, 1000, 4096, 65_537]
        for size in sizes {
            for _ in 0..<40 {
                let bytes = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &g) })
                if protocolError({ try codec.decode(bytes) }) != nil { refused += 1 }
            }
        }
        // Passing by chance as a valid major-1 envelope is possible in principle, vanishingly rare in practice.
        #expect(refused >= sizes.count * 40 - 1)
    }

    @Test("Every prefix of valid envelopes decodes or is refused", arguments: [2, 4, 14, 15])
    func truncations(sampleIndex: Int) throws {
        let body = Samples.allBodies[sampleIndex]
        let bytes = try codec.encode(body, messageID: 99)
        for length in 0..<bytes.count {
            let prefix = bytes.prefix(length)
            // Cutting at a field boundary can leave a valid shorter envelope; cutting inside a
            // field must be reported. Either way: no trap.
            if let envelope = try? codec.decode(Data(prefix)) {
                #expect(envelope.body != nil)
            }
        }
        #expect(protocolError { try codec.decode(Data()) }
            == .unsupportedVersion(peer: ProtocolVersion(major: 0, minor: 0), ours: .current))
    }

    @Test("Corrupted bytes of a valid envelope are refused or decoded, never trapped on")
    func bitFlips() throws {
        var g = SeededGenerator(seed: 7)
        let bytes = try codec.encode(Samples.allBodies[14], messageID: 1)
        for _ in 0..<2_000 {
            var corrupted = bytes
            for _ in 0..<Int.random(in: 1...4, using: &g) {
                corrupted[Int.random(in: 0..<corrupted.count, using: &g)] = UInt8.random(in: 0...255, using: &g)
            }
            _ = try? codec.decode(corrupted)
        }
    }

    @Test("Malformed protobuf is reported as malformed")
    func malformed() {
        // Field 1 as a varint whose continuation bit never ends.
        let bytes = Data([0x08, 0xFF, 0xFF])
        guard case .malformed? = protocolError({ try codec.decode(bytes) }) else {
            Issue.record("expected .malformed")
            return
        }
    }

    @Test("A body field number the schema lacks is an unknown message")
    func unknownOneofCase() {
        // Field 99, length-delimited, holding a small message: what a newer peer's body looks like.
        let tail = varint(99 << 3 | 2) + Data([0x02, 0x08, 0x01])
        let bytes = craftedEnvelope(major: 1, tail: tail)
        #expect(protocolError { try codec.decode(bytes) } == .unknownMessage)
        // And no body at all.
        #expect(protocolError { try codec.decode(craftedEnvelope(major: 1)) } == .unknownMessage)
    }

    @Test("Oversize input is refused before parsing")
    func oversize() throws {
        // 0xFF bytes are not a valid envelope: getting .oversize rather than .malformed shows the
        // size was checked first.
        let limit = ProtocolLimits.default.maxEnvelopeBytes
        let bytes = Data(repeating: 0xFF, count: limit + 1)
        #expect(protocolError { try codec.decode(bytes) } == .oversize(bytes: limit + 1, limit: limit))

        // The limit is configurable, and applies to encoding too.
        let small = EnvelopeCodec(limits: ProtocolLimits(maxEnvelopeBytes: 64))
        let encoded = try codec.encode(.hello(Samples.hello), messageID: 1)
        #expect(protocolError { try small.decode(encoded) }
            == .oversize(bytes: encoded.count, limit: 64))
        #expect(protocolError { try small.encode(.hello(Samples.hello), messageID: 1) }
            == .oversize(bytes: encoded.count, limit: 64))
    }
}

@Suite("Protocol versions")
struct VersionTests {
    @Test("Another major version is refused, naming both")
    func otherMajor() throws {
        let newer = EnvelopeCodec(version: ProtocolVersion(major: 2, minor: 3))
        let bytes = try newer.encode(.heartbeat(Heartbeat()), messageID: 1)
        let error = protocolError { try EnvelopeCodec().decode(bytes) }
        #expect(error == .unsupportedVersion(peer: ProtocolVersion(major: 2, minor: 3), ours: .current))
        #expect(error?.description.contains("2.3") == true)
        #expect(error?.description.contains("major version 1") == true)
    }

    @Test("Major version is checked before the body")
    func majorBeforeBody() {
        let tail = varint(99 << 3 | 2) + Data([0x00])
        #expect(protocolError { try EnvelopeCodec().decode(craftedEnvelope(major: 2, tail: tail)) }
            == .unsupportedVersion(peer: ProtocolVersion(major: 2, minor: 0), ours: .current))
    }

    @Test("A newer minor version of the same major is accepted")
    func newerMinor() throws {
        let newer = EnvelopeCodec(version: ProtocolVersion(major: 1, minor: 7))
        let bytes = try newer.encode(.taskAssign(Samples.taskAssign), messageID: 1)
        let envelope = try EnvelopeCodec().decode(bytes)
        #expect(envelope.minorVersion == 7)
        #expect(envelope.taskAssign == Samples.taskAssign)
    }
}
