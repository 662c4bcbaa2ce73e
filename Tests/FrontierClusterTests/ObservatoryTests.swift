import Foundation
import Testing
import FrontierML
import FrontierPareto
import FrontierSettings
import FrontierProtocol
import FrontierSweep
@testable import FrontierCluster
@testable import FrontierWeb

/// The coordinator's read-only view: snapshot then ordered events, slow observers dropped
/// without blocking the publisher, and `/metrics` agreeing with the published status.
@Suite("Observatory")
struct ObservatoryTests {
    static let objectives = [Objective(name: "error_rate"), Objective(name: "global_fidelity")]

    /// A front that has taken `count` results, and the changes it published.
    static func front(_ count: Int) -> (FrontAggregator, [FrontChange]) {
        var aggregator = FrontAggregator(objectives: objectives)
        var changes: [FrontChange] = []
        for i in 0..<count {
            let result = PointResult(taskID: "t\(i)", dataset: "d", label: "noop", parameters: ["x": Double(i)],
                                     objectives: ["error_rate": Double(i) / 10, "global_fidelity": 1 - Double(i) / 10],
                                     replicate: "seed 1", worker: "w")
            if let change = aggregator.add(result) { changes.append(change) }
        }
        return (aggregator, changes)
    }

    /// An observatory holding sweep "s" with an empty front.
    static func observingEmptySweep(queueCapacity: Int = 4096) -> CoordinatorObservatory {
        let observatory = CoordinatorObservatory(queueCapacity: queueCapacity)
        observatory.add(sweepID: "s", snapshot: FrontAggregator(objectives: objectives).snapshot(), done: false,
                        referencePoint: nil)
        return observatory
    }

    static func message(_ change: FrontChange) -> FrontUpdate {
        FrontMessages.update(sweepID: "s", change: change, done: false)
    }

    /// Reads the next `count` events (they are already published), or fewer if the feed ends.
    static func take(_ count: Int, from feed: SweepEventFeed) async -> [SweepEvent] {
        var events: [SweepEvent] = []
        while events.count < count, let batch = await feed.next() { events += batch }
        return events
    }

    @Test func unknownSweepHasNothing() {
        let observatory = CoordinatorObservatory()
        #expect(observatory.follow(sweepID: "nope") == nil)
        #expect(observatory.front(sweepID: "nope") == nil)
        #expect(observatory.runs(sweepID: "nope") == nil)
    }

    /// A late observer gets the front as of now, then only the changes after it, in order.
    @Test func snapshotThenOrderedUpdates() async throws {
        let (_, changes) = Self.front(4)
        let observatory = Self.observingEmptySweep()
        for change in changes.prefix(2) {
            observatory.frontChanged(sweepID: "s", change: change, message: Self.message(change), at: 1)
        }
        let stream = try #require(observatory.follow(sweepID: "s"))
        // A stale change (already in the replica) is not sent again.
        observatory.frontChanged(sweepID: "s", change: changes[1], message: Self.message(changes[1]), at: 2)
        let t0 = ContinuousClock.now
        for (i, change) in changes.dropFirst(2).enumerated() {
            observatory.frontChanged(sweepID: "s", change: change, message: Self.message(change), at: 3,
                                     now: t0 + .seconds(i))
        }
        let events = await Self.take(3 + 4, from: stream)
        #expect(events.map(\.kind) == [.snapshot, .history, .runs, .update, .hypervolume, .update, .hypervolume])
        let snapshot = try JSONSerialization.jsonObject(with: Data(events[0].json.utf8)) as? [String: Any]
        #expect(snapshot?["sequence"] as? Int == 2)
        #expect((snapshot?["rows"] as? [Any])?.count == 2)
        let sequences = [events[3], events[5]].compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.json.utf8)) as? [String: Any])?["sequence"] as? Int
        }
        #expect(sequences == [3, 4])
        #expect(observatory.hypervolumeHistory(sweepID: "s")?.map(\.sequence) == [1, 2, 3, 4])
        #expect(observatory.front(sweepID: "s")?.rows.count == 4)
    }

    /// A reader that falls further behind than the log keeps is dropped; the publisher never
    /// waits, and a reader that keeps up is not affected.
    @Test func slowObserverIsDropped() async throws {
        let (_, changes) = Self.front(20)
        let observatory = Self.observingEmptySweep(queueCapacity: 5)
        let slow = try #require(observatory.follow(sweepID: "s"))
        let keeping = try #require(observatory.follow(sweepID: "s"))
        #expect(observatory.observerCount == 2)
        var kept = await Self.take(3, from: keeping).count
        let t0 = ContinuousClock.now
        for (i, change) in changes.enumerated() {
            // A second apart: every change sends its hypervolume too.
            observatory.frontChanged(sweepID: "s", change: change, message: Self.message(change), at: 0,
                                     now: t0 + .seconds(i))
            // Two events per change: the keeping reader takes them before the log trims (at 10).
            if i % 2 == 1, let batch = await keeping.next() { kept += batch.count }
        }
        // It ends: the events it had not read are gone (a browser reconnects from a snapshot).
        #expect(await slow.next() == nil)
        #expect(observatory.metrics.reading().droppedSubscribers == 1)
        #expect(kept == 3 + 2 * changes.count)
        #expect(observatory.metrics.reading().droppedSubscribers == 1)
        // The front itself went on.
        #expect(observatory.front(sweepID: "s")?.sequence == 20)
    }

    /// Live readers get each run without its report; `/results` (`runs(sweepID:)`) keeps it.
    @Test func runsGoOutWithoutTheirReports() async throws {
        let observatory = Self.observingEmptySweep()
        let feed = try #require(observatory.follow(sweepID: "s"))
        let task = TaskSpec(taskID: "s/1", sweepID: "s", index: 1, jobKind: "joint", parameters: ["alpha": 0.5], seed: 2,
                            shard: ShardReference(dataset: "adult", shardID: 0), jobSpec: Data())
        observatory.recorded(ObservedRun(task: task, worker: "w1", objectives: ["error_rate": 0.2], report: Data(#"{"big":[1,2,3]}"#.utf8),
                                         trainingSeconds: 1.5, evaluationSeconds: 0.5))
        let events = await Self.take(4, from: feed)
        #expect(events.map(\.kind) == [.snapshot, .history, .runs, .run])
        let live = try #require(try JSONSerialization.jsonObject(with: Data(events[3].json.utf8)) as? [String: Any])
        #expect(live["report"] == nil && live["task_id"] as? String == "s/1" && live["worker"] as? String == "w1")
        #expect((live["objectives"] as? [String: Double])?["error_rate"] == 0.2 && live["training_seconds"] as? Double == 1.5)
        let stored = try #require(observatory.runs(sweepID: "s")?.first)
        #expect(stored.report == .map(["big": .list([.number(1), .number(2), .number(3)])]))
        // A reader joining now gets it in `runs`, also without the report.
        let late = try #require(observatory.follow(sweepID: "s"))
        let runs = try #require(await Self.take(3, from: late).last)
        #expect(runs.kind == .runs && !runs.json.contains("report") && runs.json.contains("s/1"))
    }

    /// Readers are counted while they follow, and no longer once they are gone.
    @Test func readersAreCounted() throws {
        let observatory = Self.observingEmptySweep()
        var feeds = [try #require(observatory.follow(sweepID: "s")), observatory.followOverview()]
        #expect(observatory.observerCount == 2)
        feeds.removeAll()
        #expect(observatory.observerCount == 0)
    }

    /// A reader that asks to wait at most a while gets an empty list when nothing came (the
    /// stream's keep-alive), and the events as soon as they come otherwise.
    @Test func waitingHasALimit() async throws {
        let (_, changes) = Self.front(1)
        let observatory = Self.observingEmptySweep()
        let feed = try #require(observatory.follow(sweepID: "s"))
        #expect(await Self.take(3, from: feed).count == 3)
        let began = ContinuousClock.now
        #expect(await feed.next(waitingAtMost: .milliseconds(50))?.isEmpty == true)
        #expect(ContinuousClock.now - began >= .milliseconds(50))
        let reading = Task { await feed.next(waitingAtMost: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(20))
        observatory.frontChanged(sweepID: "s", change: changes[0], message: Self.message(changes[0]), at: 0)
        #expect(await reading.value?.first?.kind == .update)
    }

    /// A reader waiting for events stops waiting when its task is cancelled (a closed connection).
    @Test func waitingReaderIsCancelled() async throws {
        let observatory = Self.observingEmptySweep()
        let feed = try #require(observatory.follow(sweepID: "s"))
        #expect(await Self.take(3, from: feed).count == 3)
        let reading = Task { await feed.next() }
        try await Task.sleep(for: .milliseconds(50))
        reading.cancel()
        #expect(await reading.value == nil)
    }

    /// Changes closer together than the interval send one update and one hypervolume point;
    /// the ones held back go out, merged, when the interval has passed, or before a finished
    /// sweep's last event.
    @Test func liveEventsAreThinned() async throws {
        let (_, changes) = Self.front(6)
        let observatory = Self.observingEmptySweep()
        let feed = try #require(observatory.follow(sweepID: "s"))
        let t0 = ContinuousClock.now
        for (i, change) in changes.prefix(3).enumerated() {
            observatory.frontChanged(sweepID: "s", change: change, message: Self.message(change), at: 0,
                                     now: t0 + .milliseconds(10 * i))
        }
        var events = await Self.take(3 + 2, from: feed)
        #expect(events.dropFirst(3).map(\.kind) == [.update, .hypervolume])
        // The overview's pass after the interval sends what was held (changes 2 and 3, merged).
        var status = FrontierProtocol.SweepStatus()
        var summary = SweepSummary()
        summary.sweepID = "s"
        status.sweeps = [summary]
        observatory.publish(status: status, workers: nil,
                            refresh: .init(workers: false, blockReasons: false), takenAt: 0, now: t0 + .milliseconds(150))
        observatory.frontChanged(sweepID: "s", change: changes[3], message: Self.message(changes[3]), at: 0,
                                 now: t0 + .milliseconds(160))
        for (i, change) in changes.dropFirst(4).enumerated() {
            observatory.frontChanged(sweepID: "s", change: change, message: Self.message(change), at: 0,
                                     now: t0 + .milliseconds(170 + i))
        }
        observatory.finished(sweepID: "s", message: FrontMessages.update(sweepID: "s", change: changes[5], done: true))
        events = []
        while let batch = await feed.next() { events += batch.filter { $0.kind != .status } }
        #expect(events.map(\.kind) == [.update, .hypervolume, .update, .hypervolume, .update])
        func json(_ event: SweepEvent) -> [String: Any]? {
            try? JSONSerialization.jsonObject(with: Data(event.json.utf8)) as? [String: Any]
        }
        #expect(events.map { json($0)?["sequence"] as? Int } == [3, 3, 6, 6, 6])
        // Each merged update carries the rows its changes touched.
        #expect((json(events[0])?["rows"] as? [Any])?.count == changes[1...2].reduce(0) { $0 + $1.rows.count })
        #expect(events.last?.isLast == true)
        #expect(observatory.hypervolumeHistory(sweepID: "s")?.count == 6)
    }

    /// Whatever the timing, a reader that applies the snapshot and then every update it gets
    /// (rows replaced by `row_key`, as the page and `tail` do) ends with the coordinator's front,
    /// and the sequence numbers it sees only go up.
    @Test("Merged updates rebuild the front", arguments: 1...20)
    func mergedUpdatesRebuildTheFront(seed: Int) async throws {
        var random = SeededGenerator(seed: UInt64(seed))
        var aggregator = FrontAggregator(objectives: Self.objectives)
        let observatory = CoordinatorObservatory()
        observatory.add(sweepID: "s", snapshot: aggregator.snapshot(), done: false, referencePoint: nil)
        let joinAfter = Int(random.next() % 30)
        var feed: SweepEventFeed?
        var clock = ContinuousClock.now
        for i in 0..<60 {
            if i == joinAfter { feed = observatory.follow(sweepID: "s") }
            // Few distinct parameter values and two replicates: rows change more than once.
            let x = Double(random.next() % 12)
            let result = PointResult(taskID: "t\(i)", dataset: "d", label: "noop", parameters: ["x": x],
                                     objectives: ["error_rate": x / 10 + random.nextUniform() / 20,
                                                  "global_fidelity": 1 - x / 10 + random.nextUniform() / 20],
                                     replicate: "seed \(random.next() % 2)", worker: "w")
            clock += .milliseconds(Int64(random.next() % 80))
            if let change = aggregator.add(result) {
                observatory.frontChanged(sweepID: "s", change: change, message: Self.message(change), at: 0, now: clock)
            }
        }
        observatory.finished(sweepID: "s", message: FrontMessages.finished(sweepID: "s", front: aggregator))
        let reader = try #require(feed)
        var rows: [String: [String: Any]] = [:]
        var sequences: [Int] = []
        while let batch = await reader.next() {
            for event in batch where event.kind == .snapshot || event.kind == .update {
                let body = try #require(try JSONSerialization.jsonObject(with: Data(event.json.utf8)) as? [String: Any])
                sequences.append(try #require(body["sequence"] as? Int))
                for row in body["rows"] as? [[String: Any]] ?? [] { rows[row["row_key"] as! String] = row }
            }
        }
        #expect(sequences == sequences.sorted() && Set(sequences).count == sequences.count)
        let front = try #require(observatory.front(sweepID: "s"))
        #expect(sequences.last == Int(front.sequence))
        let expected = try #require(try JSONSerialization.jsonObject(
            with: Data(ClusterJSON.string(ClusterJSON.Front(front)).utf8)) as? [String: Any])
        let expectedRows = try #require(expected["rows"] as? [[String: Any]])
        #expect(rows.count == expectedRows.count)
        func canonical(_ row: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: row, options: .sortedKeys) }
        for row in expectedRows {
            let key = row["row_key"] as! String
            #expect(try rows[key].map(canonical) == canonical(row), "row \(key)")
        }
    }

    /// The done marker is the last event; a finished sweep's snapshot says done at the marker's number.
    @Test func finishedSweepEnds() async throws {
        let (aggregator, changes) = Self.front(2)
        let observatory = CoordinatorObservatory()
        observatory.add(sweepID: "s", snapshot: aggregator.snapshot(), done: false, referencePoint: nil)
        let stream = try #require(observatory.follow(sweepID: "s"))
        observatory.finished(sweepID: "s", message: FrontMessages.finished(sweepID: "s", front: aggregator))
        let events = await Self.take(4, from: stream)
        #expect(events.last?.kind == .update)
        #expect(events.last?.isLast == true)
        #expect(observatory.front(sweepID: "s")?.done == true)
        #expect(observatory.front(sweepID: "s")?.sequence == UInt64(changes.count + 1))
        let late = try #require(observatory.follow(sweepID: "s"))
        #expect(await Self.take(3, from: late).last?.isLast == true)
    }

    /// `/metrics` parses, and its task gauges are the published status's counts.
    @Test func metricsExpositionMatchesStatus() throws {
        let observatory = CoordinatorObservatory()
        var status = FrontierProtocol.SweepStatus()
        var a = SweepSummary()
        a.sweepID = "a\"quoted\\"
        a.state = .running
        (a.tasksPending, a.tasksRunning, a.tasksDone, a.tasksFailed, a.tasksTotal) = (3, 2, 5, 1, 11)
        var b = SweepSummary()
        b.sweepID = "b"
        b.state = .done
        (b.tasksDone, b.tasksCancelled, b.tasksTotal) = (7, 2, 9)
        status.sweeps = [a, b]
        observatory.publish(status: status, workers: [], refresh: .init(workers: true, blockReasons: true), takenAt: 0)
        observatory.metrics.tasksQueued(sweepID: "a", ["t1"])
        observatory.metrics.taskAssigned(sweepID: "a", taskID: "t1")
        observatory.metrics.frameRefused(reason: "OVERSIZE")
        observatory.metrics.frameRefused(reason: "OVERSIZE")
        observatory.metrics.resultAccepted()

        let metrics = try PrometheusTextParser(CoordinatorMetricsPage.render(observatory))
        #expect(metrics.value("frontier_tasks", ["state": "pending"]) == 3)
        #expect(metrics.value("frontier_tasks", ["state": "done"]) == 12)
        #expect(metrics.value("frontier_tasks", ["state": "cancelled"]) == 2)
        #expect(metrics.value("frontier_sweep_tasks", ["sweep_id": "a\"quoted\\", "state": "failed"]) == 1)
        #expect(metrics.value("frontier_sweeps", ["state": "running"]) == 1)
        #expect(metrics.value("frontier_results_total") == 1)
        #expect(metrics.value("frontier_assignments_total") == 1)
        #expect(metrics.value("frontier_assignment_wait_seconds_count") == 1)
        #expect(metrics.value("frontier_refused_frames_total", ["reason": "OVERSIZE"]) == 2)
        #expect(metrics.value("frontier_connected_workers") == 0)
        #expect(metrics.types["frontier_front_update_seconds"] == "histogram")
    }
}
