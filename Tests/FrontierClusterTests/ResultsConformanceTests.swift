import Foundation
import Testing
import FrontierProtocol

/// Protocol 1.3 against `proto-schema/README.md`, through frames only: recipe checksums on
/// `ShardInfo` and `TaskAssign`, and `SweepResultsRequest` → `SweepResults` paging.
extension ProtocolConformanceTests {
    /// The hello of `worker` with its shard's recipe checksum set to `recipe`.
    static func hello(_ worker: RawWorker, recipe: String) -> Hello {
        var hello = worker.hello
        hello.shards[0].recipeSha256 = recipe
        return hello
    }

    static func isLowerHex64(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    @Test("TaskAssign carries the sweep's recipe checksum; a worker advertising another recipe gets nothing, and status says why")
    func recipeChecksumOnTheWire() throws {
        let head = try Head()
        let stranger = try RawWorker(endpoint: head.coordinator.router, name: "other-recipe")
        guard case .ack? = try stranger.peer.request(.hello(Self.hello(stranger, recipe: String(repeating: "0", count: 64))))?.body else {
            Issue.record("a Hello with a well-formed recipe_sha256 was not acknowledged")
            return
        }
        let sweep = try head.submit(conformanceSpec(points: [0.5], seeds: [1]))
        #expect(try stranger.nextAssignment(within: .seconds(1)) == nil, "a task went to a shard of another recipe")
        let stuck = try #require(try head.summary(sweep).stuck.first)
        #expect(stuck.reason.contains("prepared with the sweep's recipe"), "\(stuck.reason)")

        // A worker that names no recipe (protocol 1.2) is served, and learns the sweep's pin.
        let older = try RawWorker(endpoint: head.coordinator.router, name: "older")
        _ = try older.introduce()
        let assign = try #require(try older.nextAssignment())
        #expect(Self.isLowerHex64(assign.recipeSha256), "recipe_sha256 \(assign.recipeSha256)")
        #expect(assign.recipeSha256 != String(repeating: "0", count: 64))
    }

    @Test("A recipe_sha256 that is not empty or 64 lower-case hex digits is refused, naming the field")
    func malformedRecipeChecksum() throws {
        let head = try Head()
        for bad in [String(repeating: "AB", count: 32), "abc", String(repeating: "g", count: 64)] {
            let worker = try RawWorker(endpoint: head.coordinator.router, name: "bad-\(bad.prefix(3))")
            let error = try #require(Self.error(try worker.peer.request(.hello(Self.hello(worker, recipe: bad)))),
                                     "recipe_sha256 \(bad) was accepted")
            #expect(error.code == .invalidRequest)
            #expect(error.message.contains("hello.shards[0].recipe_sha256"), "\(error.message)")
        }
    }

    /// Runs `count` tasks of a noop sweep on a raw worker, each result with a report of
    /// `reportBytes` bytes (a JSON string) and timings 10·i and i ms; returns the sweep id and results.
    static func finishedSweep(_ head: Head, count: Int, reportBytes: Int = 16) throws -> (String, [String: TaskResult]) {
        let worker = try RawWorker(endpoint: head.coordinator.router)
        _ = try worker.introduce()
        let sweep = try head.submit(conformanceSpec(points: (0..<count).map { Double($0) / 10 }, seeds: [1]))
        var sent: [String: TaskResult] = [:]
        for i in 0..<count {
            let assign = try #require(try worker.nextAssignment())
            var result = worker.result(of: assign)
            result.report = Data(("\"" + String(repeating: Character(UnicodeScalar(UInt8(97 + i % 26))), count: reportBytes) + "\"").utf8)
            result.trainingMs = UInt64(10 * i)
            result.evaluationMs = UInt64(i)
            guard case .ack? = try worker.peer.request(.taskResult(result), within: .seconds(10))?.body else {
                throw HarnessError.unexpected("result \(i) was not acknowledged")
            }
            sent[assign.taskID] = result
        }
        return (sweep, sent)
    }

    func results(_ head: Head, _ sweep: String, offset: UInt32, limit: UInt32) throws -> (Envelope, SweepResults) {
        var request = SweepResultsRequest()
        request.sweepID = sweep
        request.offset = offset
        request.limit = limit
        let reply = try #require(try head.client.request(.sweepResultsRequest(request), within: .seconds(10)),
                                 "no reply to SweepResultsRequest")
        guard case .sweepResults(let page)? = reply.body else {
            throw HarnessError.unexpected("SweepResultsRequest answered with \(String(describing: reply.body))")
        }
        return (reply, page)
    }

    @Test("SweepResults pages through a sweep's runs with every field of each, and NOT_FOUND for an unknown sweep")
    func resultsPaging() throws {
        let head = try Head()
        let (sweep, sent) = try Self.finishedSweep(head, count: 4)
        let (_, first) = try results(head, sweep, offset: 0, limit: 3)
        #expect(first.sweepID == sweep && first.total == 4 && first.records.count == 3 && first.nextOffset == 3)
        let (_, second) = try results(head, sweep, offset: first.nextOffset, limit: 3)
        #expect(second.records.count == 1 && second.nextOffset == 4 && second.total == 4)
        let records = first.records + second.records
        #expect(Set(records.map(\.taskID)) == Set(sent.keys))
        for record in records {
            let result = try #require(sent[record.taskID])
            #expect(record.taskID == "\(sweep)/\(record.taskIndex)")
            #expect(record.jobKind == "noop" && record.dataset == "synthetic-classification" && record.shardID == 0)
            #expect(record.parameters == result.parameters && record.seed == 1 && record.attempt == 1)
            #expect(record.workerName == "raw-worker" && record.objectives == result.objectives)
            #expect(record.hasTrainingMs && record.trainingMs == result.trainingMs)
            #expect(record.hasEvaluationMs && record.evaluationMs == result.evaluationMs)
            #expect(record.report == result.report && !record.reportOmitted)
        }
        var unknown = SweepResultsRequest()
        unknown.sweepID = "no-such-sweep"
        let error = try #require(Self.error(try head.client.request(.sweepResultsRequest(unknown))), "an unknown sweep's results were listed")
        #expect(error.code == .notFound)
        #expect(error.message.contains("no-such-sweep"))
    }

    @Test("Pages of large reports each fit the 4 MiB envelope limit, and together hold every report whole")
    func resultsPagesFitTheFrameLimit() throws {
        let head = try Head()
        // Five reports of 1.5 MiB: at most two fit one reply.
        let (sweep, sent) = try Self.finishedSweep(head, count: 5, reportBytes: 3 << 19)
        var offset: UInt32 = 0
        var received: [RunResult] = []
        var pages = 0
        while pages < 10 {
            let (reply, page) = try results(head, sweep, offset: offset, limit: 0)
            #expect(try (reply.serializedBytes() as Data).count <= 4 << 20)
            #expect(!page.records.isEmpty && page.records.count <= 2)
            received += page.records
            offset = page.nextOffset
            pages += 1
            if page.nextOffset >= page.total { break }
        }
        #expect(pages >= 3)
        #expect(received.count == 5)
        for record in received { #expect(record.report == sent[record.taskID]?.report && !record.reportOmitted) }
    }
}
