// Short names for the generated message types, so callers write `TaskAssign` rather than
// `Frontier_V1_TaskAssign`. Two schema names would collide with common Swift names and get a
// distinct alias instead: `Progress` (Foundation.Progress) is `TaskProgress`, and `Error`
// (Swift.Error) is `ErrorMessage`.

/// The one message on the wire: version header, message id and one body.
public typealias Envelope = Frontier_V1_Envelope
/// Worker → coordinator on connect and reconnect.
public typealias Hello = Frontier_V1_Hello
/// A dataset shard stored on a worker.
public typealias ShardInfo = Frontier_V1_ShardInfo
/// Periodic liveness in both directions; renews a worker's leases.
public typealias Heartbeat = Frontier_V1_Heartbeat
/// Coordinator → worker: run one task attempt.
public typealias TaskAssign = Frontier_V1_TaskAssign
/// Worker → coordinator after each step of a task (the schema's `Progress`).
public typealias TaskProgress = Frontier_V1_Progress
/// Worker → coordinator: the objectives and report of a finished task.
public typealias TaskResult = Frontier_V1_TaskResult
/// Worker → coordinator: a task attempt failed.
public typealias TaskFailure = Frontier_V1_TaskFailure
/// Coordinator → worker: stop a task.
public typealias Cancel = Frontier_V1_Cancel
/// Acknowledges a message by id.
public typealias Ack = Frontier_V1_Ack
/// Client → coordinator: start a sweep.
public typealias SweepSubmit = Frontier_V1_SweepSubmit
/// Coordinator → client: a sweep was accepted.
public typealias SweepAccepted = Frontier_V1_SweepAccepted
/// Client → coordinator: ask for sweep states.
public typealias SweepStatusRequest = Frontier_V1_SweepStatusRequest
/// Coordinator → client: states of sweeps.
public typealias SweepStatus = Frontier_V1_SweepStatus
/// The state of one sweep inside a `SweepStatus`.
public typealias SweepSummary = Frontier_V1_SweepSummary
/// Why one pending task cannot be placed.
public typealias PendingReason = Frontier_V1_PendingReason
/// Lifecycle state of a sweep.
public typealias SweepState = Frontier_V1_SweepState
/// Client → coordinator: cancel a sweep.
public typealias SweepCancel = Frontier_V1_SweepCancel
/// Client → coordinator: ask for a front snapshot.
public typealias FrontSnapshotRequest = Frontier_V1_FrontSnapshotRequest
/// Coordinator → client: the whole front at a sequence number.
public typealias FrontSnapshot = Frontier_V1_FrontSnapshot
/// Coordinator → subscribers: rows of a front that changed.
public typealias FrontUpdate = Frontier_V1_FrontUpdate
/// One aggregated sweep point of a front.
public typealias FrontRow = Frontier_V1_FrontRow
/// Client → coordinator: one page of a sweep's finished runs.
public typealias SweepResultsRequest = Frontier_V1_SweepResultsRequest
/// Coordinator → client: a page of a sweep's finished runs.
public typealias SweepResults = Frontier_V1_SweepResults
/// One finished run inside `SweepResults`.
public typealias RunResult = Frontier_V1_RunResult
/// A refusal, with a machine-readable code (the schema's `Error`).
public typealias ErrorMessage = Frontier_V1_Error
/// Category of an `ErrorMessage`.
public typealias ErrorCode = Frontier_V1_ErrorCode

extension Frontier_V1_Envelope {
    /// The message an envelope carries (the schema's `oneof body`).
    public typealias Body = OneOf_Body
}

extension Frontier_V1_Envelope.OneOf_Body {
    /// The schema name of the body's message type, for logs and error messages.
    public var messageName: String {
        switch self {
        case .hello: "Hello"
        case .heartbeat: "Heartbeat"
        case .taskAssign: "TaskAssign"
        case .progress: "Progress"
        case .taskResult: "TaskResult"
        case .taskFailure: "TaskFailure"
        case .cancel: "Cancel"
        case .ack: "Ack"
        case .sweepSubmit: "SweepSubmit"
        case .sweepAccepted: "SweepAccepted"
        case .sweepStatusRequest: "SweepStatusRequest"
        case .sweepStatus: "SweepStatus"
        case .sweepCancel: "SweepCancel"
        case .frontSnapshotRequest: "FrontSnapshotRequest"
        case .frontSnapshot: "FrontSnapshot"
        case .frontUpdate: "FrontUpdate"
        case .error: "Error"
        case .sweepResultsRequest: "SweepResultsRequest"
        case .sweepResults: "SweepResults"
        }
    }
}
