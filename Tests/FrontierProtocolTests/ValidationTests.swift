import Foundation
import Testing
@testable import FrontierProtocol

@Suite("Semantic validation and error replies")
struct ValidationTests {
    let codec = EnvelopeCodec()

    /// Serializes without the codec's checks, as a buggy or hostile peer would, then decodes.
    func decodeUnchecked(_ body: Envelope.Body) throws -> ProtocolError? {
        let bytes: Data = try codec.envelope(body, messageID: 1).serializedBytes()
        return protocolError { try codec.decode(bytes) }
    }

    /// The field path of an `.invalid` error, or nil for any other outcome.
    func invalidField(_ error: ProtocolError?) -> String? {
        if case let .invalid(field, _)? = error { return field }
        return nil
    }

    @Test("A task assignment without a task id is refused")
    func emptyTaskID() throws {
        var assign = Samples.taskAssign
        assign.taskID = ""
        #expect(invalidField(try decodeUnchecked(.taskAssign(assign))) == "task_assign.task_id")
        // The sender is stopped too, before anything reaches the wire.
        #expect(invalidField(protocolError { try codec.encode(.taskAssign(assign), messageID: 1) }) == "task_assign.task_id")
    }

    @Test("A result with a non-finite objective is refused", arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteObjective(value: Double) throws {
        var result = TaskResult()
        result.taskID = "t"
        result.attempt = 1
        result.workerName = "w"
        result.objectives = ["error_rate": 0.1, "global_fidelity": value]
        #expect(invalidField(try decodeUnchecked(.taskResult(result))) == "task_result.objectives[global_fidelity]")
    }

    @Test("With several offenders in a map, the first key in order is reported, on every run")
    func deterministicOffender() throws {
        var result = TaskResult()
        result.taskID = "t"
        result.attempt = 1
        result.workerName = "w"
        result.objectives = Dictionary(uniqueKeysWithValues: (0..<50).map { ("o\($0 + 10)", Double.nan) })
        result.objectives["a"] = 1
        for _ in 0..<5 {
            #expect(invalidField(try decodeUnchecked(.taskResult(result))) == "task_result.objectives[o10]")
        }
    }

    @Test("Slot counts outside 1...1024 are refused", arguments: [UInt32(0), 1025, .max])
    func slots(slots: UInt32) throws {
        var hello = Samples.hello
        hello.slots = slots
        hello.freeSlots = 0
        #expect(invalidField(try decodeUnchecked(.hello(hello))) == "hello.slots")
    }

    @Test("More free slots than slots is refused")
    func freeSlots() throws {
        var hello = Samples.hello
        hello.freeSlots = 3
        #expect(invalidField(try decodeUnchecked(.hello(hello))) == "hello.free_slots")
    }

    @Test("Other rules: attempts, hashes, lengths, counts, leases")
    func otherRules() throws {
        var assign = Samples.taskAssign
        assign.attempt = 0
        #expect(invalidField(try decodeUnchecked(.taskAssign(assign))) == "task_assign.attempt")

        assign = Samples.taskAssign
        assign.shardSha256 = "not-a-hash"
        #expect(invalidField(try decodeUnchecked(.taskAssign(assign))) == "task_assign.shard_sha256")

        assign = Samples.taskAssign
        assign.leaseMs = 0
        #expect(invalidField(try decodeUnchecked(.taskAssign(assign))) == "task_assign.lease_ms")

        assign = Samples.taskAssign
        assign.jobKind = String(repeating: "j", count: 257)
        #expect(invalidField(try decodeUnchecked(.taskAssign(assign))) == "task_assign.job_kind")

        assign = Samples.taskAssign
        assign.parameters = Dictionary(uniqueKeysWithValues: (0..<257).map { ("p\($0)", 1.0) })
        #expect(invalidField(try decodeUnchecked(.taskAssign(assign))) == "task_assign.parameters")

        var hello = Samples.hello
        hello.shards[0].sha256 = String(repeating: "g", count: 64)
        #expect(invalidField(try decodeUnchecked(.hello(hello))) == "hello.shards[0].sha256")

        var update = FrontUpdate()
        update.sweepID = "s"
        update.rows = [Samples.frontRow]
        update.rows[0].objectiveMeans["error_rate"] = .nan
        #expect(invalidField(try decodeUnchecked(.frontUpdate(update))) == "front_update.rows[0].objective_means[error_rate]")

        var progress = TaskProgress()
        progress.taskID = "t"
        progress.attempt = 1
        progress.step = 21
        progress.totalSteps = 20
        #expect(invalidField(try decodeUnchecked(.progress(progress))) == "progress.step")
    }

    @Test("Recipe checksums are empty or 64 lower-case hex digits", arguments: [
        String(repeating: "AB", count: 32), String(repeating: "a", count: 63), String(repeating: "g", count: 64), " ",
    ])
    func recipeChecksums(bad: String) throws {
        var hello = Samples.hello
        hello.shards[0].recipeSha256 = bad
        #expect(invalidField(try decodeUnchecked(.hello(hello))) == "hello.shards[0].recipe_sha256")
        var assign = Samples.taskAssign
        assign.recipeSha256 = bad
        #expect(invalidField(try decodeUnchecked(.taskAssign(assign))) == "task_assign.recipe_sha256")
        assign.recipeSha256 = ""
        #expect(invalidField(try decodeUnchecked(.taskAssign(assign))) == nil)
    }

    @Test("Results pages: a sweep id, records with ids and finite parameters, and next_offset within total")
    func resultsRules() throws {
        var request = SweepResultsRequest()
        #expect(invalidField(try decodeUnchecked(.sweepResultsRequest(request))) == "sweep_results_request.sweep_id")
        request.sweepID = "s"
        #expect(invalidField(try decodeUnchecked(.sweepResultsRequest(request))) == nil)

        var page = SweepResults()
        page.sweepID = "s"
        page.records = [Samples.runResult]
        page.total = 1
        page.nextOffset = 2
        #expect(invalidField(try decodeUnchecked(.sweepResults(page))) == "sweep_results.next_offset")
        page.nextOffset = 1
        page.records[0].taskID = ""
        #expect(invalidField(try decodeUnchecked(.sweepResults(page))) == "sweep_results.records[0].task_id")
        page.records[0] = Samples.runResult
        page.records[0].parameters["alpha"] = .infinity
        #expect(invalidField(try decodeUnchecked(.sweepResults(page))) == "sweep_results.records[0].parameters[alpha]")
        // Stored objectives are listed as they are, a diverged run's NaN included.
        page.records[0] = Samples.runResult
        page.records[0].objectives["error_rate"] = .nan
        #expect(invalidField(try decodeUnchecked(.sweepResults(page))) == nil)
    }

    @Test("Error replies carry the code of each failure", arguments: [
        (ProtocolError.oversize(bytes: 10, limit: 5), ErrorCode.oversize),
        (.malformed("truncated"), .badFrame),
        (.unknownMessage, .unknownMessage),
        (.unsupportedVersion(peer: ProtocolVersion(major: 2, minor: 0), ours: .current), .unsupportedVersion),
        (.invalid(field: "task_assign.task_id", reason: "must not be empty"), .invalidRequest),
        (.wrongFrameCount(expected: 2, actual: 3), .badFrame),
        (.badTopic("x"), .badFrame),
    ])
    func errorReply(error: ProtocolError, code: ErrorCode) throws {
        let reply = codec.errorReply(for: error, inReplyTo: 41, messageID: 9)
        #expect(reply.error.code == code)
        #expect(reply.error.message == error.description)
        #expect(reply.inReplyTo == 41)
        #expect(reply.messageID == 9)
        // The reply itself passes our own checks, so it can be sent.
        #expect(try codec.decode(codec.encode(reply)) == reply)
    }

    @Test("A version refusal names both majors")
    func versionReply() throws {
        let newer = EnvelopeCodec(version: ProtocolVersion(major: 3, minor: 1))
        let request = try newer.encode(.sweepStatusRequest(SweepStatusRequest()), messageID: 77)
        guard let error = protocolError({ try codec.decode(request) }) else {
            Issue.record("a major-3 envelope was accepted")
            return
        }
        let reply = codec.errorReply(for: error, inReplyTo: codec.messageID(ofRejected: request), messageID: 1)
        #expect(reply.error.code == .unsupportedVersion)
        #expect(reply.error.receivedMajorVersion == 3)
        #expect(reply.error.supportedMajorVersion == 1)
        #expect(reply.inReplyTo == 77)
        #expect(codec.messageID(ofRejected: Data([0xFF])) == 0)
    }
}
