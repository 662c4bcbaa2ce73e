import Foundation
import Testing
import FrontierCoordinator
import FrontierPareto
import FrontierProtocol
import FrontierSweep
@testable import FrontierCluster

@Suite("Status messages")
struct StatusMessageTests {
    @Test("A status with blocked tasks is a valid SweepStatus, naming a stuck task per reason")
    func blockedStatusEncodes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("status-\(UUID().uuidString)").path
        let scheduler = try Scheduler(restoringFrom: CoordinatorStore.open(directory: directory), now: 0)
        let tasks = (0..<3).map { i in
            TaskSpec(taskID: "s1/\(i)", sweepID: "s1", index: i, jobKind: "noop", parameters: [:], seed: UInt64(i),
                     shard: ShardReference(dataset: "toy", shardID: 0), jobSpec: Data())
        }
        _ = try scheduler.submit(SweepSubmission(sweepID: "s1", name: "s", spec: "", objectives: [Objective(name: "loss")],
                                                 tasks: tasks), now: 0)
        var message = FrontierProtocol.SweepStatus()
        message.sweeps = scheduler.status().map { SweepSummary($0, now: 0) }
        let bytes = try EnvelopeCodec().encode(.sweepStatus(message), messageID: 1, inReplyTo: 1)
        guard case .sweepStatus(let decoded)? = try EnvelopeCodec().decode(bytes).body else {
            Issue.record("not a status")
            return
        }
        #expect(decoded.sweeps[0].stuck.count == 1)
        #expect(decoded.sweeps[0].stuck[0].taskID == "s1/0")
    }
}
