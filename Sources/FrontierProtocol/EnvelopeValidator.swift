/// The semantic rules of each message body: cheap checks that keep nonsense from an untrusted or
/// buggy peer out of the scheduler and the front (empty ids, impossible slot counts, non-finite
/// objectives, unbounded names, lists and maps).
///
/// Rules deliberately stop at what the protocol itself knows. Whether a job kind exists, a sweep id
/// is known or a spec parses is for the coordinator or worker to decide (`NOT_FOUND`, `TaskFailure`).
/// Field paths in errors use the schema's names (`task_assign.task_id`) so a peer written in any
/// language can find them.
public struct EnvelopeValidator: Sendable {
    /// The bounds checked.
    public var limits: ProtocolLimits

    /// Creates a validator enforcing `limits`.
    public init(limits: ProtocolLimits = .default) {
        self.limits = limits
    }

    /// Throws `.invalid` for the first rule `body` breaks.
    public func validate(_ body: Envelope.Body) throws(ProtocolError) {
        switch body {
        case let .hello(m): try hello(m)
        case let .heartbeat(m):
            if m.freeSlots > limits.maxSlots {
                throw .invalid(field: "heartbeat.free_slots", reason: "\(m.freeSlots) exceeds \(limits.maxSlots)")
            }
            try identifiers(m.runningTaskIds, "heartbeat.running_task_ids")
        case let .taskAssign(m):
            try identifier(m.taskID, "task_assign.task_id")
            try identifier(m.sweepID, "task_assign.sweep_id")
            try attempt(m.attempt, "task_assign.attempt")
            try identifier(m.jobKind, "task_assign.job_kind")
            try numbers(m.parameters, "task_assign.parameters", finite: true)
            try identifier(m.dataset, "task_assign.dataset")
            try sha256(m.shardSha256, "task_assign.shard_sha256", required: false)
            try recipeSHA256(m.recipeSha256, "task_assign.recipe_sha256")
            if m.leaseMs == 0 { throw .invalid(field: "task_assign.lease_ms", reason: "must be positive") }
        case let .progress(m):
            try identifier(m.taskID, "progress.task_id")
            try attempt(m.attempt, "progress.attempt")
            if m.totalSteps > 0, m.step > m.totalSteps {
                throw .invalid(field: "progress.step", reason: "step \(m.step) exceeds total_steps \(m.totalSteps)")
            }
            // Diverging training legitimately reports NaN or infinite losses, so only the keys are checked.
            try numbers(m.metrics, "progress.metrics", finite: false)
        case let .taskResult(m):
            try identifier(m.taskID, "task_result.task_id")
            try attempt(m.attempt, "task_result.attempt")
            try numbers(m.parameters, "task_result.parameters", finite: true)
            // A non-finite objective would poison means, dominance and hypervolume; a diverged run
            // must be reported as a TaskFailure instead. Negative values are fine (any objective
            // to minimise, e.g. a negative log-likelihood).
            try numbers(m.objectives, "task_result.objectives", finite: true)
            if m.objectives.isEmpty { throw .invalid(field: "task_result.objectives", reason: "must not be empty") }
            try identifier(m.workerName, "task_result.worker_name")
        case let .taskFailure(m):
            try identifier(m.taskID, "task_failure.task_id")
            try attempt(m.attempt, "task_failure.attempt")
            try text(m.reason, "task_failure.reason")
        case let .cancel(m):
            try identifier(m.taskID, "cancel.task_id")
            try text(m.reason, "cancel.reason")
        case let .ack(m):
            try identifier(m.taskID, "ack.task_id", required: false)
        case let .sweepSubmit(m):
            if m.spec.isEmpty { throw .invalid(field: "sweep_submit.spec", reason: "must not be empty") }
            try identifier(m.specFormat, "sweep_submit.spec_format", required: false)
        case let .sweepAccepted(m):
            try identifier(m.sweepID, "sweep_accepted.sweep_id")
        case let .sweepStatusRequest(m):
            try identifier(m.sweepID, "sweep_status_request.sweep_id", required: false)
        case let .sweepStatus(m): try sweepStatus(m)
        case let .sweepCancel(m):
            try identifier(m.sweepID, "sweep_cancel.sweep_id")
        case let .frontSnapshotRequest(m):
            try identifier(m.sweepID, "front_snapshot_request.sweep_id")
        case let .frontSnapshot(m):
            try identifier(m.sweepID, "front_snapshot.sweep_id")
            try rows(m.rows, "front_snapshot.rows")
            try numbers(m.referencePoint, "front_snapshot.reference_point", finite: true)
            try finite(m.hypervolume, "front_snapshot.hypervolume")
        case let .frontUpdate(m):
            try identifier(m.sweepID, "front_update.sweep_id")
            try rows(m.rows, "front_update.rows")
            try finite(m.hypervolume, "front_update.hypervolume")
            try numbers(m.referencePoint, "front_update.reference_point", finite: true)
        case let .error(m):
            try text(m.message, "error.message")
        case let .sweepResultsRequest(m):
            try identifier(m.sweepID, "sweep_results_request.sweep_id")
        case let .sweepResults(m):
            try identifier(m.sweepID, "sweep_results.sweep_id")
            try count(m.records.count, "sweep_results.records")
            if m.nextOffset > m.total {
                throw .invalid(field: "sweep_results.next_offset", reason: "\(m.nextOffset) exceeds total \(m.total)")
            }
            for (i, record) in m.records.enumerated() { try runResult(record, "sweep_results.records[\(i)]") }
        }
    }

    // MARK: Bodies with nested lists

    private func hello(_ m: Hello) throws(ProtocolError) {
        try identifier(m.workerName, "hello.worker_name")
        try identifier(m.instanceID, "hello.instance_id")
        try identifier(m.softwareVersion, "hello.software_version", required: false)
        try slots(m.slots, "hello.slots")
        if m.freeSlots > m.slots {
            throw .invalid(field: "hello.free_slots", reason: "\(m.freeSlots) free slots exceed \(m.slots) slots")
        }
        try count(m.shards.count, "hello.shards")
        for (i, shard) in m.shards.enumerated() {
            try identifier(shard.dataset, "hello.shards[\(i)].dataset")
            try sha256(shard.sha256, "hello.shards[\(i)].sha256", required: true)
            try text(shard.recipe, "hello.shards[\(i)].recipe")
            try recipeSHA256(shard.recipeSha256, "hello.shards[\(i)].recipe_sha256")
        }
        try identifiers(m.jobKinds, "hello.job_kinds")
        try identifiers(m.runningTaskIds, "hello.running_task_ids")
    }

    private func sweepStatus(_ m: SweepStatus) throws(ProtocolError) {
        try text(m.publishEndpoint, "sweep_status.publish_endpoint")
        try count(m.sweeps.count, "sweep_status.sweeps")
        for (i, sweep) in m.sweeps.enumerated() {
            try identifier(sweep.sweepID, "sweep_status.sweeps[\(i)].sweep_id")
            try identifier(sweep.name, "sweep_status.sweeps[\(i)].name", required: false)
            try count(sweep.stuck.count, "sweep_status.sweeps[\(i)].stuck")
            for (j, stuck) in sweep.stuck.enumerated() {
                try identifier(stuck.taskID, "sweep_status.sweeps[\(i)].stuck[\(j)].task_id")
                try text(stuck.reason, "sweep_status.sweeps[\(i)].stuck[\(j)].reason")
            }
        }
    }

    // MARK: Rules shared by several bodies
    //
    // Field paths are autoclosures: they are only built when a rule is broken, so a valid message
    // (every message between healthy peers) costs no string formatting.

    private func identifier(_ value: String, _ field: @autoclosure () -> String, required: Bool = true) throws(ProtocolError) {
        if let reason = identifierProblem(value, required: required) { throw .invalid(field: field(), reason: reason) }
    }

    /// Why `value` is not an acceptable identifier, nil when it is.
    private func identifierProblem(_ value: String, required: Bool = true) -> String? {
        if required, value.isEmpty { return "must not be empty" }
        let length = value.utf8.count
        return length > limits.maxIdentifierBytes ? "\(length) bytes exceed \(limits.maxIdentifierBytes)" : nil
    }

    private func identifiers(_ values: [String], _ field: @autoclosure () -> String) throws(ProtocolError) {
        try count(values.count, field())
        for (i, value) in values.enumerated() { try identifier(value, "\(field())[\(i)]") }
    }

    private func text(_ value: String, _ field: @autoclosure () -> String) throws(ProtocolError) {
        let length = value.utf8.count
        if length > limits.maxTextBytes {
            throw .invalid(field: field(), reason: "\(length) bytes exceed \(limits.maxTextBytes)")
        }
    }

    private func count(_ n: Int, _ field: @autoclosure () -> String) throws(ProtocolError) {
        if n > limits.maxListCount {
            throw .invalid(field: field(), reason: "\(n) elements exceed \(limits.maxListCount)")
        }
    }

    private func slots(_ n: UInt32, _ field: @autoclosure () -> String) throws(ProtocolError) {
        if n < 1 || n > limits.maxSlots {
            throw .invalid(field: field(), reason: "\(n) is outside 1...\(limits.maxSlots)")
        }
    }

    private func attempt(_ n: UInt32, _ field: @autoclosure () -> String) throws(ProtocolError) {
        if n < 1 { throw .invalid(field: field(), reason: "attempts count from 1") }
    }

    private func finite(_ x: Double, _ field: @autoclosure () -> String) throws(ProtocolError) {
        if !x.isFinite { throw .invalid(field: field(), reason: "\(x) is not finite") }
    }

    private func numbers(_ map: [String: Double], _ field: @autoclosure () -> String, finite mustBeFinite: Bool) throws(ProtocolError) {
        if map.count > limits.maxMapEntries {
            throw .invalid(field: field(), reason: "\(map.count) entries exceed \(limits.maxMapEntries)")
        }
        // Checked in the dictionary's own order; only a map that breaks a rule is walked again in
        // key order, so the reported offender is the same on every run.
        let valid = map.allSatisfy { key, value in
            identifierProblem(key) == nil && (!mustBeFinite || value.isFinite)
        }
        if valid { return }
        let path = field()
        for key in map.keys.sorted() {
            try identifier(key, "\(path) key")
            if mustBeFinite { try finite(map[key]!, "\(path)[\(key)]") }
        }
    }

    private func sha256(_ value: String, _ field: @autoclosure () -> String, required: Bool) throws(ProtocolError) {
        if value.isEmpty, !required { return }
        let isHex = value.utf8.allSatisfy { (48...57).contains($0) || (65...70).contains($0) || (97...102).contains($0) }
        if value.utf8.count != 64 || !isHex {
            throw .invalid(field: field(), reason: "must be 64 hexadecimal digits")
        }
    }

    /// A recipe checksum is written one way only (what `ShardReference.recipeSHA256` compares):
    /// empty, or 64 lower-case hexadecimal digits.
    private func recipeSHA256(_ value: String, _ field: @autoclosure () -> String) throws(ProtocolError) {
        if value.isEmpty { return }
        let isLowerHex = value.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
        if value.utf8.count != 64 || !isLowerHex {
            throw .invalid(field: field(), reason: "must be empty or 64 lower-case hexadecimal digits")
        }
    }

    private func runResult(_ record: RunResult, _ field: @autoclosure () -> String) throws(ProtocolError) {
        try identifier(record.taskID, "\(field()).task_id")
        try identifier(record.jobKind, "\(field()).job_kind")
        try numbers(record.parameters, "\(field()).parameters", finite: true)
        try identifier(record.dataset, "\(field()).dataset")
        try identifier(record.workerName, "\(field()).worker_name")
        // A listing reports what was stored; only results a peer sends must be finite.
        try numbers(record.objectives, "\(field()).objectives", finite: false)
        try attempt(record.attempt, "\(field()).attempt")
    }

    private func rows(_ rows: [FrontRow], _ field: @autoclosure () -> String) throws(ProtocolError) {
        try count(rows.count, field())
        for (i, row) in rows.enumerated() {
            try identifier(row.dataset, "\(field())[\(i)].dataset")
            try numbers(row.parameters, "\(field())[\(i)].parameters", finite: true)
            try numbers(row.objectiveMeans, "\(field())[\(i)].objective_means", finite: true)
            try numbers(row.objectiveStds, "\(field())[\(i)].objective_stds", finite: true)
            try identifier(row.lastWorker, "\(field())[\(i)].last_worker", required: false)
            try identifier(row.rowKey, "\(field())[\(i)].row_key")
            try identifier(row.lastTaskID, "\(field())[\(i)].last_task_id", required: false)
        }
    }
}
