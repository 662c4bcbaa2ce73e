import Foundation
import FrontierProtocol
import FrontierSweep
import FrontierTransport

// Running assigned tasks on their own threads, and forwarding what they report.
extension WorkerAgent {
    func start(_ assign: TaskAssign) {
        if running[assign.taskID] != nil { return }  // already running this task (a duplicate assignment)
        let fail = { (reason: String, released: Bool) in
            var failure = TaskFailure()
            failure.taskID = assign.taskID
            failure.attempt = assign.attempt
            failure.reason = reason
            failure.retryable = true
            failure.released = released
            self.send(.taskFailure(failure))
        }
        // An assignment that crossed our leaving heartbeat goes straight back.
        if leaving { return fail("\(configuration.name) is shutting down", true) }
        // A cancelled attempt stops within moments and the coordinator has already reclaimed its
        // slot (it reassigns right after the cancel): it does not count as busy.
        let busy = running.keys.filter { !cancelled.contains($0) }.count
        guard busy < configuration.slots else { return fail("no free slot on \(configuration.name)", false) }
        guard let kind = registry[assign.jobKind] else {
            return fail("\(configuration.name) does not run job kind \(assign.jobKind)", false)
        }
        let task = assign.taskSpec
        guard let shard = shards.first(where: { $0.descriptor.serves(task.shard) }) else {
            // Retryable: another worker may hold the right shard. A coordinator of 1.3 or later never
            // assigns the task here again, since this worker's Hello advertises each shard's recipe.
            return fail(refusal(of: task.shard), false)
        }
        running[task.taskID] = Int(assign.attempt)
        let parameters = task.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        logger.info("running \(task.taskID) (\(task.jobKind) \(parameters) on \(task.shard.description), attempt \(assign.attempt))")
        let execution = TaskExecution(task: task, attempt: Int(assign.attempt), kind: kind, shard: shard,
                                      workerName: configuration.name, context: context, inbox: inbox,
                                      cancelled: cancelled)
        let thread = Thread { execution.run() }
        thread.name = "task \(task.taskID)"
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Forwards what task threads report; results and failures also enter the outbox.
    /// The failure of a task being released goes out as `released`.
    func drainTaskEvents(_ pull: ZMQSocket) throws(ZMQError) {
        while let frames = try pull.tryReceive() {
            guard let bytes = frames.first, var envelope = try? codec.decode(bytes) else { continue }
            switch envelope.body {
            case .taskResult(let result):
                finish(result.taskID)
                outbox[result.taskID] = (envelope, ContinuousClock.now)
                let objectives: String = result.objectives.sorted { $0.key < $1.key }
                    .map { String(format: "%@ %.4g", $0.key, $0.value) }.joined(separator: ", ")
                logger.info("finished \(result.taskID): \(objectives)")
            case .taskFailure(var failure):
                if releasing.remove(failure.taskID) != nil {
                    failure.released = true
                    failure.retryable = true
                    failure.reason = "\(configuration.name) is shutting down"
                    envelope.body = .taskFailure(failure)
                }
                finish(failure.taskID)
                outbox[failure.taskID] = (envelope, ContinuousClock.now)
                logger.info("\(failure.released ? "released" : "failed") \(failure.taskID): \(failure.reason)")
            default: break  // progress, already throttled by its task thread, is forwarded as is
            }
            guard let dealer else { continue }
            envelope.messageID = nextMessageID
            nextMessageID += 1
            if let id = envelope.reportedTaskID, outbox[id] != nil { outboxSends[envelope.messageID] = id }
            send(envelope, on: dealer)
        }
    }

    /// Why none of this worker's shards serves `reference`: the shard is missing, or it was
    /// prepared with another recipe, or its bytes differ from the pinned checksum.
    private func refusal(of reference: ShardReference) -> String {
        let same = shards.map(\.descriptor).filter { $0.dataset == reference.dataset && $0.shardID == reference.shardID }
        if let wanted = reference.recipeSHA256,
           let other = same.first(where: { $0.recipeSHA256 != nil && $0.recipeSHA256 != wanted }) {
            return "\(configuration.name)'s shard \(reference.description) was prepared with recipe "
                + "\(other.recipeSHA256!.prefix(12)), the sweep's is \(wanted.prefix(12))"
        }
        if same.isEmpty { return "\(configuration.name) holds no shard \(reference.description)" }
        return "\(configuration.name) holds no shard \(reference.description) with the expected checksum"
    }

    private func finish(_ taskID: String) {
        running[taskID] = nil
        cancelled.remove(taskID)
        releasing.remove(taskID)
    }
}

extension Envelope {
    /// The task a result or failure reports on.
    var reportedTaskID: String? {
        switch body {
        case .taskResult(let result)?: result.taskID
        case .taskFailure(let failure)?: failure.taskID
        default: nil
        }
    }
}
