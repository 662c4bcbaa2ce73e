import Foundation
import Testing
import FrontierProtocol
@testable import FrontierCluster

/// `ClusterClient` against the stand-in coordinator of `WorkerAgentTests`, which can
/// answer with replies the real one never sends.
@Suite("Cluster client against a stand-in coordinator", .serialized, .timeLimit(.minutes(1)))
struct ClusterClientTests {
    /// A reply of the wrong kind throws `.unexpectedReply` naming both kinds, and the same
    /// client still serves the next request (the CLI reuses one client per command).
    @Test func unexpectedReply() throws {
        let coordinator = try FakeCoordinator()
        defer { coordinator.close() }
        let client = try ClusterClient(endpoint: coordinator.endpoint, timeout: .seconds(5))
        defer { client.close() }
        // The stand-in answers on its own thread while the client waits; only that thread uses it until `answered`.
        nonisolated(unsafe) let fake = coordinator
        let answered = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            defer { answered.signal() }
            let isStatus: (Envelope.Body) -> Bool = { if case .sweepStatusRequest = $0 { true } else { false } }
            guard let (peer, first) = try? fake.receive(where: isStatus) else { return }
            try? fake.send(.ack(Ack()), to: peer, inReplyTo: first.messageID)
            guard let (_, second) = try? fake.receive(where: isStatus) else { return }
            var summary = SweepSummary()
            summary.sweepID = "s1"
            var status = FrontierProtocol.SweepStatus()
            status.sweeps = [summary]
            try? fake.send(.sweepStatus(status), to: peer, inReplyTo: second.messageID)
        }
        let error = #expect(throws: ClusterClient.ClientError.self) { try client.status(sweepID: "s1") }
        guard case .unexpectedReply(let expected, let received)? = error else {
            Issue.record("expected unexpectedReply, got \(String(describing: error))")
            answered.wait()
            return
        }
        #expect(expected == "SweepStatus" && received == "Ack")
        #expect(error?.description == "the coordinator answered with Ack where SweepStatus was expected")
        #expect(try client.status(sweepID: "s1").sweeps.map(\.sweepID) == ["s1"])
        answered.wait()
    }
}
