import FrontierSweep

/// How the coordinator listens, where it keeps its state and how patient it is with workers.
public struct CoordinatorConfiguration: Sendable {
    /// ROUTER endpoint for workers and command-line clients, e.g. `tcp://*:5555`.
    public var bind: String
    /// PUB endpoint for front updates, e.g. `tcp://*:5556`.
    public var publish: String
    /// The PUB endpoint clients are told to subscribe to (`SweepStatus.publish_endpoint`);
    /// nil advertises the bound one, whose wildcard host clients replace by the host
    /// they reached the coordinator at. Set it when clients reach the PUB socket
    /// through another name or port (NAT, a proxy).
    public var advertisedPublish: String?
    /// Directory of the durable state (SQLite, WAL).
    public var stateDirectory: String
    /// Start even when the state's write-ahead log is missing or corrupt (from the last checkpoint).
    public var forceState: Bool
    /// A worker silent for this long loses its leases (its tasks are requeued).
    public var leaseDuration: Duration
    /// How often the WAL is copied into the database file (and on shutdown).
    public var checkpointInterval: Duration
    /// CURVE encryption (and optionally an allowlist of client keys) on both sockets; nil = plain TCP.
    public var curve: CurveServerSettings?
    /// Bounds on submitted sweep specs (size, nesting, alias expansion).
    public var specLimits: SpecLimits

    public init(bind: String, publish: String, stateDirectory: String, leaseDuration: Duration = .seconds(15),
                curve: CurveServerSettings? = nil, advertisedPublish: String? = nil, forceState: Bool = false,
                checkpointInterval: Duration = .seconds(60), specLimits: SpecLimits = .default) {
        self.bind = bind
        self.publish = publish
        self.advertisedPublish = advertisedPublish
        self.stateDirectory = stateDirectory
        self.forceState = forceState
        self.leaseDuration = leaseDuration
        self.checkpointInterval = checkpointInterval
        self.curve = curve
        self.specLimits = specLimits
    }
}
