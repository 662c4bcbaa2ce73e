import Foundation
import FrontierCluster
import FrontierWeb
import Logging

/// The web view during `bench cluster --web-observers N`: the coordinator's observatory served
/// on a free loopback port, and N `curl` processes reading the sweep's event stream as N open
/// browsers would (separate processes, so their reading is not the coordinator's work).
final class BenchWebView {
    let observatory = CoordinatorObservatory()
    private let server: WebServer
    let port: Int
    private var readers: [Process] = []

    init() throws {
        server = try WebServer(observatory: observatory, address: WebAddress(host: "127.0.0.1", port: 0), token: nil,
                               logger: Logger(label: "frontier.web") { _ in SwiftLogNoOpLogHandler() })
        port = try server.startBlocking()
    }

    /// Opens `count` readers of the sweep's event stream and waits until the observatory counts them.
    func follow(sweepID: String, readers count: Int) throws {
        let curl = "/usr/bin/curl"
        guard count == 0 || FileManager.default.isExecutableFile(atPath: curl) else {
            throw BenchFailure("--web-observers needs \(curl) (Debian's curl) to read the event streams")
        }
        for _ in 0..<count {
            let reader = Process()
            reader.executableURL = URL(fileURLWithPath: curl)
            reader.arguments = ["-sN", "-o", "/dev/null", "http://127.0.0.1:\(port)/api/sweeps/\(sweepID)/events"]
            reader.standardOutput = FileHandle.nullDevice
            reader.standardError = FileHandle.nullDevice
            try reader.run()
            readers.append(reader)
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while observatory.observerCount < count, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.001) }
    }

    func stop() {
        for reader in readers where reader.isRunning { reader.terminate() }
        server.stop()
    }
}
