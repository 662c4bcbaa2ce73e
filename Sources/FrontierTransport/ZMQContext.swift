import CZeroMQ
import Foundation

/// A libzmq context: the I/O threads and the `inproc://` namespace shared by
/// the sockets created in it.
///
/// libzmq contexts are thread-safe, so a context can be handed to any thread
/// (typically so that a thread creates its own sockets). Every `ZMQSocket`
/// keeps its context alive; the context is terminated (`zmq_ctx_term`) when the
/// last reference to it goes, which is after all its sockets are closed, so
/// termination never waits on an open socket. Sockets are created with linger
/// 0, so it does not wait on unsent messages either unless linger was raised.
public final class ZMQContext: @unchecked Sendable {
    // The context pointer itself never changes; libzmq synchronises its use.
    let handle: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var shutDown = false

    /// Creates a context with `ioThreads` background I/O threads (libzmq's
    /// default is 1, enough for Frontier's message rates).
    public init(ioThreads: Int = 1) throws(ZMQError) {
        guard let handle = zmq_ctx_new() else {
            throw ZMQError(errno: zmq_errno(), operation: "zmq_ctx_new")
        }
        self.handle = handle
        if ioThreads != 1 {
            let rc = zmq_ctx_set(handle, ZMQ_IO_THREADS, Int32(clamping: ioThreads))
            if rc != 0 {
                let error = ZMQError(errno: zmq_errno(), operation: "set io threads \(ioThreads)")
                zmq_ctx_term(handle)
                throw error
            }
        }
    }

    /// Shuts the context down without waiting: blocking calls on its sockets
    /// (in any thread) return `.contextTerminated`, and so does every later
    /// operation except `close()`. Idempotent.
    ///
    /// Sockets must still be closed (or released) by their owners; the context
    /// is freed once they and the context itself are gone.
    public func shutdown() {
        lock.lock()
        defer { lock.unlock() }
        guard !shutDown else { return }
        shutDown = true
        zmq_ctx_shutdown(handle)
    }

    /// Whether `shutdown()` has been called.
    public var isShutDown: Bool {
        lock.lock()
        defer { lock.unlock() }
        return shutDown
    }

    /// Creates a socket of `kind` in this context.
    public func socket(_ kind: ZMQSocketKind) throws(ZMQError) -> ZMQSocket {
        try ZMQSocket(kind, context: self)
    }

    deinit {
        // All sockets are closed by now (each held a reference to us).
        while zmq_ctx_term(handle) == -1 && zmq_errno() == EINTR {}
    }
}
