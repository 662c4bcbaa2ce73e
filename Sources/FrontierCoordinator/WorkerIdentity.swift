/// Who speaks on a connection, as its `Hello` said (and, with CURVE, its key).
public struct WorkerIdentity: Sendable, Equatable {
    /// The worker's stable name.
    public var name: String
    /// The worker process instance; a restarted process has a new one.
    public var instanceID: String
    /// The connection's CURVE public key (Z85), nil on plain TCP.
    public var peerKey: String?

    /// An identity from its parts.
    public init(name: String, instanceID: String, peerKey: String? = nil) {
        self.name = name
        self.instanceID = instanceID
        self.peerKey = peerKey
    }
}
