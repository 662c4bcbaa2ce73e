import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Debian's `chromium`, headless, driven through the DevTools protocol over a pipe
/// (`--remote-debugging-pipe`: the browser reads commands on descriptor 3 and writes
/// replies and events on 4, each message NUL-terminated), so the test needs no WebSocket.
final class HeadlessChromium {
    enum Failure: Error, CustomStringConvertible {
        case unavailable(String)
        case protocolError(String)
        var description: String {
            switch self {
            case .unavailable(let why): "chromium unavailable: \(why)"
            case .protocolError(let why): "DevTools: \(why)"
            }
        }
    }

    /// The browser's path, or nil when it is not installed.
    static var executable: String? {
        let candidates = [ProcessInfo.processInfo.environment["FRONTIER_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private let pid: pid_t
    private let commands: Int32
    private let replies: Int32
    private var pending: [UInt8] = []
    private var nextID = 0
    private let profile: String
    /// The page's session once `open` attached to it.
    private var session: String?

    init(logDirectory: URL) throws {
        guard let executable = Self.executable else { throw Failure.unavailable("no chromium executable") }
        profile = logDirectory.appendingPathComponent("chromium-profile-\(UUID().uuidString)").path
        let log = logDirectory.appendingPathComponent("chromium.log").path
        // Our ends and the child's, all above the descriptors the child maps (3 and 4).
        let (childReads, ourWrites) = try Self.pipePair()
        let (ourReads, childWrites) = try Self.pipePair()
        commands = ourWrites
        replies = ourReads
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, childReads, 3)
        posix_spawn_file_actions_adddup2(&actions, childWrites, 4)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments = [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                         "--user-data-dir=\(profile)", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                         "--disable-dev-shm-usage", "--disable-background-networking", "--window-size=1280,1000", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, nil, &argv, environ)
        Glibc.close(childReads)
        Glibc.close(childWrites)
        guard status == 0 else { throw Failure.unavailable("posix_spawn failed: \(status)") }
        pid = child
    }

    /// A pipe whose two ends are close-on-exec and numbered 10 or above.
    private static func pipePair() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure.unavailable("pipe failed") }
        let moved = fds.map { fd -> Int32 in
            let high = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            Glibc.close(fd)
            return high
        }
        return (moved[0], moved[1])
    }

    private var closed = false

    deinit { shutDown() }

    /// Ends the browser and closes the pipes (once).
    func shutDown() {
        guard !closed else { return }
        closed = true
        if pid > 0, kill(pid, 0) == 0 {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        Glibc.close(commands)
        Glibc.close(replies)
        try? FileManager.default.removeItem(atPath: profile)
    }

    /// Sends a command and waits for its reply's `result`.
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], session: String? = nil,
              timeout: Duration = .seconds(30)) throws -> [String: Any] {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(commands, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure.protocolError("the browser closed its command pipe") }
            written += n
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            let reply = try receive(until: deadline, what: method)
            guard reply["id"] as? Int == nextID else { continue }  // an event, or an older reply
            if let error = reply["error"] as? [String: Any] {
                throw Failure.protocolError("\(method): \(error["message"] ?? error)")
            }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func receive(until deadline: ContinuousClock.Instant, what: String) throws -> [String: Any] {
        while true {
            if let end = pending.firstIndex(of: 0) {
                let body = Data(pending[..<end])
                pending.removeSubrange(...end)
                guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                    throw Failure.protocolError("not a JSON object")
                }
                return object
            }
            let left = deadline - .now
            guard left > .zero else { throw Failure.protocolError("no reply to \(what) in time") }
            var poller = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left.components.seconds * 1000 + 1, 1000)))
            if ready <= 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = Glibc.read(replies, &chunk, chunk.count)
            guard n > 0 else { throw Failure.protocolError("the browser closed its reply pipe (see chromium.log)") }
            pending.append(contentsOf: chunk[..<n])
        }
    }

    /// Opens `url` in a new page and attaches to it.
    func open(_ url: String) throws {
        let target = try send("Target.createTarget", ["url": url])
        guard let targetID = target["targetId"] as? String else { throw Failure.protocolError("no targetId") }
        let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        guard let session = attached["sessionId"] as? String else { throw Failure.protocolError("no sessionId") }
        self.session = session
    }

    /// Evaluates `expression` in the page and returns its value (JSON-able).
    func evaluate(_ expression: String) throws -> Any? {
        let result = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true], session: session)
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw Failure.protocolError("\(expression): \(exception["text"] ?? exception)")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Polls `expression` until it is true; throws with the last value on timeout.
    func waitUntil(_ expression: String, timeout: Duration = .seconds(30)) throws {
        let deadline = ContinuousClock.now + timeout
        var last: Any?
        while ContinuousClock.now < deadline {
            last = try? evaluate(expression)
            if last as? Bool == true { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure.protocolError("never true: \(expression) (last: \(String(describing: last)))")
    }

    /// Moves the mouse to (x, y) in the page's viewport, as a user's pointer would.
    func moveMouse(x: Double, y: Double) throws {
        try send("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": x, "y": y], session: session)
    }
}
