import CZeroMQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits until at least one of several sockets has a message to read
/// (`zmq_poll`), so one thread can serve e.g. a ROUTER and a timer without
/// spinning.
///
/// Like the sockets it holds, a poller belongs to one thread at a time.
public struct ZMQPoller {
    /// The sockets polled, in registration order.
    public private(set) var sockets: [ZMQSocket]

    /// Creates a poller over `sockets`.
    public init(_ sockets: [ZMQSocket] = []) {
        self.sockets = sockets
    }

    /// Adds `socket` to the set polled for readability.
    public mutating func add(_ socket: ZMQSocket) {
        sockets.append(socket)
    }

    /// Removes `socket` (compared by identity) if present.
    public mutating func remove(_ socket: ZMQSocket) {
        sockets.removeAll { $0 === socket }
    }

    /// Waits up to `timeout` (nil = forever) and returns the sockets that have
    /// a message ready, in registration order; empty if the time ran out.
    ///
    /// Signals (EINTR) do not cut the wait short: polling resumes for the time
    /// that is left. With no sockets it simply sleeps for `timeout` (forever
    /// if nil), and `ZMQContext.shutdown()` does not wake it then.
    public func poll(timeout: Duration?) throws(ZMQError) -> [ZMQSocket] {
        var items: [zmq_pollitem_t] = []
        items.reserveCapacity(sockets.count)
        for socket in sockets {
            let handle = try socket.openHandle("poll \(socket.kind) socket")
            items.append(zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        while true {
            var waitMilliseconds = -1
            if let deadline {
                let left = clock.now.duration(to: deadline)
                // Round up so a sub-millisecond remainder still waits instead of spinning.
                // Clamp at about 31 years so the conversion cannot overflow.
                let (seconds, attoseconds) = left.components
                waitMilliseconds = left <= .zero ? 0
                    : Int(min(seconds, 1_000_000_000)) * 1000
                        + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
            }
            let count = items.withUnsafeMutableBufferPointer {
                zmq_poll($0.baseAddress, Int32($0.count), waitMilliseconds)
            }
            if count == -1 {
                let number = zmq_errno()
                if number == EINTR { continue }
                throw ZMQError(errno: number, operation: "poll \(sockets.count) sockets")
            }
            return zip(sockets, items).compactMap { socket, item in
                item.revents & Int16(ZMQ_POLLIN) != 0 ? socket : nil
            }
        }
    }

    /// Waits up to `timeoutMilliseconds` (-1 = forever) and returns the
    /// readable sockets; see `poll(timeout:)`.
    public func poll(timeoutMilliseconds: Int) throws(ZMQError) -> [ZMQSocket] {
        try poll(timeout: timeoutMilliseconds < 0 ? nil : .milliseconds(timeoutMilliseconds))
    }
}
