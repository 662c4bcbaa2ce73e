import Foundation
import Testing
@testable import FrontierProtocol

/// One realistic instance of every body type, with every field set, so a round trip exercises
/// every field's encoding.
enum Samples {
    static let sha = String(repeating: "ab12", count: 16)
    static let recipeSHA = String(repeating: "0f9e", count: 16)

    static var hello: Hello {
        var shard = ShardInfo()
        shard.dataset = "adult"
        shard.shardID = 2
        shard.trainRows = 24_000
        shard.testRows = 6_000
        shard.sha256 = sha
        shard.recipe = "one-hot categoricals, standardised numerics, 80/20 split"
        shard.recipeSha256 = recipeSHA
        var m = Hello()
        m.workerName = "jetson-3"
        m.instanceID = "9f1c2e7a"
        m.softwareVersion = "0.4.0"
        m.slots = 2
        m.freeSlots = 1
        m.shards = [shard]
        m.jobKinds = ["joint", "stl"]
        m.runningTaskIds = ["sweep-1/task-7"]
        return m
    }

    static var taskAssign: TaskAssign {
        var m = TaskAssign()
        m.taskID = "sweep-1/task-7"
        m.sweepID = "sweep-1"
        m.attempt = 2
        m.jobKind = "joint"
        m.parameters = ["alpha": 0.3, "lambda": -1.5]
        m.seed = 0xDEAD_BEEF_CAFE
        m.dataset = "adult"
        m.shardID = 2
        m.shardSha256 = sha
        m.jobSpec = Data(#"{"epochs":20,"hidden":[64,32]}"#.utf8)
        m.leaseMs = 30_000
        m.recipeSha256 = recipeSHA
        return m
    }

    static var runResult: RunResult {
        var r = RunResult()
        r.taskID = "sweep-1/7"
        r.taskIndex = 7
        r.jobKind = "joint"
        r.parameters = ["alpha": 0.3]
        r.seed = 3
        r.dataset = "adult"
        r.shardID = 2
        r.workerName = "jetson-3"
        r.objectives = ["error_rate": 0.14, "global_fidelity": 0.08]
        r.trainingMs = 81_000
        r.evaluationMs = 0  // present and zero: not the same as unknown
        r.report = Data(#"{"epochs":12}"#.utf8)
        r.attempt = 2
        return r
    }

    static var frontRow: FrontRow {
        var row = FrontRow()
        row.dataset = "adult"
        row.parameters = ["alpha": 0.3]
        row.objectiveMeans = ["error_rate": 0.145, "global_fidelity": 0.08]
        row.objectiveStds = ["error_rate": 0.004, "global_fidelity": 0.01]
        row.replicatesDone = 3
        row.onFront = true
        row.lastWorker = "jetson-3"
        row.rowKey = "adult|alpha=0.3"
        return row
    }

    /// Every body case of the schema, in schema order.
    static var allBodies: [Envelope.Body] {
        var heartbeat = Heartbeat()
        heartbeat.freeSlots = 1
        heartbeat.runningTaskIds = ["sweep-1/task-7", "sweep-1/task-8"]

        var progress = TaskProgress()
        progress.taskID = "sweep-1/task-7"
        progress.attempt = 2
        progress.step = 5
        progress.totalSteps = 20
        progress.metrics = ["train_loss": 0.41, "val_loss": 0.47]
        progress.elapsedMs = 12_345

        var result = TaskResult()
        result.taskID = "sweep-1/task-7"
        result.attempt = 2
        result.parameters = ["alpha": 0.3]
        result.objectives = ["error_rate": 0.14, "global_fidelity": 0.08, "nll": -0.2]
        result.report = Data(#"{"confusion":[[1,2],[3,4]]}"#.utf8)
        result.workerName = "jetson-3"
        result.trainingMs = 81_000
        result.evaluationMs = 4_000

        var failure = TaskFailure()
        failure.taskID = "sweep-1/task-9"
        failure.attempt = 1
        failure.reason = "shard adult/2 hash mismatch"
        failure.retryable = false

        var cancel = Cancel()
        cancel.taskID = "sweep-1/task-7"
        cancel.reason = "sweep cancelled"

        var ack = Ack()
        ack.ackedMessageID = 42
        ack.taskID = "sweep-1/task-7"

        var submit = SweepSubmit()
        submit.spec = "name: adult-alpha\nmethod: joint\nalpha: [0, 0.25, 0.5]\n"
        submit.specFormat = "yaml"

        var accepted = SweepAccepted()
        accepted.sweepID = "sweep-1"
        accepted.taskCount = 15

        var statusRequest = SweepStatusRequest()
        statusRequest.sweepID = ""

        var stuck = PendingReason()
        stuck.taskID = "sweep-1/task-12"
        stuck.reason = "no connected worker holds shard adult/2"
        var summary = SweepSummary()
        summary.sweepID = "sweep-1"
        summary.name = "adult-alpha"
        summary.state = .running
        summary.tasksPending = 4
        summary.tasksRunning = 2
        summary.tasksDone = 8
        summary.tasksFailed = 1
        summary.stuck = [stuck]
        var status = SweepStatus()
        status.sweeps = [summary]

        var sweepCancel = SweepCancel()
        sweepCancel.sweepID = "sweep-1"

        var snapshotRequest = FrontSnapshotRequest()
        snapshotRequest.sweepID = "sweep-1"

        var snapshot = FrontSnapshot()
        snapshot.sweepID = "sweep-1"
        snapshot.sequence = 17
        snapshot.rows = [frontRow, frontRow]
        snapshot.rows[1].rowKey = "adult|alpha=0.5"
        snapshot.rows[1].onFront = false
        snapshot.referencePoint = ["error_rate": 1, "global_fidelity": 1]
        snapshot.hypervolume = 0.72
        snapshot.done = false

        var update = FrontUpdate()
        update.sweepID = "sweep-1"
        update.sequence = 18
        update.rows = [frontRow]
        update.hypervolume = 0.73
        update.done = true

        var error = ErrorMessage()
        error.code = .unsupportedVersion
        error.message = "unsupported protocol version 2.0"
        error.receivedMajorVersion = 2
        error.supportedMajorVersion = 1

        var resultsRequest = SweepResultsRequest()
        resultsRequest.sweepID = "sweep-1"
        resultsRequest.offset = 256
        resultsRequest.limit = 100

        var results = SweepResults()
        results.sweepID = "sweep-1"
        results.records = [runResult, runResult]
        results.records[1].taskID = "sweep-1/8"
        results.records[1].clearTrainingMs()
        results.records[1].report = Data()
        results.records[1].reportOmitted = true
        results.total = 300
        results.nextOffset = 258

        return [
            .hello(hello), .heartbeat(heartbeat), .taskAssign(taskAssign), .progress(progress),
            .taskResult(result), .taskFailure(failure), .cancel(cancel), .ack(ack),
            .sweepSubmit(submit), .sweepAccepted(accepted), .sweepStatusRequest(statusRequest),
            .sweepStatus(status), .sweepCancel(sweepCancel), .frontSnapshotRequest(snapshotRequest),
            .frontSnapshot(snapshot), .frontUpdate(update), .error(error),
            .sweepResultsRequest(resultsRequest), .sweepResults(results),
        ]
    }
}

/// The ProtocolError `body` throws, or nil when it succeeds. (The codec's API throws only
/// ProtocolError; closures here are untyped because Swift infers `any Error` for them.)
func protocolError<T>(_ body: () throws -> T) -> ProtocolError? {
    do {
        _ = try body()
        return nil
    } catch let error as ProtocolError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

/// SplitMix64: a tiny seeded generator so random-input tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Protobuf base-128 varint encoding, for hand-crafted envelopes.
func varint(_ value: UInt64) -> Data {
    var v = value
    var out = Data()
    while v >= 0x80 {
        out.append(UInt8(v & 0x7F) | 0x80)
        v >>= 7
    }
    out.append(UInt8(v))
    return out
}

/// Hand-crafted envelope bytes: header fields 1-3, then `tail` (raw body fields).
func craftedEnvelope(major: UInt64, minor: UInt64 = 0, messageID: UInt64 = 5, tail: Data = Data()) -> Data {
    var bytes = Data([0x08]) + varint(major)      // field 1, varint
    bytes += Data([0x10]) + varint(minor)         // field 2, varint
    bytes += Data([0x18]) + varint(messageID)     // field 3, varint
    return bytes + tail
}

/// Parameterised tests name each body by its message type instead of dumping it in text format.
extension Frontier_V1_Envelope.OneOf_Body: CustomTestStringConvertible {
    public var testDescription: String { messageName }
}
