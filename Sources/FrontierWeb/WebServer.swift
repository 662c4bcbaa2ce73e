import Foundation
import FrontierCluster
import Hummingbird
import Logging

/// The coordinator's read-only web view over HTTP (Hummingbird): pages, JSON API, event
/// streams and `/metrics`, all read from a `CoordinatorObservatory`. It runs on its own
/// threads (SwiftNIO's); the coordinator's loop only publishes into the observatory and
/// never waits for it.
public final class WebServer: Sendable {
    public let address: WebAddress
    private let observatory: CoordinatorObservatory
    private let token: AccessToken?
    private let logger: Logger
    private let task = LockedTask()

    /// A server for `address`; `token` required on every request when given.
    ///
    /// - Throws: `WebError.tokenRequired` for an address beyond loopback without a token.
    public init(observatory: CoordinatorObservatory, address: WebAddress, token: AccessToken?,
                logger: Logger = Logger(label: "frontier.web")) throws(WebError) {
        guard token != nil || address.isLoopback else { throw .tokenRequired(address) }
        self.observatory = observatory
        self.address = address
        self.token = token
        self.logger = logger
    }

    /// Starts serving; returns the bound port (the given one, or the one chosen for port 0)
    /// once connections are accepted.
    public func start() async throws -> Int {
        let router = Router()
        if let token { router.add(middleware: TokenMiddleware(token: token)) }
        WebRoutes.add(to: router, observatory: observatory)
        let (ports, bound) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "frontier"),
            onServerRunning: { channel in
                bound.yield(channel.localAddress?.port ?? 0)
                bound.finish()
            },
            logger: logger)
        let running = Task {
            do { try await app.runService(gracefulShutdownSignals: []) } catch {
                logger.error("the web view stopped: \(error)")
            }
            bound.finish()
        }
        task.set(running)
        for await port in ports { return port }
        throw WebStartFailure(address: address)
    }

    /// `start()` for a caller that is not async (the coordinator command).
    public func startBlocking() throws -> Int {
        let result = LockedResult()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { result.set(.success(try await start())) } catch { result.set(.failure(error)) }
            done.signal()
        }
        done.wait()
        return try result.get()
    }

    /// Stops serving (open event streams end).
    public func stop() { task.take()?.cancel() }
}

/// The server ended before it accepted connections (the address in use, say: the log says why).
struct WebStartFailure: Error, CustomStringConvertible {
    let address: WebAddress
    var description: String { "the web view could not listen on \(address) (see the log above)" }
}

/// The running server's task, set once and taken to cancel it.
private final class LockedTask: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    func set(_ t: Task<Void, Never>) { lock.withLock { task = t } }
    func take() -> Task<Void, Never>? { lock.withLock { defer { task = nil }; return task } }
}

/// `startBlocking`'s hand-over from the task to the waiting thread.
private final class LockedResult: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Int, any Error> = .failure(CancellationError())
    func set(_ r: Result<Int, any Error>) { lock.withLock { result = r } }
    func get() throws -> Int { try lock.withLock { result }.get() }
}
