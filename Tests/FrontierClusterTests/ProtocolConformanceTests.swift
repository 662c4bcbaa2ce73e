import Foundation
import Testing
import FrontierProtocol

/// The coordinator against `proto-schema/README.md`, point by point, through frames
/// only (`RawPeer`): a real `frontier coordinator` process, and clients and workers
/// that know nothing but the schema.
@Suite("Protocol conformance (frames only)", .serialized, .timeLimit(.minutes(2)))
struct ProtocolConformanceTests {
    /// A coordinator process with its own state directory, ended with the test.
    final class Head {
        let group: ChildGroup
        let coordinator: CoordinatorProcess
        let client: RawPeer

        init(lease: Double = 15, extraArguments: [String] = []) throws {
            group = try ChildGroup()
            coordinator = try CoordinatorProcess.start(in: group, state: group.directory.appendingPathComponent("state").path,
                                                       lease: lease, extraArguments: extraArguments)
            client = try RawPeer(endpoint: coordinator.router)
        }

        deinit {
            client.close()
            group.killAll()
        }

        /// Submits `spec`; the sweep's id.
        func submit(_ spec: String = conformanceSpec(), format: String = "yaml") throws -> String {
            var submit = SweepSubmit()
            submit.spec = spec
            submit.specFormat = format
            let reply = try #require(try client.request(.sweepSubmit(submit)), "no reply to SweepSubmit")
            guard case .sweepAccepted(let accepted)? = reply.body else {
                throw HarnessError.unexpected("SweepSubmit answered with \(String(describing: reply.body))")
            }
            return accepted.sweepID
        }

        func status(_ sweepID: String = "") throws -> Envelope? {
            var request = SweepStatusRequest()
            request.sweepID = sweepID
            return try client.request(.sweepStatusRequest(request))
        }

        func summary(_ sweepID: String) throws -> SweepSummary {
            guard case .sweepStatus(let status)? = try status(sweepID)?.body, let summary = status.sweeps.first else {
                throw HarnessError.unexpected("no SweepStatus for \(sweepID)")
            }
            return summary
        }

        func snapshot(_ sweepID: String) throws -> FrontSnapshot {
            var request = FrontSnapshotRequest()
            request.sweepID = sweepID
            guard case .frontSnapshot(let snapshot)? = try client.request(.frontSnapshotRequest(request))?.body else {
                throw HarnessError.unexpected("no FrontSnapshot for \(sweepID)")
            }
            return snapshot
        }
    }

    static func error(_ envelope: Envelope?) -> ErrorMessage? {
        if case .error(let e)? = envelope?.body { return e }
        return nil
    }

    // MARK: - Requests and replies

    @Test("Hello is answered by an Ack naming it")
    func helloIsAcknowledged() throws {
        let head = try Head()
        let worker = try RawWorker(endpoint: head.coordinator.router)
        let id = worker.peer.nextID
        let reply = try #require(try worker.introduce(), "no reply to Hello")
        guard case .ack(let ack)? = reply.body else {
            Issue.record("Hello answered with \(String(describing: reply.body)), not Ack")
            return
        }
        #expect(reply.inReplyTo == id)
        #expect(ack.ackedMessageID == id)
    }

    @Test("SweepStatus is answered while tasks wait for a worker, naming a stuck task per reason")
    func statusWhileBlocked() throws {
        let head = try Head()
        let sweep = try head.submit()
        for id in [sweep, ""] {
            let reply = try #require(try head.status(id), "no reply to SweepStatusRequest(\(id)) while tasks are blocked")
            guard case .sweepStatus(let status)? = reply.body else {
                Issue.record("answered with \(String(describing: reply.body))")
                continue
            }
            let stuck = try #require(status.sweeps.first?.stuck.first)
            #expect(stuck.taskID.hasPrefix("\(sweep)/"))
            #expect(stuck.reason.contains("no worker connected"))
        }
    }

    @Test("A spec refused with an error longer than an Error may carry still gets its Error")
    func longRefusalIsAnswered() throws {
        let head = try Head()
        var submit = SweepSubmit()
        // The refusal names the unknown job kind, all 70,000 characters of it.
        submit.spec = "name: long\ndataset: synthetic-classification\nshard_count: 1\njobs:\n  - kind: "
            + String(repeating: "x", count: 70_000) + "\n"
        let reply = try head.client.request(.sweepSubmit(submit))
        let error = try #require(Self.error(reply), "no Error reply to a spec with a 70,000-character line")
        #expect(error.code == .invalidRequest)
        #expect(error.message.utf8.count <= 64 << 10)
    }

    @Test("A spec format other than yaml or json is refused")
    func unknownSpecFormat() throws {
        let head = try Head()
        for format in ["toml", "xml"] {
            var submit = SweepSubmit()
            submit.spec = conformanceSpec()
            submit.specFormat = format
            let error = try #require(Self.error(try head.client.request(.sweepSubmit(submit))),
                                     "spec_format \(format) was accepted")
            #expect(error.code == .invalidRequest)
            #expect(error.message.contains(format))
        }
        // JSON is accepted.
        let json = #"{"name": "j", "dataset": "synthetic-classification", "shard_count": 1, "jobs": [{"kind": "noop"}]}"#
        _ = try head.submit(json, format: "json")
    }

    @Test("SweepCancel is answered by the sweep's SweepStatus")
    func cancelAnsweredWithStatus() throws {
        let head = try Head()
        let sweep = try head.submit()
        var cancel = SweepCancel()
        cancel.sweepID = sweep
        let reply = try #require(try head.client.request(.sweepCancel(cancel)), "no reply to SweepCancel")
        guard case .sweepStatus(let status)? = reply.body else {
            Issue.record("SweepCancel answered with \(String(describing: reply.body))")
            return
        }
        #expect(status.sweeps.map(\.sweepID) == [sweep])
        #expect(status.sweeps.first?.state == .cancelled)
    }

    @Test("A frame over 4 MiB is answered with OVERSIZE")
    func oversizeFrame() throws {
        let head = try Head()
        let reply = try { () throws -> Envelope? in
            try head.client.sendFrames([Data(count: (4 << 20) + 1024)])
            return try head.client.receive(within: .seconds(3))
        }()
        let error = try #require(Self.error(reply), "no Error reply to a 4 MiB + 1 KiB frame")
        #expect(error.code == .oversize)
        // The connection survives.
        #expect(try head.status() != nil)
    }

    // MARK: - Workers

    @Test("TaskResult's Ack names the result's message id and task")
    func resultAckNamesMessage() throws {
        let head = try Head()
        let worker = try RawWorker(endpoint: head.coordinator.router)
        _ = try worker.introduce()
        _ = try head.submit()
        let assign = try #require(try worker.nextAssignment())
        let id = try worker.peer.send(.taskResult(worker.result(of: assign)))
        let reply = try #require(try worker.peer.receive { if case .ack = $0.body { true } else { false } })
        guard case .ack(let ack)? = reply.body else { return }
        #expect(ack.taskID == assign.taskID)
        #expect(ack.ackedMessageID == id)
        #expect(reply.inReplyTo == id)
    }

    @Test("The coordinator's Heartbeat lists the tasks it holds the worker responsible for")
    func heartbeatListsTasks() throws {
        let head = try Head()
        let worker = try RawWorker(endpoint: head.coordinator.router)
        _ = try worker.introduce()
        _ = try head.submit()
        let assign = try #require(try worker.nextAssignment())
        var beat = Heartbeat()
        beat.runningTaskIds = [assign.taskID]
        let reply = try #require(try worker.peer.request(.heartbeat(beat)), "no reply to Heartbeat")
        guard case .heartbeat(let answer)? = reply.body else {
            Issue.record("Heartbeat answered with \(String(describing: reply.body))")
            return
        }
        #expect(answer.runningTaskIds == [assign.taskID])
    }

    @Test("A peer that never said Hello cannot deliver a result")
    func resultWithoutHello() throws {
        let head = try Head()
        let worker = try RawWorker(endpoint: head.coordinator.router)
        _ = try worker.introduce()
        let sweep = try head.submit()
        let assign = try #require(try worker.nextAssignment())
        let stranger = try RawPeer(endpoint: head.coordinator.router)
        let reply = try stranger.request(.taskResult(worker.result(of: assign)))
        let error = try #require(Self.error(reply), "a result from a peer that never said Hello was not refused: \(String(describing: reply))")
        #expect(error.code == .notFound)
        #expect(try head.summary(sweep).tasksDone == 0)
    }

    @Test("A result from another worker than the attempt's is refused; the assigned worker's counts")
    func resultFromAnotherWorker() throws {
        let head = try Head()
        let worker = try RawWorker(endpoint: head.coordinator.router, name: "a")
        _ = try worker.introduce()
        let sweep = try head.submit(conformanceSpec(points: [0.5], seeds: [1]))
        let assign = try #require(try worker.nextAssignment())
        let other = try RawWorker(endpoint: head.coordinator.router, name: "b")
        _ = try other.introduce()
        let refused = try other.peer.request(.taskResult(other.result(of: assign)))
        #expect(Self.error(refused) != nil, "worker b's result for a's attempt was accepted")
        #expect(try head.summary(sweep).tasksDone == 0)
        let accepted = try worker.peer.request(.taskResult(worker.result(of: assign)))
        guard case .ack? = accepted?.body else {
            Issue.record("the assigned worker's result was answered with \(String(describing: accepted))")
            return
        }
        #expect(try head.summary(sweep).tasksDone == 1)
    }

    @Test("A result for a task that does not exist is refused with NOT_FOUND")
    func resultForUnknownTask() throws {
        let head = try Head()
        let worker = try RawWorker(endpoint: head.coordinator.router)
        _ = try worker.introduce()
        var result = TaskResult()
        result.taskID = "no-such-sweep/0"
        result.attempt = 1
        result.objectives = ["loss": 1]
        result.workerName = worker.name
        let error = try #require(Self.error(try worker.peer.request(.taskResult(result))), "an unknown task's result was acknowledged")
        #expect(error.code == .notFound)
    }

    @Test("A result whose objectives are not the sweep's is refused")
    func bogusObjective() throws {
        let head = try Head()
        let worker = try RawWorker(endpoint: head.coordinator.router)
        _ = try worker.introduce()
        let sweep = try head.submit(conformanceSpec(points: [0.5], seeds: [1]))
        let assign = try #require(try worker.nextAssignment())
        let reply = try worker.peer.request(.taskResult(worker.result(of: assign, extra: ["bogus": 99])))
        let error = try #require(Self.error(reply), "a result with objective 'bogus' was accepted")
        #expect(error.code == .invalidRequest)
        #expect(error.message.contains("bogus"))
        #expect(try head.snapshot(sweep).rows.isEmpty)
    }

    @Test("A Hello reusing a live worker's name with another instance id does not take its tasks")
    func helloTakeover() throws {
        let head = try Head()
        let owner = try RawWorker(endpoint: head.coordinator.router, name: "edge")
        _ = try owner.introduce()
        let sweep = try head.submit(conformanceSpec(points: [0.5], seeds: [1]))
        let assign = try #require(try owner.nextAssignment())
        let impostor = try RawWorker(endpoint: head.coordinator.router, name: "edge")
        var hello = impostor.hello
        hello.runningTaskIds = [assign.taskID]
        let reply = try impostor.peer.request(.hello(hello))
        #expect(Self.error(reply) != nil, "a second instance took over the live name: \(String(describing: reply))")
        // The owner's result still counts.
        let accepted = try owner.peer.request(.taskResult(owner.result(of: assign)))
        guard case .ack? = accepted?.body else {
            Issue.record("the owner's result was answered with \(String(describing: accepted))")
            return
        }
        #expect(try head.summary(sweep).tasksDone == 1)
    }

    // MARK: - The live front

    @Test("The done update has its own sequence number, and a later snapshot says done at that number")
    func doneMarkerSequence() throws {
        let head = try Head()
        let worker = try RawWorker(endpoint: head.coordinator.router)
        _ = try worker.introduce()
        let sweep = try head.submit()
        let subscriber = try RawSubscriber(endpoint: head.coordinator.publisher, topic: "front/\(sweep)")
        Thread.sleep(forTimeInterval: 0.3)  // the subscription reaches the PUB socket
        for _ in 0..<4 {
            let assign = try #require(try worker.nextAssignment())
            _ = try worker.peer.request(.taskResult(worker.result(of: assign)))
        }
        let updates = try subscriber.updates(within: .seconds(10)) { $0.done }
        #expect(updates.map(\.sequence) == [1, 2, 3, 4, 5], "sequences \(updates.map(\.sequence))")
        #expect(updates.last?.done == true && updates.last?.rows.isEmpty == true)
        let snapshot = try head.snapshot(sweep)
        #expect(snapshot.done)
        #expect(snapshot.sequence == 5)
    }

    @Test("The reference point is fixed at submit: in the first snapshot, unchanged by results")
    func referencePointFixedAtSubmit() throws {
        let head = try Head()
        let worker = try RawWorker(endpoint: head.coordinator.router)
        _ = try worker.introduce()
        let sweep = try head.submit(conformanceSpec(points: [0.25, 0.5, 0.75], seeds: [1]))
        let before = try head.snapshot(sweep)
        #expect(!before.referencePoint.isEmpty, "no reference point before the first result")
        for _ in 0..<3 {
            let assign = try #require(try worker.nextAssignment())
            _ = try worker.peer.request(.taskResult(worker.result(of: assign)))
        }
        let after = try head.snapshot(sweep)
        #expect(after.rows.count == 3)
        #expect(after.referencePoint == before.referencePoint)
    }
}
