import Foundation

/// A ZAP handler (ZeroMQ RFC 27): libzmq asks it, over `inproc://zeromq.zap.01`
/// in the same context, whether each new connection to a CURVE server socket may
/// proceed. Without a handler bound there, libzmq accepts every client that
/// completes the CURVE handshake (knows the server key); with one, `decide` sees
/// the client's public key and peer address and can refuse it.
///
/// The handler owns a REP socket on its own thread (a socket belongs to one
/// thread). The thread sleeps in `zmq_poll` and wakes at most every
/// `stopCheckInterval` to see whether `stop()` was called, so it never spins;
/// `ZMQContext.shutdown()` also ends it. Start it before the server sockets bind,
/// so no connection slips in before the policy is in place.
public final class ZMQZapHandler: @unchecked Sendable {
    /// The endpoint libzmq sends ZAP requests to (fixed by RFC 27).
    public static let endpoint = "inproc://zeromq.zap.01"

    /// One ZAP request, decoded.
    public struct Request: Sendable {
        /// The server socket's `zapDomain`.
        public var domain: String
        /// The peer's IP address (no port), for logs.
        public var address: String
        /// The routing id the client set, if any.
        public var routingID: Data
        /// "NULL", "PLAIN" or "CURVE".
        public var mechanism: String
        /// The client's long-term public key (Z85) for CURVE; nil otherwise.
        public var clientKey: String?

        public init(domain: String, address: String, routingID: Data, mechanism: String, clientKey: String?) {
            self.domain = domain
            self.address = address
            self.routingID = routingID
            self.mechanism = mechanism
            self.clientKey = clientKey
        }
    }

    /// What the handler answers.
    public enum Decision: Sendable, Equatable {
        /// Status 200; `userID` is attached to the client's messages as "User-Id".
        case allow(userID: String)
        /// Status 400 with a reason; libzmq closes the connection.
        case deny(reason: String)
    }

    private let stopping = NSLock()
    private var stopRequested = false
    private let finished = DispatchSemaphore(value: 0)
    private var running = false

    /// Binds the ZAP endpoint in `context` and starts answering with `decide`
    /// (called on the handler's thread, one request at a time). Throws if the
    /// endpoint is taken (another handler in this context) or the bind fails.
    public init(context: ZMQContext, stopCheckInterval: Duration = .milliseconds(200),
                decide: @escaping @Sendable (Request) -> Decision) throws(ZMQError) {
        let started = DispatchSemaphore(value: 0)
        let bindError = LockedBox<ZMQError?>(nil)
        let thread = Thread { [self] in
            let socket: ZMQSocket
            do {
                socket = try context.socket(.rep)
                try socket.bind(Self.endpoint)
            } catch {
                bindError.value = (error as? ZMQError) ?? ZMQError.misuse("start ZAP handler", "\(error)")
                started.signal()
                finished.signal()
                return
            }
            started.signal()
            serve(socket, interval: stopCheckInterval, decide: decide)
            socket.close()
            finished.signal()
        }
        thread.name = "ZAP handler"
        thread.start()
        started.wait()
        if let error = bindError.value { throw error }
        running = true
    }

    /// Stops the handler and waits (briefly) for its thread to close its socket.
    /// Idempotent. Shutting the context down also ends the thread, but only
    /// `stop()` waits for it, so call it before `ZMQContext.shutdown()`.
    public func stop() {
        let wasRunning = stopping.withLock {
            defer { stopRequested = true; running = false }
            return running
        }
        guard wasRunning else { return }
        _ = finished.wait(timeout: .now() + .seconds(5))
    }

    deinit { stop() }

    private var shouldStop: Bool { stopping.withLock { stopRequested } }

    private func serve(_ socket: ZMQSocket, interval: Duration, decide: (Request) -> Decision) {
        while !shouldStop {
            do {
                guard try !ZMQPoller([socket]).poll(timeout: interval).isEmpty,
                      let frames = try socket.tryReceive() else { continue }
                try socket.send(Self.reply(to: frames, decide: decide))
            } catch {
                // The context was shut down (or the socket broke): nothing more to authenticate.
                return
            }
        }
    }

    /// The reply frames for one request (RFC 27): version, request id, status
    /// code, status text, user id, metadata.
    static func reply(to frames: [Data], decide: (Request) -> Decision) -> [Data] {
        let requestID = frames.count > 1 ? frames[1] : Data()
        func answer(_ code: String, _ text: String, userID: String = "") -> [Data] {
            [Data("1.0".utf8), requestID, Data(code.utf8), Data(text.utf8), Data(userID.utf8), Data()]
        }
        guard frames.count >= 6, frames[0] == Data("1.0".utf8) else {
            return answer("500", "malformed ZAP request")
        }
        let mechanism = String(decoding: frames[5], as: UTF8.self)
        var clientKey: String?
        if mechanism == "CURVE" {
            guard frames.count >= 7, let key = ZMQCurveKeyPair.z85(binaryKey: Array(frames[6])) else {
                return answer("500", "CURVE request without a 32-byte key")
            }
            clientKey = key
        }
        let request = Request(domain: String(decoding: frames[2], as: UTF8.self),
                              address: String(decoding: frames[3], as: UTF8.self),
                              routingID: frames[4], mechanism: mechanism, clientKey: clientKey)
        switch decide(request) {
        case .allow(let userID): return answer("200", "OK", userID: userID)
        case .deny(let reason): return answer("400", reason)
        }
    }
}

/// A value handed between two threads.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
