import CZeroMQ

/// A typed libzmq socket option: its `ZMQ_*` number and how its value is
/// encoded, so `socket.set(.receiveHighWaterMark, 1000)` cannot pass the wrong
/// C type. See the static members for the options Frontier uses.
public struct ZMQSocketOption<Value>: Sendable, CustomStringConvertible {
    /// The libzmq option name, e.g. "ZMQ_LINGER".
    public let description: String
    let number: Int32
    // Largest value `get` can read back.
    let capacity: Int
    let encode: @Sendable (Value) -> [UInt8]
    let decode: @Sendable ([UInt8]) -> Value
    /// Whether libzmq copies the option into each connection when it is made, so
    /// it must be set before the first `bind`/`connect` (see `ZMQSocket.set`).
    let fixedOnceConnected: Bool

    init(_ name: String, _ number: Int32, capacity: Int, fixedOnceConnected: Bool = false,
         encode: @escaping @Sendable (Value) -> [UInt8], decode: @escaping @Sendable ([UInt8]) -> Value) {
        self.description = name
        self.number = number
        self.capacity = capacity
        self.fixedOnceConnected = fixedOnceConnected
        self.encode = encode
        self.decode = decode
    }
}

// MARK: - Encodings

/// C `int`.
private func int32Bytes(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
private func int32Value(_ bytes: [UInt8]) -> Int32 {
    bytes.count >= 4 ? bytes.withUnsafeBytes { $0.loadUnaligned(as: Int32.self) } : 0
}

/// Milliseconds as a C `int`, rounded down and clamped.
private func milliseconds(_ duration: Duration) -> Int32 {
    let (seconds, attoseconds) = duration.components
    let ms = seconds.multipliedReportingOverflow(by: 1000)
    if ms.overflow { return seconds < 0 ? 0 : Int32.max }
    return Int32(clamping: max(0, ms.partialValue + attoseconds / 1_000_000_000_000_000))
}

extension ZMQSocketOption where Value == Int {
    static func int(_ name: String, _ number: Int32) -> Self {
        Self(name, number, capacity: 4,
             encode: { int32Bytes(Int32(clamping: $0)) }, decode: { Int(int32Value($0)) })
    }

    /// `ZMQ_SNDHWM`: messages queued per peer before sends block or drop (0 = no limit; default 1000).
    public static var sendHighWaterMark: Self { .int("ZMQ_SNDHWM", ZMQ_SNDHWM) }
    /// `ZMQ_RCVHWM`: messages queued per peer on receive (0 = no limit; default 1000).
    public static var receiveHighWaterMark: Self { .int("ZMQ_RCVHWM", ZMQ_RCVHWM) }
    /// `ZMQ_MAXMSGSIZE`: largest inbound frame in bytes (-1 = no limit, the default).
    ///
    /// A peer that sends a larger one is disconnected by libzmq: the message is
    /// dropped silently and the receiver sees nothing (a DEALER peer will
    /// reconnect). Other peers are unaffected. In libzmq 4.3 the limit applies
    /// to each frame, not to the sum of a multipart message's frames.
    public static var maxMessageSize: Self {
        Self("ZMQ_MAXMSGSIZE", ZMQ_MAXMSGSIZE, capacity: 8,
             encode: { withUnsafeBytes(of: Int64($0)) { Array($0) } },
             decode: { $0.count >= 8 ? Int($0.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }) : 0 })
    }
}

extension ZMQSocketOption where Value == Bool {
    static func flag(_ name: String, _ number: Int32, fixedOnceConnected: Bool = false) -> Self {
        Self(name, number, capacity: 4, fixedOnceConnected: fixedOnceConnected,
             encode: { int32Bytes($0 ? 1 : 0) }, decode: { int32Value($0) != 0 })
    }

    /// `ZMQ_ROUTER_MANDATORY` (ROUTER, write-only): sending to an unknown routing
    /// id throws `.hostUnreachable` instead of dropping the message silently,
    /// and a peer whose queue is full makes `send` block (or throw `.wouldBlock`
    /// with `dontWait`) instead of dropping.
    public static var routerMandatory: Self { .flag("ZMQ_ROUTER_MANDATORY", ZMQ_ROUTER_MANDATORY) }
    /// `ZMQ_IMMEDIATE`: queue messages only to completed connections, so a
    /// DEALER with no live peer blocks (or throws `.wouldBlock`) instead of
    /// queueing for a peer that may never come.
    ///
    /// Set it before `connect` only. Each connection keeps the value it was made
    /// with; if the socket's value later differs, a reconnection makes libzmq
    /// 4.3 abort the process with `Assertion failed: false
    /// (src/socket_base.cpp:1673)` (`socket_base_t::xhiccuped`, which a DEALER
    /// does not implement), so `set` refuses it once connected.
    public static var immediate: Self { .flag("ZMQ_IMMEDIATE", ZMQ_IMMEDIATE, fixedOnceConnected: true) }
}

extension ZMQSocketOption where Value == Duration {
    static func duration(_ name: String, _ number: Int32) -> Self {
        Self(name, number, capacity: 4,
             encode: { int32Bytes(milliseconds($0)) }, decode: { .milliseconds(Int(int32Value($0))) })
    }

    /// `ZMQ_HEARTBEAT_IVL`: interval between ZMTP PINGs on each connection (zero = off, the default).
    public static var heartbeatInterval: Self { .duration("ZMQ_HEARTBEAT_IVL", ZMQ_HEARTBEAT_IVL) }
    /// `ZMQ_HEARTBEAT_TIMEOUT`: how long to wait for a PONG (or any traffic)
    /// before dropping the connection (zero = the heartbeat interval).
    public static var heartbeatTimeout: Self { .duration("ZMQ_HEARTBEAT_TIMEOUT", ZMQ_HEARTBEAT_TIMEOUT) }
    /// `ZMQ_HEARTBEAT_TTL`: asks the remote peer to drop the connection if it
    /// hears nothing from us for this long (resolution 100 ms; zero = off).
    public static var heartbeatTTL: Self { .duration("ZMQ_HEARTBEAT_TTL", ZMQ_HEARTBEAT_TTL) }
    /// `ZMQ_RECONNECT_IVL_MAX`: upper bound of the exponential reconnect back-off
    /// (zero, the default, means always wait `reconnectInterval`).
    public static var reconnectIntervalMax: Self { .duration("ZMQ_RECONNECT_IVL_MAX", ZMQ_RECONNECT_IVL_MAX) }
}

extension ZMQSocketOption where Value == Duration? {
    /// A duration where libzmq's -1 (infinite / never) is `nil`.
    static func optionalDuration(_ name: String, _ number: Int32) -> Self {
        Self(name, number, capacity: 4,
             encode: { $0.map { int32Bytes(milliseconds($0)) } ?? int32Bytes(-1) },
             decode: { let ms = int32Value($0); return ms < 0 ? nil : .milliseconds(Int(ms)) })
    }

    /// `ZMQ_LINGER`: how long close/termination waits to flush unsent messages
    /// (nil = forever). `ZMQSocket` sets zero at creation.
    public static var linger: Self { .optionalDuration("ZMQ_LINGER", ZMQ_LINGER) }
    /// `ZMQ_RCVTIMEO`: `receive()` throws `.wouldBlock` after this long (nil = wait forever, the default).
    public static var receiveTimeout: Self { .optionalDuration("ZMQ_RCVTIMEO", ZMQ_RCVTIMEO) }
    /// `ZMQ_SNDTIMEO`: `send` throws `.wouldBlock` after this long (nil = wait forever, the default).
    public static var sendTimeout: Self { .optionalDuration("ZMQ_SNDTIMEO", ZMQ_SNDTIMEO) }
    /// `ZMQ_RECONNECT_IVL`: wait before reconnecting a dropped or refused
    /// connection (nil = never reconnect; default 100 ms).
    public static var reconnectInterval: Self { .optionalDuration("ZMQ_RECONNECT_IVL", ZMQ_RECONNECT_IVL) }
}

extension ZMQSocketOption where Value == Bool? {
    /// `ZMQ_TCP_KEEPALIVE`: OS-level TCP keep-alive (nil = the OS default, the default).
    public static var tcpKeepAlive: Self {
        Self("ZMQ_TCP_KEEPALIVE", ZMQ_TCP_KEEPALIVE, capacity: 4,
             encode: { int32Bytes($0.map { $0 ? 1 : 0 } ?? -1) },
             decode: { let v = int32Value($0); return v < 0 ? nil : v != 0 })
    }
}

extension ZMQSocketOption where Value == [UInt8] {
    static func bytes(_ name: String, _ number: Int32, capacity: Int) -> Self {
        Self(name, number, capacity: capacity, encode: { $0 }, decode: { $0 })
    }

    /// `ZMQ_ROUTING_ID` (formerly `ZMQ_IDENTITY`): the id a ROUTER peer sees
    /// for this socket, 1–255 bytes not starting with a zero byte. Set before
    /// `connect`; unset, the ROUTER makes up a random one.
    public static var routingID: Self { .bytes("ZMQ_ROUTING_ID", ZMQ_ROUTING_ID, capacity: 255) }
    /// `ZMQ_SUBSCRIBE` (SUB, write-only): receive messages whose first frame
    /// starts with these bytes (empty = everything). Prefer `subscribe(_:)`.
    public static var subscribe: Self { .bytes("ZMQ_SUBSCRIBE", ZMQ_SUBSCRIBE, capacity: 0) }
    /// `ZMQ_UNSUBSCRIBE` (SUB, write-only): removes one matching `subscribe`.
    public static var unsubscribe: Self { .bytes("ZMQ_UNSUBSCRIBE", ZMQ_UNSUBSCRIBE, capacity: 0) }
    /// `ZMQ_LAST_ENDPOINT` (read-only): NUL-terminated; see `ZMQSocket.lastEndpoint()`.
    static var lastEndpoint: Self { .bytes("ZMQ_LAST_ENDPOINT", ZMQ_LAST_ENDPOINT, capacity: 1024) }
}

// MARK: - Access

extension ZMQSocket {
    /// Sets `option` to `value`.
    ///
    /// Options that libzmq fixes per connection (`immediate`, the CURVE keys,
    /// `zapDomain`) throw once the socket has a `bind` or `connect`: a late
    /// change would not apply to the existing connections (a CURVE key set late
    /// would silently leave traffic unencrypted), and a late `immediate` change
    /// can abort libzmq.
    public func set<Value>(_ option: ZMQSocketOption<Value>, _ value: Value) throws(ZMQError) {
        let operation = "set \(option) on \(kind) socket"
        let handle = try openHandle(operation)
        if option.fixedOnceConnected && hasEndpoints {
            throw ZMQError.misuse(operation, "must be set before the socket's first bind or connect")
        }
        let bytes = option.encode(value)
        try zmqCall(operation) {
            bytes.withUnsafeBytes { zmq_setsockopt(handle, option.number, $0.baseAddress, $0.count) }
        }
    }

    /// Reads the current value of `option`.
    public func get<Value>(_ option: ZMQSocketOption<Value>) throws(ZMQError) -> Value {
        let operation = "get \(option) on \(kind) socket"
        let handle = try openHandle(operation)
        var bytes = [UInt8](repeating: 0, count: option.capacity)
        var size = bytes.count
        try zmqCall(operation) {
            bytes.withUnsafeMutableBytes { zmq_getsockopt(handle, option.number, $0.baseAddress, &size) }
        }
        return option.decode(Array(bytes.prefix(size)))
    }

    /// Subscribes a SUB socket to messages whose first frame starts with `prefix`.
    public func subscribe(_ prefix: String) throws(ZMQError) { try set(.subscribe, Array(prefix.utf8)) }

    /// Removes one earlier `subscribe(prefix)`.
    public func unsubscribe(_ prefix: String) throws(ZMQError) { try set(.unsubscribe, Array(prefix.utf8)) }
}
