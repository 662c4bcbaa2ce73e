import Foundation
import FrontierCoordinator
import FrontierProtocol
import FrontierSweep
import FrontierTransport

// What the coordinator does with each message it receives.
extension CoordinatorServer {
    /// Decodes one ROUTER message and dispatches it; `peerKey` is the connection's CURVE key, if any.
    func handle(_ frames: [Data], peerKey: String?) {
        let routingID: Data
        let envelope: Envelope
        do {
            (routingID, envelope) = try codec.decode(routerMessage: frames)
        } catch {
            // Answer when the peer can be addressed (a routing id and one more frame).
            let peer = frames.count >= 2 && !frames[0].isEmpty ? WorkerID(frames[0]) : nil
            refusals.record("refused a frame from \(peer?.description ?? "an unaddressable peer"): \(error)",
                            category: "\(error.code)", peer: peer?.description ?? "")
            if let peer {
                send(codec.errorReply(for: error, inReplyTo: codec.messageID(ofRejected: frames[frames.count - 1]),
                                      messageID: takeMessageID()), to: peer)
            }
            return
        }
        let worker = WorkerID(routingID)
        switch envelope.body {
        case .hello(let hello): self.hello(hello, from: worker, peerKey: peerKey, envelope: envelope)
        case .heartbeat(let heartbeat): self.heartbeat(heartbeat, from: worker, envelope: envelope)
        case .progress(let progress):
            report(envelope, from: worker) { scheduler, now in
                try scheduler.progress(worker: worker, taskID: progress.taskID, attempt: Int(progress.attempt), now: now)
            }
        case .taskResult(let result):
            let arrived = ContinuousClock.now
            let stateBefore = observatory == nil ? nil : scheduler?.task(result.taskID)?.state
            // The run is observed before the front change and the done marker it may cause are published.
            report(envelope, from: worker, arrivedAt: arrived, applied: { observeResult(result, stateBefore: stateBefore) }) {
                scheduler, now in
                try scheduler.result(worker: worker, taskID: result.taskID, attempt: Int(result.attempt),
                                     objectives: result.objectives, report: result.report,
                                     trainingMilliseconds: Int(clamping: result.trainingMs),
                                     evaluationMilliseconds: Int(clamping: result.evaluationMs), now: now)
            }
        case .taskFailure(let failure):
            report(envelope, from: worker) { scheduler, now in
                try scheduler.failure(worker: worker, taskID: failure.taskID, attempt: Int(failure.attempt),
                                      reason: failure.reason, retryable: failure.retryable, released: failure.released,
                                      now: now)
            }
        case .sweepSubmit(let submit): submitSweep(submit, from: worker, envelope: envelope)
        case .sweepStatusRequest(let request): replyStatus(sweepID: request.sweepID, to: worker, for: envelope)
        case .sweepCancel(let cancel):
            guard let scheduler, scheduler.state(sweepID: cancel.sweepID) != nil else {
                return replyError(.notFound, "no sweep with id \(cancel.sweepID)", to: worker, for: envelope)
            }
            perform(attempt("the cancel of sweep \(cancel.sweepID)") {
                try scheduler.cancel(sweepID: cancel.sweepID, now: Self.now())
            })
            replyStatus(sweepID: cancel.sweepID, to: worker, for: envelope)
        case .frontSnapshotRequest(let request): replySnapshot(sweepID: request.sweepID, to: worker, for: envelope)
        case .sweepResultsRequest(let request): replyResults(request, to: worker, for: envelope)
        default:
            replyError(.invalidRequest, "the coordinator does not accept \(envelope.body?.messageName ?? "an empty message")",
                       to: worker, for: envelope)
        }
    }

    // MARK: - Workers

    private func hello(_ hello: Hello, from worker: WorkerID, peerKey: String?, envelope: Envelope) {
        guard let scheduler else { return }
        let now = Self.now()
        func connect() throws -> [SchedulerAction] {
            try scheduler.workerConnected(id: worker, name: hello.workerName, instanceID: hello.instanceID,
                                          slots: Int(hello.slots), shards: hello.shards.map(\.descriptor),
                                          jobKinds: Set(hello.jobKinds), runningTaskIDs: hello.runningTaskIds,
                                          peerKey: peerKey, now: now)
        }
        do {
            var actions: [SchedulerAction]
            do { actions = try connect() } catch SchedulerRefusal.nameInUse(_) {
                // The other instance may have gone without a word (killed, rebooted): ask the transport.
                guard let other = scheduler.connectedWorkers.first(where: { $0.name == hello.workerName && $0.id != worker }),
                      !isReachable(other.id) else { throw SchedulerRefusal.nameInUse(name: hello.workerName) }
                actions = try scheduler.connectionClosed(other.id, now: now)
                actions += try connect()
            }
            let shards: String = hello.shards.map { "\($0.dataset)/\($0.shardID)" }.joined(separator: " ")
            let key: String = peerKey.map { ", CURVE key \($0.prefix(8))…" } ?? ""
            logger.info("worker \(hello.workerName) joined: \(hello.slots) slots, shards \(shards)\(key)")
            var ack = Ack()
            ack.ackedMessageID = envelope.messageID
            reply(.ack(ack), to: worker, for: envelope)
            perform(actions)
        } catch let refusal as SchedulerRefusal {
            refusals.record("refused Hello from \(hello.workerName): \(refusal)", category: "HELLO", peer: worker.description)
            replyError(.invalidRequest, "\(refusal)", to: worker, for: envelope)
        } catch {
            logger.error("dropped the Hello of \(hello.workerName): \(error)")
            replyError(.internal, "the coordinator could not record the Hello", to: worker, for: envelope)
        }
    }

    private func heartbeat(_ heartbeat: Heartbeat, from worker: WorkerID, envelope: Envelope) {
        guard let scheduler else { return }
        guard scheduler.worker(worker) != nil else { return refuseUnknown(worker, envelope) }
        perform(attempt("a heartbeat of \(worker)") {
            try scheduler.heartbeat(worker: worker, freeSlots: Int(heartbeat.freeSlots),
                                    runningTaskIDs: heartbeat.runningTaskIds, leaving: heartbeat.leaving, now: Self.now())
        })
        // After the heartbeat's own assignments and cancels: the reply lists what the worker now holds.
        var answer = Heartbeat()
        answer.runningTaskIds = scheduler.worker(worker)?.taskIDs.sorted() ?? []
        reply(.heartbeat(answer), to: worker, for: envelope)
    }

    /// A progress report, result or failure: carried out, or refused with an `Error`
    /// (`NOT_FOUND` for an unknown task or sender, `INVALID_REQUEST` otherwise).
    /// `applied` runs after the scheduler took the report and before its actions are carried out.
    private func report(_ envelope: Envelope, from worker: WorkerID, arrivedAt: ContinuousClock.Instant? = nil,
                        applied: () -> Void = {}, _ body: (Scheduler, Double) throws -> [SchedulerAction]) {
        guard let scheduler else { return }
        let name = envelope.body?.messageName ?? "message"
        do {
            let actions = try body(scheduler, Self.now())
            applied()
            perform(actions, arrivedAt: arrivedAt, replyingTo: envelope)
        } catch let refusal as SchedulerRefusal {
            refusals.record("refused \(name) from \(worker): \(refusal)", category: name, peer: worker.description)
            replyError(refusal.isNotFound ? .notFound : .invalidRequest, "\(refusal)", to: worker, for: envelope)
        } catch {
            // The store failed: nothing is acknowledged, so the worker sends it again.
            logger.error("dropped \(name) from \(worker) the store could not record: \(error)")
        }
    }

    /// Whether the connection `peer` still exists: the ROUTER (with `routerMandatory`)
    /// refuses to queue for a routing id whose connection closed. The probe is an ordinary
    /// heartbeat listing the peer's tasks, so a live worker takes it as one.
    private func isReachable(_ peer: WorkerID) -> Bool {
        var probe = Heartbeat()
        probe.runningTaskIds = scheduler?.worker(peer)?.taskIDs.sorted() ?? []
        guard let router, let bytes = try? codec.encode(.heartbeat(probe), messageID: takeMessageID()) else {
            return true
        }
        do {
            try router.send(Framing.Routed(routingID: peer.bytes, envelope: bytes).frames, dontWait: true)
            return true
        } catch {
            return error.code != .hostUnreachable
        }
    }

    private func refuseUnknown(_ worker: WorkerID, _ envelope: Envelope) {
        replyError(.notFound, "\(SchedulerRefusal.unknownWorker)", to: worker, for: envelope)
    }

    // MARK: - Clients

    func submitSweep(_ submit: SweepSubmit, from client: WorkerID, envelope: Envelope) {
        guard let scheduler else { return }
        do {
            let submission = try intake.submission(of: submit) { uniqueSweepID(for: $0) }
            let actions = try scheduler.submit(submission, now: Self.now())
            var accepted = SweepAccepted()
            accepted.sweepID = submission.sweepID
            accepted.taskCount = UInt32(submission.tasks.count)
            reply(.sweepAccepted(accepted), to: client, for: envelope)
            logger.info("sweep \(submission.sweepID) accepted: \(submission.tasks.count) tasks")
            observeSubmission(submission)
            perform(actions)
        } catch let error as SweepSpecError {
            replyError(.invalidRequest, "\(error)", to: client, for: envelope)
        } catch let error as SchedulerError {
            replyError(.invalidRequest, "\(error)", to: client, for: envelope)
        } catch {
            logger.error("could not store a submitted sweep: \(error)")
            replyError(.internal, "the coordinator could not store the sweep: \(error)", to: client, for: envelope)
        }
    }

    private func uniqueSweepID(for name: String) -> String {
        let base = String(name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }.prefix(40))
        while true {
            let id = "\(base)-\(String(UInt32.random(in: 0...0xFFFFFF), radix: 16))"
            if scheduler?.state(sweepID: id) == nil { return id }
        }
    }

    private func replyStatus(sweepID: String, to client: WorkerID, for envelope: Envelope) {
        guard let scheduler else { return }
        let statuses = scheduler.status(sweepID: sweepID.isEmpty ? nil : sweepID)
        if !sweepID.isEmpty, statuses.isEmpty {
            return replyError(.notFound, "no sweep with id \(sweepID)", to: client, for: envelope)
        }
        reply(.sweepStatus(statusMessage(statuses)), to: client, for: envelope)
    }

    /// The `SweepStatus` reply for `statuses` (the web view's overview is built the same way).
    func statusMessage(_ statuses: [FrontierCoordinator.SweepStatus]) -> FrontierProtocol.SweepStatus {
        var message = FrontierProtocol.SweepStatus()
        let now = Self.now()
        message.sweeps = statuses.map { SweepSummary($0, now: now) }
        message.publishEndpoint = configuration.advertisedPublish ?? boundEndpoints.publisher
        return message
    }

    private func replySnapshot(sweepID: String, to client: WorkerID, for envelope: Envelope) {
        guard let scheduler, let submission = scheduler.submission(sweepID: sweepID),
              let front = try? scheduler.front(sweepID: sweepID) else {
            return replyError(.notFound, "no sweep with id \(sweepID)", to: client, for: envelope)
        }
        let done = scheduler.state(sweepID: sweepID)?.isTerminal ?? false
        reply(.frontSnapshot(FrontMessages.snapshot(sweepID: sweepID, snapshot: front.snapshot(), done: done,
                                                    referencePoint: submission.referencePoint)),
              to: client, for: envelope)
    }
}
