import Foundation
import FrontierCoordinator
import FrontierProtocol
import FrontierTransport

// What the coordinator sends: the scheduler's actions, replies and publications.
// A message that cannot be encoded or sent is logged (at a bounded rate), never dropped silently.
extension CoordinatorServer {
    /// Carries out the scheduler's actions in order. Acks answer `request` (the report
    /// they acknowledge): `in_reply_to` and `acked_message_id` name it.
    func perform(_ actions: [SchedulerAction], arrivedAt: ContinuousClock.Instant? = nil, replyingTo request: Envelope? = nil) {
        for action in actions {
            switch action {
            case .assign(let worker, let assignment):
                send(.taskAssign(TaskAssign(assignment.task, attempt: assignment.attempt,
                                            leaseMilliseconds: assignment.leaseMilliseconds)), to: worker)
                observatory?.metrics.taskAssigned(sweepID: assignment.task.sweepID, taskID: assignment.task.taskID)
            case .cancel(let worker, let taskID, let reason):
                var cancel = Cancel()
                cancel.taskID = taskID
                cancel.reason = reason
                send(.cancel(cancel), to: worker)
            case .ack(let worker, let taskID):
                var ack = Ack()
                ack.taskID = taskID
                ack.ackedMessageID = request?.messageID ?? 0
                send(codec.envelope(.ack(ack), messageID: takeMessageID(), inReplyTo: request?.messageID ?? 0), to: worker)
            case .publish(let sweepID, let change):
                let reference = scheduler?.submission(sweepID: sweepID)?.referencePoint ?? change.referencePoint
                let update = FrontMessages.update(sweepID: sweepID, change: change, done: false, referencePoint: reference)
                publish(update)
                if let arrivedAt {
                    let latency = ContinuousClock.now - arrivedAt
                    onFrontChange?(latency)
                    observatory?.metrics.frontUpdated(after: latency)
                }
                observatory?.frontChanged(sweepID: sweepID, change: change, message: update, at: Self.now())
            case .sweepFinished(let sweepID, let state):
                logger.info("sweep \(sweepID) finished: \(state.rawValue)")
                if let front = try? scheduler?.front(sweepID: sweepID) {
                    let reference = scheduler?.submission(sweepID: sweepID)?.referencePoint
                    let marker = FrontMessages.finished(sweepID: sweepID, front: front, referencePoint: reference)
                    publish(marker)
                    observatory?.finished(sweepID: sweepID, message: marker)
                }
                observatory?.metrics.sweepFinished(sweepID)
            case .notice(let notice):
                if notice.isWarning { logger.warning("\(notice)") } else { logger.info("\(notice)") }
                observeRequeue(notice)
            }
        }
    }

    private func publish(_ update: FrontUpdate) {
        guard let publisher else { return }
        do {
            let bytes = try codec.encode(.frontUpdate(update), messageID: takeMessageID())
            // PUB never blocks: a slow subscriber loses messages and resynchronises from a snapshot.
            try publisher.send(Framing.Publication(sweepID: update.sweepID, envelope: bytes).frames, dontWait: true)
        } catch {
            sendFailures.record("could not publish update \(update.sequence) of sweep \(update.sweepID): \(error)",
                                category: "publish", peer: "subscribers")
        }
    }

    func reply(_ body: Envelope.Body, to peer: WorkerID, for request: Envelope) {
        send(codec.envelope(body, messageID: takeMessageID(), inReplyTo: request.messageID), to: peer)
    }

    /// An `Error` reply; the message is cut to what an `Error` may carry, so a long
    /// refusal (it may quote the offending input) is still answered.
    func replyError(_ code: ErrorCode, _ message: String, to peer: WorkerID, for request: Envelope) {
        var error = ErrorMessage()
        error.code = code
        error.message = codec.limits.fittingText(message)
        reply(.error(error), to: peer, for: request)
    }

    func send(_ body: Envelope.Body, to peer: WorkerID) {
        send(codec.envelope(body, messageID: takeMessageID()), to: peer)
    }

    func send(_ envelope: Envelope, to peer: WorkerID) {
        guard let router else { return }
        let name = envelope.body?.messageName ?? "message"
        do {
            let bytes = try codec.encode(envelope)
            try router.send(Framing.Routed(routingID: peer.bytes, envelope: bytes).frames, dontWait: true)
        } catch let error as ZMQError where error.code == .hostUnreachable || error.code == .wouldBlock {
            // A vanished peer or a full queue: the lease machinery recovers, the log says so once in a while.
            sendFailures.record("could not send \(name) to \(peer): \(error)", category: "\(error.code)",
                                peer: peer.description)
        } catch {
            // The codec refused our own message: a bug, and worth an error each time.
            logger.error("could not encode \(name) for \(peer): \(error)")
        }
    }
}
