import FrontierSweep

/// A worker connected to the coordinator, as announced in its `Hello`.
public struct ConnectedWorker: Sendable, Equatable {
    /// The connection's routing ID.
    public let id: WorkerID
    /// Stable across reconnects; what re-adoption matches on.
    public var name: String
    /// Changes whenever the worker process restarts.
    public var instanceID: String
    /// The connection's CURVE public key, nil on plain TCP.
    public var peerKey: String?
    /// Tasks the worker runs at once: its credit.
    public var slots: Int
    /// Shards the worker holds; a task goes only to a worker with one serving its reference.
    public var shards: [ShardDescriptor]
    /// Job kinds the worker has registered.
    public var jobKinds: Set<String>
    /// Last message from the worker, in the caller's clock.
    public internal(set) var lastSeen: Double
    /// Free slots from the last heartbeat; informational only, because the
    /// coordinator's own count of outstanding tasks is what credit is based on
    /// (a heartbeat may predate assignments in flight).
    public internal(set) var reportedFreeSlots: Int?
    /// Tasks currently assigned to this connection.
    public internal(set) var taskIDs: Set<String> = []
    /// The worker announced it is shutting down: it gets no more work.
    public internal(set) var leaving = false
    /// Connection order, to break ties deterministically.
    let order: Int

    /// Slots not taken by outstanding tasks; none for a worker that is leaving.
    public var freeSlots: Int { leaving ? 0 : max(0, slots - taskIDs.count) }

    /// Who the connection is.
    public var identity: WorkerIdentity { WorkerIdentity(name: name, instanceID: instanceID, peerKey: peerKey) }

    /// Whether the worker runs the task's job kind.
    func runs(_ task: TaskSpec) -> Bool { jobKinds.contains(task.jobKind) }

    /// The first of the worker's shards that serves the task's reference.
    func shard(for task: TaskSpec) -> ShardDescriptor? { shards.first { $0.serves(task.shard) } }
}
