import Foundation
import Testing
import FrontierSweep
@testable import FrontierCoordinator

@Suite("Coordinator store: durable sweeps, tasks, attempts and results")
struct CoordinatorStoreTests {
    @Test("A sweep, an assignment and a result come back as written")
    func roundTrip() throws {
        let store = try CoordinatorStore.open(directory: temporaryDirectory())
        var sweep = makeSweep(count: 3)
        sweep.referencePoint = ["error_rate": 1, "global_fidelity": 1]
        sweep.tasks[2].seed = UInt64.max  // does not fit a signed SQLite integer as is
        try store.insertSweep(sweep, at: 10)
        try store.recordAssignment(taskID: "s1/0", attempt: 1, workerName: "w1", workerInstance: "i1",
                                   pinnedSHA256: "abcd", at: 11)
        let result = StoredResult(taskID: "s1/0", sweepID: "s1", attempt: 1, workerName: "w1",
                                  objectives: ["error_rate": 0.2, "global_fidelity": .nan],
                                  report: Data([1, 2, 3]), receivedAt: 12)
        #expect(try store.recordResult(result))

        let state = try store.loadAll()
        #expect(state.sweeps.count == 1)
        #expect(state.sweeps[0].submission.objectives == testObjectives)
        #expect(state.sweeps[0].submission.referencePoint == ["error_rate": 1, "global_fidelity": 1])
        #expect(state.sweeps[0].submission.spec == "kind: joint\n")
        #expect(state.sweeps[0].submission.maxAttempts == 3)
        #expect(state.tasks.map(\.spec.taskID) == ["s1/0", "s1/1", "s1/2"])
        #expect(state.tasks[0].spec.shard.sha256 == "abcd")
        #expect(state.tasks[0].state == .done)
        #expect(state.tasks[1].spec == sweep.tasks[1])
        #expect(state.tasks[2].spec.seed == UInt64.max)
        #expect(state.attempts.count == 1 && state.attempts[0].outcome == "done")
        #expect(state.results.count == 1)
        #expect(state.results[0].report == Data([1, 2, 3]))
        #expect(state.results[0].objectives["error_rate"] == 0.2)
        #expect(state.results[0].objectives["global_fidelity"]!.isNaN)
    }

    @Test("A second result for a task is refused and the first is kept")
    func resultDedup() throws {
        let store = try CoordinatorStore.open(directory: temporaryDirectory())
        try store.insertSweep(makeSweep(count: 1), at: 0)
        let first = StoredResult(taskID: "s1/0", sweepID: "s1", attempt: 1, workerName: "w1",
                                 objectives: ["error_rate": 0.1], report: Data(), receivedAt: 1)
        var second = first
        second.workerName = "w2"
        second.objectives = ["error_rate": 0.9]
        #expect(try store.recordResult(first))
        #expect(try !store.recordResult(second))
        let results = try store.loadAll().results
        #expect(results.count == 1)
        #expect(results[0].workerName == "w1")
    }

    @Test("Reopening a store keeps its data and re-runs no migration")
    func reopen() throws {
        let directory = temporaryDirectory()
        do {
            let store = try CoordinatorStore.open(directory: directory)
            try store.insertSweep(makeSweep(count: 2), at: 0)
        }
        let again = try CoordinatorStore.open(directory: directory)
        let third = try CoordinatorStore.open(directory: directory)
        #expect(try again.loadAll().tasks.count == 2)
        #expect(try third.loadAll().sweeps.map(\.submission.sweepID) == ["s1"])
    }

    @Test("The database runs in WAL mode")
    func walMode() throws {
        let directory = temporaryDirectory()
        let store = try CoordinatorStore.open(directory: directory)
        #expect(try store.journalMode() == "wal")
        try store.insertSweep(makeSweep(count: 1), at: 0)
        #expect(FileManager.default.fileExists(atPath: store.path + "-wal"))
    }

    @Test("A file that is not SQLite is refused with its path and left untouched")
    func corruptFileRefused() throws {
        let directory = temporaryDirectory()
        let path = (directory as NSString).appendingPathComponent(CoordinatorStore.fileName)
        let garbage = Data(String(repeating: "not a database, just some text. ", count: 200).utf8)
        try garbage.write(to: URL(fileURLWithPath: path))
        do {
            _ = try CoordinatorStore.open(directory: directory)
            Issue.record("opening a corrupt file should fail")
        } catch let error as CoordinatorStoreError {
            guard case .unreadableDatabase(let named, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(named == path)
            #expect(error.description.contains(path))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }
}

@Suite("Coordinator store: errors")
struct CoordinatorStoreErrorTests {
    @Test("A failed write names the database file")
    func writeErrorNamesFile() throws {
        let store = try CoordinatorStore.open(directory: temporaryDirectory())
        // No such task: the results table's foreign key refuses the row.
        let orphan = StoredResult(taskID: "missing/0", sweepID: "missing", attempt: 1, workerName: "w",
                                  objectives: ["loss": 1], report: Data(), receivedAt: 0)
        let error = #expect(throws: (any Error).self) { try store.recordResult(orphan) }
        #expect("\(String(describing: error))".contains(store.path), "\(String(describing: error))")
    }
}

@Suite("Coordinator store: write-ahead log checks")
struct WriteAheadLogTests {
    @Test("A WAL SQLite wrote passes the header check; garbage and a short file do not")
    func headerCheck() throws {
        let directory = temporaryDirectory()
        let store = try CoordinatorStore.open(directory: directory)
        try store.insertSweep(makeSweep(count: 2), at: 0)
        let wal = try #require(FileManager.default.contents(atPath: store.path + "-wal"))
        #expect(!wal.isEmpty)
        #expect(WriteAheadLog.headerProblem(wal) == nil)
        var corrupt = wal
        corrupt[25] ^= 0xFF  // inside the header checksum
        #expect(WriteAheadLog.headerProblem(corrupt) == "header checksum mismatch")
        #expect(WriteAheadLog.headerProblem(Data(repeating: 7, count: 4096))?.hasPrefix("bad magic number") == true)
        #expect(WriteAheadLog.headerProblem(Data(count: 10)) == "10 bytes, shorter than a WAL header")
    }

    @Test("Closed cleanly, the database file alone is complete; with force a corrupt WAL is set aside")
    func cleanCloseAndForce() throws {
        let directory = temporaryDirectory()
        let store = try CoordinatorStore.open(directory: directory)
        try store.insertSweep(makeSweep(count: 2), at: 0)
        try store.close()
        let copy = temporaryDirectory()
        try FileManager.default.copyItem(atPath: store.path, toPath: copy + "/" + CoordinatorStore.fileName)
        #expect(try CoordinatorStore.open(directory: copy).loadAll().sweeps.count == 1)

        try Data(repeating: 0xAB, count: 512).write(to: URL(fileURLWithPath: store.path + "-wal"))
        #expect(throws: CoordinatorStoreError.self) { try CoordinatorStore.open(directory: directory) }
        let forced = try CoordinatorStore.open(directory: directory, force: true)
        #expect(try forced.loadAll().sweeps.count == 1)
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".corrupt-") }
        #expect(aside.count == 1)
    }
}
