import Foundation
import FrontierProtocol
import FrontierTransport

// What the worker does with the coordinator's messages.
extension WorkerAgent {
    func drainCoordinator() throws(ZMQError) {
        while let dealer, let frames = try dealer.tryReceive() {
            let envelope: Envelope
            do { envelope = try codec.decode(dealerMessage: frames) } catch {
                logger.warning("dropped a bad frame from the coordinator: \(error)")
                continue
            }
            lastHeard = ContinuousClock.now
            introduced = true
            backoff = configuration.reconnectBackoff.initial
            switch envelope.body {
            case .taskAssign(let assign): start(assign)
            case .cancel(let cancel): cancelTask(cancel)
            case .ack(let ack) where !ack.taskID.isEmpty:
                outbox[ack.taskID] = nil
                outboxSends = outboxSends.filter { $0.value != ack.taskID }
            case .heartbeat(let heartbeat): reconcile(with: heartbeat, version: envelope.minorVersion)
            case .error(let error): refused(error, inReplyTo: envelope.inReplyTo)
            default: break
            }
        }
    }

    /// The coordinator stops a task, or will accept nothing more for it: a running
    /// attempt is cancelled, and a report awaiting acknowledgement is dropped.
    private func cancelTask(_ cancel: Cancel) {
        if running[cancel.taskID] != nil, !cancelled.contains(cancel.taskID) {
            logger.info("cancelling \(cancel.taskID): \(cancel.reason)")
            cancelled.insert(cancel.taskID)
        }
        if outbox.removeValue(forKey: cancel.taskID) != nil {
            logger.info("dropped the report of \(cancel.taskID): \(cancel.reason)")
        }
    }

    /// The coordinator's heartbeat lists the tasks it holds this connection to: any
    /// other task still running here was given up on (its lease expired, it was
    /// reassigned) and is stopped. A 1.1 coordinator listed nothing, so it is not obeyed.
    private func reconcile(with heartbeat: Heartbeat, version minor: UInt32) {
        guard minor >= 2 else { return }
        let held = Set(heartbeat.runningTaskIds)
        for id in running.keys.sorted() where !held.contains(id) && !cancelled.contains(id) {
            logger.notice("stopping \(id): the coordinator no longer holds this worker to it")
            cancelled.insert(id)
        }
    }

    /// An `Error` from the coordinator. `NOT_FOUND` means it does not know us (it
    /// restarted, or forgot us): introduce ourselves again, unless leaving. A report
    /// refused for any other reason will never be accepted and leaves the outbox.
    private func refused(_ error: ErrorMessage, inReplyTo: UInt64) {
        let report = outboxSends.removeValue(forKey: inReplyTo)
        if error.code == .notFound {
            if !leaving { sendHello() }
            return
        }
        if let report, outbox.removeValue(forKey: report) != nil {
            logger.error("the coordinator refused the report of \(report): \(error.message)")
        } else {
            logger.warning("coordinator error: \(error.message)")
        }
    }
}
