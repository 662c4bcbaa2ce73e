/// How a worker reaches its coordinator and how patient it is.
public struct WorkerConfiguration: Sendable {
    /// The coordinator's ROUTER endpoint, e.g. `tcp://head:5555`.
    public var coordinator: String
    /// Shown in the front (worker of the last point) and in logs.
    public var name: String
    /// Tasks run at once; the coordinator never sends more.
    public var slots: Int
    /// How often the worker says it is alive (and renews its leases).
    public var heartbeatInterval: Duration
    /// Heartbeat intervals without a word from the coordinator before the worker
    /// drops the connection and reconnects (the Paranoid Pirate pattern).
    public var liveness: Int
    /// First and largest wait between reconnection attempts (doubling in between).
    public var reconnectBackoff: (initial: Duration, maximum: Duration)
    /// A result not acknowledged within this time is sent again.
    public var resultResendInterval: Duration
    /// CURVE keys when the coordinator runs CURVE; nil = plain TCP.
    public var curve: CurveClientCredentials?
    /// On `stop()`, how long running tasks may take to finish before they are handed
    /// back to the coordinator (released: requeued without spending an attempt).
    public var shutdownGrace: Duration
    /// On `stop()`, how long the worker then waits for the coordinator to acknowledge
    /// its last results and releases before it exits anyway.
    public var shutdownFlush: Duration

    public init(coordinator: String, name: String, slots: Int = 1, heartbeatInterval: Duration = .seconds(1),
                liveness: Int = 5, reconnectBackoff: (initial: Duration, maximum: Duration) = (.seconds(1), .seconds(16)),
                resultResendInterval: Duration = .seconds(5), curve: CurveClientCredentials? = nil,
                shutdownGrace: Duration = .seconds(10), shutdownFlush: Duration = .seconds(5)) {
        self.curve = curve
        self.shutdownGrace = shutdownGrace
        self.shutdownFlush = shutdownFlush
        self.coordinator = coordinator
        self.name = name
        self.slots = slots
        self.heartbeatInterval = heartbeatInterval
        self.liveness = liveness
        self.reconnectBackoff = reconnectBackoff
        self.resultResendInterval = resultResendInterval
    }
}
