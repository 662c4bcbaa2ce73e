import FrontierCoordinator

// The values only the coordinator's observers (the web view) show; defined here, beside the
// CLI's, so a future command printing them uses the same shape.
extension ClusterJSON {
    /// A connected worker as the workers list shows it.
    public struct Worker: Encodable, Sendable, Equatable {
        public var name, instanceID: String
        /// `dataset/shard` for each shard it holds.
        public var shards: [String]
        public var jobKinds: [String]
        public var slots, runningTasks, freeSlots: Int
        public var leaving: Bool
        /// Unix seconds of its last message.
        public var lastHeartbeat: Double
        enum CodingKeys: String, CodingKey {
            case name, instanceID = "instance_id", shards, jobKinds = "job_kinds", slots, runningTasks = "running_tasks"
            case freeSlots = "free_slots", leaving, lastHeartbeat = "last_heartbeat"
        }

        public init(_ worker: ConnectedWorker) {
            name = worker.name
            instanceID = worker.instanceID
            shards = worker.shards.map { "\($0.dataset)/\($0.shardID)" }
            jobKinds = worker.jobKinds.sorted()
            slots = worker.slots
            runningTasks = worker.taskIDs.count
            freeSlots = worker.freeSlots
            leaving = worker.leaving
            lastHeartbeat = worker.lastSeen
        }
    }

    /// `/api/workers`: the connected workers in connection order, as of `taken_at` (Unix seconds).
    public struct Workers: Encodable, Sendable {
        public var workers: [Worker]
        public var takenAt: Double
        enum CodingKeys: String, CodingKey { case workers, takenAt = "taken_at" }

        public init(workers: [Worker], takenAt: Double) {
            self.workers = workers
            self.takenAt = takenAt
        }
    }

    /// One point of a sweep's hypervolume over time: after the front change `sequence`, at `time` (Unix seconds).
    public struct HypervolumePoint: Encodable, Sendable, Equatable {
        public var sequence: UInt64
        public var time: Double
        public var hypervolume: Double

        public init(sequence: UInt64, time: Double, hypervolume: Double) {
            self.sequence = sequence
            self.time = time
            self.hypervolume = hypervolume
        }
    }

    /// `/api/sweeps/{id}/hypervolume`: the sweep's hypervolume after each front change this coordinator saw.
    public struct HypervolumeHistory: Encodable, Sendable {
        public var sweepID: String
        public var points: [HypervolumePoint]
        enum CodingKeys: String, CodingKey { case sweepID = "sweep_id", points }

        public init(sweepID: String, points: [HypervolumePoint]) {
            self.sweepID = sweepID
            self.points = points
        }
    }
}
