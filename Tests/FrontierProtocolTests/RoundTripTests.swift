import Foundation
import Testing
@testable import FrontierProtocol

@Suite("Envelope round trips")
struct RoundTripTests {
    let codec = EnvelopeCodec()

    @Test("Every body type survives encode then decode", arguments: Samples.allBodies)
    func roundTrip(body: Envelope.Body) throws {
        let bytes = try codec.encode(body, messageID: 7, inReplyTo: 3)
        let envelope = try codec.decode(bytes)
        #expect(envelope.body == body, "\(body.messageName)")
        #expect(envelope.majorVersion == ProtocolVersion.current.major)
        #expect(envelope.minorVersion == ProtocolVersion.current.minor)
        #expect(envelope.messageID == 7)
        #expect(envelope.inReplyTo == 3)
    }

    @Test("The samples cover every case of the oneof")
    func samplesCoverSchema() {
        let names = Set(Samples.allBodies.map(\.messageName))
        // `messageName` switches exhaustively, so a new oneof case fails to compile until named;
        // 19 distinct names here means a sample exists for each.
        #expect(names.count == 19)
    }

    @Test("Progress may carry non-finite metrics of a diverging run")
    func nonFiniteMetrics() throws {
        var progress = TaskProgress()
        progress.taskID = "t"
        progress.attempt = 1
        progress.metrics = ["train_loss": .nan, "val_loss": .infinity]
        let decoded = try codec.decode(codec.encode(.progress(progress), messageID: 1))
        #expect(decoded.progress.metrics["train_loss"]?.isNaN == true)
        #expect(decoded.progress.metrics["val_loss"] == .infinity)
    }

    @Test("Opaque payloads are carried byte for byte")
    func opaquePayloads() throws {
        var assign = Samples.taskAssign
        assign.jobSpec = Data((0...255).map { UInt8($0) })
        let decoded = try codec.decode(codec.encode(.taskAssign(assign), messageID: 1))
        #expect(decoded.taskAssign.jobSpec == assign.jobSpec)
    }

    @Test("Unknown fields inside a known body are ignored")
    func unknownFieldIgnored() throws {
        // A Hello with an extra field 50 (varint 9), as a newer minor version might send.
        var helloBytes: Data = try Samples.hello.serializedBytes()
        helloBytes.append(contentsOf: [0x90, 0x03, 0x09])  // tag (50 << 3 | 0) = 400, value 9
        var bytes = craftedEnvelope(major: 1)
        bytes.append(contentsOf: [0x52])  // field 10 (hello), length-delimited
        bytes.append(varint(UInt64(helloBytes.count)))
        bytes.append(helloBytes)
        let decoded = try codec.decode(bytes)
        #expect(decoded.hello.workerName == "jetson-3")
        #expect(!decoded.hello.unknownFields.data.isEmpty)
    }
}
