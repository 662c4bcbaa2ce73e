import Foundation
import Testing
import FrontierProtocol
import FrontierTransport
@testable import FrontierCluster

// Helpers for the multi-process integration tests: real `frontier` processes
// (coordinator, workers, CLI clients) driven from a test.

enum HarnessError: Error, CustomStringConvertible {
    case missingExecutable(String)
    case timedOut(String)
    case unexpected(String)

    var description: String {
        switch self {
        case .missingExecutable(let path): "no frontier executable at \(path) (run `swift build --build-tests` first)"
        case .timedOut(let what): "timed out: \(what)"
        case .unexpected(let what): what
        }
    }
}

/// The debug `frontier` executable next to the test bundle's package.
enum Frontier {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func executable() throws -> String {
        if let path = ProcessInfo.processInfo.environment["FRONTIER_EXECUTABLE"] { return path }
        let path = packageRoot.appendingPathComponent(".build/debug/frontier").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw HarnessError.missingExecutable(path) }
        return path
    }
}

/// A child process whose standard output and error go to files (no pipes or dispatch sources in the
/// test process, whose descriptors libzmq's threads share), read back on demand.
final class Child: @unchecked Sendable {
    let name: String
    let process = Process()
    private let outPath: String
    private let errPath: String
    private let outHandle: FileHandle
    private let errHandle: FileHandle

    init(_ name: String, _ arguments: [String], logDirectory: URL) throws {
        self.name = name
        // Only letters, digits, '-' and '.' in the log's name: a name may carry an argument such as a
        // Z85 key, whose '/' would name a directory that does not exist.
        let safe = String(name.prefix(60).map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" })
        let base = logDirectory.appendingPathComponent("\(safe)-\(UUID().uuidString)").path
        outPath = base + ".out"
        errPath = base + ".err"
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
              FileManager.default.createFile(atPath: errPath, contents: nil),
              let outHandle = FileHandle(forWritingAtPath: outPath),
              let errHandle = FileHandle(forWritingAtPath: errPath) else {
            throw HarnessError.unexpected("cannot create log files at \(base)")
        }
        self.outHandle = outHandle
        self.errHandle = errHandle
        process.executableURL = URL(fileURLWithPath: try Frontier.executable())
        process.arguments = arguments
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }

    /// Waits until standard error contains a line matching `pattern`; returns the match's capture groups.
    func waitForStderr(_ pattern: String, timeout: Duration = .seconds(20)) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = stderr
            if let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) {
                return (0..<match.numberOfRanges).map { i in
                    Range(match.range(at: i), in: text).map { String(text[$0]) } ?? ""
                }
            }
            if !isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw HarnessError.timedOut("\(name) never logged /\(pattern)/; stderr:\n\(stderr)")
    }

    /// Waits for the process to exit; returns its status, or nil on timeout.
    @discardableResult
    func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL, then reap.
    func kill9() {
        if process.isRunning { kill(pid, SIGKILL) }
        _ = waitForExit(timeout: .seconds(5))
    }
}

/// Every child a test started; `killAll` in a `defer` ends them even when the test fails.
final class ChildGroup: @unchecked Sendable {
    private let lock = NSLock()
    private var children: [Child] = []
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-itest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func start(_ name: String, _ arguments: [String]) throws -> Child {
        let child = try Child(name, arguments, logDirectory: directory)
        lock.withLock { children.append(child) }
        return child
    }

    /// Runs a command to completion; throws unless it exits 0 in time.
    @discardableResult
    func run(_ arguments: [String], timeout: Duration = .seconds(30)) throws -> String {
        let child = try start(arguments.prefix(2).joined(separator: " "), arguments)
        guard let status = child.waitForExit(timeout: timeout) else {
            child.kill9()
            throw HarnessError.timedOut("frontier \(arguments.joined(separator: " "))")
        }
        guard status == 0 else {
            throw HarnessError.unexpected("frontier \(arguments.joined(separator: " ")) exited \(status): \(child.stderr)")
        }
        return child.stdout
    }

    func killAll() {
        for child in lock.withLock({ children }) { child.kill9() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// All children's standard error, for failure messages.
    func logs() -> String {
        lock.withLock { children }.map { "--- \($0.name) (pid \($0.pid))\n\($0.stderr)" }.joined(separator: "\n")
    }
}

/// A coordinator process and its endpoints.
struct CoordinatorProcess {
    let child: Child
    let router: String
    let publisher: String

    static func start(in group: ChildGroup, state: String, lease: Double = 15,
                      bind: String = "tcp://127.0.0.1:*", publish: String = "tcp://127.0.0.1:*",
                      extraArguments: [String] = []) throws -> CoordinatorProcess {
        let child = try group.start("coordinator", ["coordinator", "--bind", bind, "--publish", publish,
                                                    "--state", state, "--lease", String(lease)] + extraArguments)
        let groups = try child.waitForStderr(#"coordinator on (tcp://\S+), publishing on (tcp://[^\s,]+),"#)
        return CoordinatorProcess(child: child, router: groups[1], publisher: groups[2])
    }
}

/// A test cluster: shards on disk, a coordinator, workers, and client helpers.
final class TestCluster: @unchecked Sendable {
    static let dataset = "synthetic-classification"
    let group: ChildGroup
    let shardRoot: String
    let state: String
    var coordinator: CoordinatorProcess!
    /// Appended to every coordinator, worker and CLI client command line (e.g. CURVE options).
    var coordinatorArguments: [String] = []
    var workerArguments: [String] = []
    var clientArguments: [String] = []
    /// Used by the in-process `ClusterClient` helpers (`status`, `snapshot`).
    var clientCurve: CurveClientCredentials?

    /// - Parameter splitting: cut `dataset` into the two shards `startWorker` gives by default.
    init(splitting: Bool = true) throws {
        group = try ChildGroup()
        shardRoot = group.directory.appendingPathComponent("shards").path
        state = group.directory.appendingPathComponent("state").path
        if splitting { try group.run(["datasets", "split", Self.dataset, "--parts", "2", "--out", shardRoot]) }
    }

    func startCoordinator(lease: Double = 15, sameEndpoints: Bool = false) throws {
        if sameEndpoints, let old = coordinator {
            coordinator = try CoordinatorProcess.start(in: group, state: state, lease: lease,
                                                       bind: old.router, publish: old.publisher,
                                                       extraArguments: coordinatorArguments)
        } else {
            coordinator = try CoordinatorProcess.start(in: group, state: state, lease: lease,
                                                       extraArguments: coordinatorArguments)
        }
    }

    /// A worker holding `shards` (`DATASET=DIRECTORY`), by default both shards of `dataset`, so
    /// any worker can run any task.
    @discardableResult
    func startWorker(_ name: String, slots: Int = 1, heartbeatMs: Int = 200, shards: [String]? = nil,
                     extraArguments: [String] = []) throws -> Child {
        let held = shards ?? (0..<2).map { "\(Self.dataset)=\(shardRoot)/\(Self.dataset)-\($0)" }
        let worker = try group.start("worker \(name)", [
            "worker", "--connect", coordinator.router,
        ] + held.flatMap { ["--shard", $0] } + [
            "--slots", String(slots), "--name", name, "--heartbeat-ms", String(heartbeatMs),
        ] + workerArguments + extraArguments)
        _ = try worker.waitForStderr("connecting to ")
        return worker
    }

    /// Writes a noop sweep (`xs.count` points × 2 shards, one seed) and submits it with the CLI.
    func submitNoop(name: String, xs: [Int], seconds: Double) throws -> (id: String, tasks: Int) {
        let yaml = """
            name: \(name)
            dataset: \(Self.dataset)
            shards: all
            shard_count: 2
            seeds: [1]
            jobs:
              - kind: noop
                parameters:
                  x: {values: [\(xs.map(String.init).joined(separator: ", "))]}
                settings: {seconds: \(seconds)}
            """
        let file = group.directory.appendingPathComponent("\(name).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let out = try group.run(["sweep", "submit", file.path, "--coordinator", coordinator.router, "--json"] + clientArguments)
        guard let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any],
              let id = object["sweep_id"] as? String, let tasks = object["tasks"] as? Int else {
            throw HarnessError.unexpected("sweep submit printed \(out)")
        }
        return (id, tasks)
    }

    /// The sweep's status through the CLI (`sweep status ID --json`), read back into the wire type.
    func cliStatus(_ sweepID: String) throws -> SweepSummary {
        let out = try group.run(["sweep", "status", sweepID, "--coordinator", coordinator.router, "--json"] + clientArguments)
        let sweeps = (try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])?["sweeps"] as? [[String: Any]]
        guard let object = sweeps?.first(where: { $0["sweep_id"] as? String == sweepID }) else {
            throw HarnessError.unexpected("sweep status has no \(sweepID): \(out)")
        }
        var summary = SweepSummary()
        summary.sweepID = sweepID
        summary.name = object["name"] as? String ?? ""
        let states: [String: FrontierProtocol.SweepState] = ["running": .running, "done": .done, "cancelled": .cancelled,
                                                             "done_with_failures": .doneWithFailures]
        summary.state = states[object["state"] as? String ?? ""] ?? .unspecified
        func count(_ key: String) throws -> UInt32 {
            guard let n = object[key] as? Int, n >= 0 else { throw HarnessError.unexpected("no count \(key) in \(out)") }
            return UInt32(n)
        }
        summary.tasksPending = try count("tasks_pending")
        summary.tasksRunning = try count("tasks_running")
        summary.tasksDone = try count("tasks_done")
        summary.tasksFailed = try count("tasks_failed")
        summary.tasksCancelled = try count("tasks_cancelled")
        summary.tasksTotal = try count("tasks_total")
        return summary
    }

    func status(_ sweepID: String, timeout: Duration = .seconds(3)) throws -> SweepSummary {
        guard let summary = try ClusterClient(endpoint: coordinator.router, curve: clientCurve)
            .status(sweepID: sweepID, timeout: timeout).sweeps.first else {
            throw HarnessError.unexpected("no status for \(sweepID)")
        }
        return summary
    }

    func snapshot(_ sweepID: String, timeout: Duration = .seconds(3)) throws -> FrontierProtocol.FrontSnapshot {
        try ClusterClient(endpoint: coordinator.router, curve: clientCurve).front(sweepID: sweepID, timeout: timeout)
    }

    /// Polls until the sweep has ended (done or cancelled); throws on timeout.
    func waitUntilFinished(_ sweepID: String, timeout: Duration = .seconds(60)) throws -> SweepSummary {
        let deadline = ContinuousClock.now + timeout
        var last: SweepSummary?
        while ContinuousClock.now < deadline {
            if let summary = try? status(sweepID, timeout: .seconds(1)) {
                last = summary
                if summary.state != .running && summary.state != .pending { return summary }
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw HarnessError.timedOut("sweep \(sweepID) did not finish; last status \(String(describing: last))\n\(group.logs())")
    }

    /// Polls until `condition` holds for the sweep's snapshot.
    func waitForSnapshot(_ sweepID: String, timeout: Duration = .seconds(30),
                         _ condition: (FrontierProtocol.FrontSnapshot) -> Bool) throws -> FrontierProtocol.FrontSnapshot {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let snapshot = try? snapshot(sweepID, timeout: .seconds(1)), condition(snapshot) { return snapshot }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw HarnessError.timedOut("snapshot condition for \(sweepID)\n\(group.logs())")
    }

    func shutDown() { group.killAll() }
}

/// Each line of `text` as a JSON object (the cluster commands' `--json` output).
func jsonObjects(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { line in
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw HarnessError.unexpected("not a JSON object: \(line)")
        }
        return object
    }
}

extension FrontierProtocol.FrontSnapshot {
    /// Results folded into the front: one per finished task.
    var replicateSum: Int { rows.reduce(0) { $0 + Int($1.replicatesDone) } }
}
