import Foundation
import FrontierCluster
import FrontierWeb
import Logging

/// The web view during `bench cluster --web-observers N`: the coordinator's observatory served
/// on a free loopback port, and N `curl` processes reading the sweep's event stream as N open
/// browsers would (separate processes, so their reading is not the coordinator's work).
///
/// The readers are started before the timed run (`init`) and given the sweep's URL once it is
/// submitted (`follow`): starting ten processes costs a few hundred milliseconds of CPU, which
/// browsers elsewhere would not take from the coordinator's machine and which fell inside the
/// timed window when they were started after the submit.
final class BenchWebView {
    let observatory = CoordinatorObservatory()
    private let server: WebServer
    let port: Int
    private var readers: [(process: Process, configuration: Pipe)] = []

    init(readers count: Int) throws {
        server = try WebServer(observatory: observatory, address: WebAddress(host: "127.0.0.1", port: 0), token: nil,
                               logger: Logger(label: "frontier.web") { _ in SwiftLogNoOpLogHandler() })
        port = try server.startBlocking()
        let curl = "/usr/bin/curl"
        guard count == 0 || FileManager.default.isExecutableFile(atPath: curl) else {
            throw BenchFailure("--web-observers needs \(curl) (Debian's curl) to read the event streams")
        }
        for _ in 0..<count {
            // `-K -`: curl reads its URL from standard input, so it is loaded and waiting before the run.
            let reader = Process()
            let configuration = Pipe()
            reader.executableURL = URL(fileURLWithPath: curl)
            reader.arguments = ["-sN", "-o", "/dev/null", "-K", "-"]
            reader.standardInput = configuration
            reader.standardOutput = FileHandle.nullDevice
            reader.standardError = FileHandle.nullDevice
            try reader.run()
            readers.append((reader, configuration))
        }
    }

    /// Points every reader at the sweep's event stream once the observatory holds the sweep (a
    /// reader asking before would get 404 and quit), then waits until it counts them all.
    func follow(sweepID: String) throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while observatory.front(sweepID: sweepID) == nil, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.001) }
        let line = "url = \"http://127.0.0.1:\(port)/api/sweeps/\(sweepID)/events\"\n"
        for reader in readers {
            reader.configuration.fileHandleForWriting.write(Data(line.utf8))
            try? reader.configuration.fileHandleForWriting.close()
        }
        while observatory.observerCount < readers.count, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.001) }
        guard observatory.observerCount == readers.count else {
            throw BenchFailure("only \(observatory.observerCount) of \(readers.count) event-stream readers connected")
        }
    }

    func stop() {
        for reader in readers where reader.process.isRunning { reader.process.terminate() }
        server.stop()
    }
}
