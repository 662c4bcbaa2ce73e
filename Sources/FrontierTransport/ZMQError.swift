import CZeroMQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed libzmq call: the errno it set, libzmq's text for it, and what
/// Frontier was doing at the time.
///
/// The description reads like `bind tcp://*:5555: Address already in use`, so
/// it can be shown to an operator as is. Callers that need to react to a
/// specific condition switch on `code` rather than on `errno`.
public struct ZMQError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The conditions callers are expected to handle; everything else is `.other`.
    public enum Code: Sendable, Equatable {
        /// EAGAIN: a non-blocking call found nothing to do, or a send/receive
        /// timeout (`ZMQ_SNDTIMEO`/`ZMQ_RCVTIMEO`) expired.
        case wouldBlock
        /// ETERM: the socket's context was shut down; close the socket.
        case contextTerminated
        /// EHOSTUNREACH: a ROUTER with `routerMandatory` was asked to send to a
        /// routing id that is not (or no longer) connected.
        case hostUnreachable
        /// The socket was already closed by `close()` (reported as ENOTSOCK).
        case socketClosed
        /// Any other errno; see `errno` and `message`.
        case other
    }

    /// The errno value libzmq reported (`zmq_errno()`).
    public let errno: Int32
    /// The operation that failed, including its argument where useful (e.g. "bind tcp://*:5555").
    public let operation: String
    /// Human-readable reason, normally `zmq_strerror(errno)`.
    public let message: String

    /// Builds an error for `errno`, taking the message from `zmq_strerror`.
    public init(errno: Int32, operation: String) {
        self.errno = errno
        self.operation = operation
        self.message = String(cString: zmq_strerror(errno))
    }

    /// The error for an operation attempted on a closed socket.
    static func closed(_ operation: String) -> ZMQError {
        ZMQError(errno: ENOTSOCK, operation: operation, message: "socket is closed")
    }

    /// A call Frontier refuses because libzmq would misbehave (reported as EINVAL).
    static func misuse(_ operation: String, _ message: String) -> ZMQError {
        ZMQError(errno: EINVAL, operation: operation, message: message)
    }

    private init(errno: Int32, operation: String, message: String) {
        self.errno = errno
        self.operation = operation
        self.message = message
    }

    /// The condition this error represents.
    public var code: Code {
        switch errno {
        case EAGAIN: return .wouldBlock
        case ZMQError.eterm: return .contextTerminated
        case EHOSTUNREACH: return .hostUnreachable
        case ENOTSOCK: return .socketClosed
        default: return .other
        }
    }

    /// `operation: message`.
    public var description: String { "\(operation): \(message)" }

    // libzmq's own errno for a terminated context (not a POSIX errno).
    static let eterm: Int32 = ZMQ_HAUSNUMERO + 53
}

/// Runs a libzmq call that returns -1 on failure, retrying while it is
/// interrupted by a signal (EINTR means nothing happened, so retrying is safe).
@discardableResult
func zmqCall(_ operation: @autoclosure () -> String, _ body: () -> Int32) throws(ZMQError) -> Int32 {
    while true {
        let rc = body()
        if rc != -1 { return rc }
        let number = zmq_errno()
        if number == EINTR { continue }
        throw ZMQError(errno: number, operation: operation())
    }
}
