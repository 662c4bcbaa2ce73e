import CZeroMQ

/// One libzmq socket: its lifecycle and its endpoints.
///
/// A ZeroMQ socket is not thread-safe, so `ZMQSocket` is deliberately not
/// `Sendable`: use it from one thread (or one isolation domain) at a time. The
/// usual pattern is to pass the `Sendable` `ZMQContext` to the thread that
/// will run the socket loop and create the socket there. Blocking calls on the
/// socket can be interrupted from any thread with `ZMQContext.shutdown()`.
///
/// New sockets have linger 0, so closing a socket or terminating the context
/// drops unsent messages instead of waiting for peers that may never come.
/// Raise `ZMQSocketOption.linger` where delivery on close matters.
public final class ZMQSocket {
    /// The socket pattern.
    public let kind: ZMQSocketKind
    /// The context the socket lives in (kept alive by the socket).
    public let context: ZMQContext
    // nil once closed.
    private var handle: UnsafeMutableRawPointer?
    /// Whether a `bind` or `connect` has succeeded: options that libzmq copies into
    /// each connection can no longer be changed (see `set`).
    public private(set) var hasEndpoints = false

    /// Creates a socket of `kind` in `context`.
    public init(_ kind: ZMQSocketKind, context: ZMQContext) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, kind.rawType) else {
            throw ZMQError(errno: zmq_errno(), operation: "create \(kind) socket")
        }
        self.kind = kind
        self.context = context
        self.handle = handle
        try set(.linger, .zero)
    }

    /// Whether `close()` has been called.
    public var isClosed: Bool { handle == nil }

    /// The open libzmq handle, or `.socketClosed` naming `operation`.
    func openHandle(_ operation: @autoclosure () -> String) throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError.closed(operation()) }
        return handle
    }

    /// Binds to `endpoint` and returns the endpoint actually bound.
    ///
    /// Wildcards are resolved, so `tcp://127.0.0.1:*` returns e.g.
    /// `tcp://127.0.0.1:41235`; pass that string to peers' `connect` and to
    /// `unbind`.
    @discardableResult
    public func bind(_ endpoint: String) throws(ZMQError) -> String {
        let handle = try openHandle("bind \(endpoint)")
        try zmqCall("bind \(endpoint)") { zmq_bind(handle, endpoint) }
        hasEndpoints = true
        return try lastEndpoint()
    }

    /// Connects to `endpoint`. Connecting is asynchronous: it succeeds before a
    /// peer exists, and libzmq keeps reconnecting (see `reconnectInterval`).
    public func connect(_ endpoint: String) throws(ZMQError) {
        let handle = try openHandle("connect \(endpoint)")
        try zmqCall("connect \(endpoint)") { zmq_connect(handle, endpoint) }
        hasEndpoints = true
    }

    /// Undoes `connect(endpoint)`; `endpoint` must be the string passed to `connect`.
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        let handle = try openHandle("disconnect \(endpoint)")
        try zmqCall("disconnect \(endpoint)") { zmq_disconnect(handle, endpoint) }
    }

    /// Undoes `bind`; for a wildcard bind pass the endpoint `bind` returned.
    public func unbind(_ endpoint: String) throws(ZMQError) {
        let handle = try openHandle("unbind \(endpoint)")
        try zmqCall("unbind \(endpoint)") { zmq_unbind(handle, endpoint) }
    }

    /// The endpoint of the last `bind` or `connect` (`ZMQ_LAST_ENDPOINT`), with
    /// wildcards resolved.
    public func lastEndpoint() throws(ZMQError) -> String {
        let bytes = try get(.lastEndpoint)
        return String(cBuffer: bytes)
    }

    /// Closes the socket; later operations throw `.socketClosed`. Idempotent,
    /// and called by `deinit`. With linger 0 unsent messages are dropped.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        zmq_close(handle)
    }

    deinit { close() }
}
