import Foundation

extension Scheduler {
    /// A finished task's result.
    ///
    /// Only the worker instance the attempt was assigned to may deliver it, over a
    /// connection that said `Hello` as that instance (a later connection of the same
    /// process counts, so a result resent after a reconnect or a coordinator restart
    /// is accepted). Its objectives must include every objective of the sweep, and
    /// any other name must be one the task's job kind reports.
    ///
    /// Dedup is by task ID and the first result wins: a result is accepted whenever
    /// the task has none yet and is still pending or running — even for an attempt
    /// whose lease expired and was reassigned, in which case the attempt running
    /// elsewhere is cancelled. A duplicate, or a result for a failed or cancelled
    /// task, is acknowledged and dropped. An accepted result is committed before it
    /// is acknowledged, then added to the sweep's front.
    ///
    /// - Returns: `ack` first; then a `cancel` for a superseded attempt, the
    ///   `publish` of the front change, `sweepFinished` if this was the last task,
    ///   and any new assignments.
    /// - Parameters:
    ///   - trainingMilliseconds, evaluationMilliseconds: the run's timings as the worker
    ///     reported them, stored with the result (`runRecords`).
    /// - Throws: `SchedulerRefusal` (nothing changed) for an unknown task or sender,
    ///   an attempt that was not the sender's, or objectives that are not the sweep's.
    public func result(worker: WorkerID, taskID: String, attempt: Int, objectives: [String: Double],
                       report: Data, trainingMilliseconds: Int? = nil, evaluationMilliseconds: Int? = nil,
                       now: Double) throws -> [SchedulerAction] {
        guard let task = tasks[taskID] else { throw SchedulerRefusal.unknownTask(taskID) }
        let sender = try reporter(worker, of: task, attempt: attempt)
        try checkObjectives(objectives, of: task)
        workers[worker]?.lastSeen = now
        var actions: [SchedulerAction] = [.ack(worker, taskID: taskID)]
        guard task.state == .pending || task.state == .running else { return actions }
        let sweepID = task.spec.sweepID
        // Another attempt is running somewhere (or awaits re-adoption): it is superseded.
        let supersedes = task.state == .running && (task.workerID != worker || task.attempts != attempt)
        let stored = StoredResult(taskID: taskID, sweepID: sweepID, attempt: attempt, workerName: sender.name,
                                  objectives: objectives, report: report, receivedAt: now,
                                  trainingMilliseconds: trainingMilliseconds,
                                  evaluationMilliseconds: evaluationMilliseconds)
        guard try store.recordResult(stored, supersededAttempt: supersedes ? task.attempts : nil) else {
            return actions
        }
        if supersedes, let other = task.workerID, other != worker, workers[other] != nil {
            actions.append(.cancel(other, taskID: taskID, reason: "another attempt already delivered a result"))
        }
        unbind(taskID)
        tasks[taskID]!.workerName = sender.name
        setState(taskID, .done)
        if let change = sweeps[sweepID]!.aggregator.add(pointResult(task.spec, objectives, sender.name)) {
            actions.append(.publish(sweepID: sweepID, change))
        }
        actions += try finishIfComplete(sweepID, now: now)
        return actions + (try assignPending(now: now))
    }

    /// Up to `limit` of the sweep's finished runs after skipping `offset`, in the order their
    /// results were received, with the sweep's count of finished runs; nil for an unknown sweep.
    public func runRecords(sweepID: String, offset: Int, limit: Int) throws -> RunRecordPage? {
        guard sweeps[sweepID] != nil else { return nil }
        return RunRecordPage(records: try store.runRecords(sweepID: sweepID, offset: offset, limit: limit),
                             total: try store.runRecordCount(sweepID: sweepID))
    }

    /// A task attempt that failed on its worker, or that a leaving worker handed back.
    ///
    /// A retryable failure requeues the task (the next assignment is attempt + 1)
    /// until the sweep's `maxAttempts` are used up, then the task fails with the
    /// reason; a non-retryable one (bad settings, a bug the job kind recognises)
    /// fails it at once. A `released` attempt (the worker is shutting down) is
    /// requeued at once and not charged against `maxAttempts`. A report for an
    /// attempt of this instance that is no longer the task's current one is stale:
    /// acknowledged and ignored.
    ///
    /// - Throws: `SchedulerRefusal` for an unknown task or sender, or an attempt that was not the sender's.
    public func failure(worker: WorkerID, taskID: String, attempt: Int, reason: String, retryable: Bool,
                        released: Bool = false, now: Double) throws -> [SchedulerAction] {
        guard let task = tasks[taskID] else { throw SchedulerRefusal.unknownTask(taskID) }
        let sender = try reporter(worker, of: task, attempt: attempt)
        workers[worker]?.lastSeen = now
        var actions: [SchedulerAction] = [.ack(worker, taskID: taskID)]
        guard task.state == .running, task.workerID == worker, task.attempts == attempt else { return actions }
        let sweepID = task.spec.sweepID
        let maxAttempts = sweeps[sweepID]!.submission.maxAttempts
        if released {
            try store.recordTransition(taskID: taskID, to: .pending, lastError: nil, endingAttempt: attempt,
                                       outcome: "\(Self.releasedOutcome): \(reason)", at: now)
            unbind(taskID)
            tasks[taskID]!.releases += 1
            setState(taskID, .pending)
            actions.append(.notice(.released(taskID: taskID, attempt: attempt, worker: sender.name)))
        } else if retryable && task.chargedAttempts < maxAttempts {
            try store.recordTransition(taskID: taskID, to: .pending, lastError: reason, endingAttempt: attempt,
                                       outcome: "failed: \(reason)", at: now)
            unbind(taskID)
            tasks[taskID]!.lastError = reason
            setState(taskID, .pending)
            actions.append(.notice(.requeued(taskID: taskID, attempt: attempt, reason: "failed on \(sender.name): \(reason)")))
        } else {
            let error = retryable ? "\(reason) (gave up after \(task.chargedAttempts) attempts)" : reason
            try store.recordTransition(taskID: taskID, to: .failed, lastError: error, endingAttempt: attempt,
                                       outcome: "failed: \(reason)", at: now)
            unbind(taskID)
            tasks[taskID]!.lastError = error
            setState(taskID, .failed)
            actions.append(.notice(.taskFailed(taskID: taskID, reason: error)))
            actions += try finishIfComplete(sweepID, now: now)
        }
        return actions + (try assignPending(now: now))
    }

    /// The identity of the connection reporting on `attempt` of `task`, if that attempt
    /// was assigned to its worker instance.
    func reporter(_ worker: WorkerID, of task: ScheduledTask, attempt: Int) throws(SchedulerRefusal) -> WorkerIdentity {
        guard let identity = knownConnections[worker] else { throw .unknownWorker }
        guard task.attemptInstances[attempt] == identity.instanceID else {
            throw .notAssigned(taskID: task.spec.taskID, attempt: attempt, worker: identity.name)
        }
        return identity
    }

    /// Refuses objectives missing one of the sweep's, or naming one neither the sweep
    /// nor the task's job kind knows.
    func checkObjectives(_ objectives: [String: Double], of task: ScheduledTask) throws(SchedulerRefusal) {
        let wanted = sweeps[task.spec.sweepID]!.submission.objectives.map(\.name)
        if let missing = wanted.first(where: { objectives[$0] == nil }) {
            throw .objectives(taskID: task.spec.taskID, problem: "objective \(missing) is missing")
        }
        let known = Set(wanted).union(jobKindObjectives[task.spec.jobKind] ?? [])
        if let unknown = objectives.keys.sorted().first(where: { !known.contains($0) }) {
            throw .objectives(taskID: task.spec.taskID, problem: "objective \(unknown) is neither the sweep's "
                              + "(\(wanted.joined(separator: ", "))) nor one job kind \(task.spec.jobKind) reports")
        }
    }
}
