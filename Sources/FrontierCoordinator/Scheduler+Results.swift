import Foundation

extension Scheduler {
    /// A finished task's result.
    ///
    /// Dedup is by task ID and the first result wins: a result is accepted whenever
    /// the task has none yet and is still pending or running — even from a worker
    /// presumed dead whose task was since reassigned, in which case the attempt
    /// running elsewhere is cancelled. A duplicate, or a result for a failed or
    /// cancelled task, is acknowledged and dropped. An accepted result is committed
    /// before it is acknowledged, then added to the sweep's front.
    ///
    /// - Returns: `ack` first; then a `cancel` for a superseded attempt, the
    ///   `publish` of the front change, `sweepFinished` if this was the last task,
    ///   and any new assignments.
    public func result(worker: WorkerID, taskID: String, attempt: Int, objectives: [String: Double],
                       report: Data, now: Double) throws -> [SchedulerAction] {
        workers[worker]?.lastSeen = now
        var actions: [SchedulerAction] = [.ack(worker, taskID: taskID)]
        guard let task = tasks[taskID], task.state == .pending || task.state == .running else { return actions }
        let sweepID = task.spec.sweepID
        let workerName = workers[worker]?.name ?? knownWorkerNames[worker] ?? worker.description
        // Another attempt is running somewhere (or awaits re-adoption): it is superseded.
        let supersedes = task.state == .running && (task.workerID != worker || task.attempts != attempt)
        let stored = StoredResult(taskID: taskID, sweepID: sweepID, attempt: attempt, workerName: workerName,
                                  objectives: objectives, report: report, receivedAt: now)
        guard try store.recordResult(stored, supersededAttempt: supersedes ? task.attempts : nil) else {
            return actions
        }
        if supersedes, let other = task.workerID, workers[other] != nil {
            actions.append(.cancel(other, taskID: taskID, reason: "another attempt already delivered a result"))
        }
        unbind(taskID)
        tasks[taskID]!.workerName = workerName
        setState(taskID, .done)
        if let change = sweeps[sweepID]!.aggregator.add(pointResult(task.spec, objectives, workerName)) {
            actions.append(.publish(sweepID: sweepID, change))
        }
        actions += try finishIfComplete(sweepID, now: now)
        return actions + (try assignPending(now: now))
    }

    /// A task attempt that failed on its worker.
    ///
    /// A retryable failure requeues the task (the next assignment is attempt + 1)
    /// until the sweep's `maxAttempts` are used up, then the task fails with the
    /// reason; a non-retryable one (bad settings, a bug the job kind recognises)
    /// fails it at once. A report for an attempt that is not the task's current one
    /// on this worker is stale: acknowledged and ignored.
    public func failure(worker: WorkerID, taskID: String, attempt: Int, reason: String, retryable: Bool,
                        now: Double) throws -> [SchedulerAction] {
        workers[worker]?.lastSeen = now
        var actions: [SchedulerAction] = [.ack(worker, taskID: taskID)]
        guard let task = tasks[taskID], task.state == .running, task.workerID == worker, task.attempts == attempt
        else { return actions }
        let sweepID = task.spec.sweepID
        let maxAttempts = sweeps[sweepID]!.submission.maxAttempts
        if retryable && task.attempts < maxAttempts {
            try store.recordTransition(taskID: taskID, to: .pending, lastError: reason, endingAttempt: attempt,
                                       outcome: "failed: \(reason)", at: now)
            unbind(taskID)
            tasks[taskID]!.lastError = reason
            setState(taskID, .pending)
        } else {
            let error = retryable ? "\(reason) (gave up after \(task.attempts) attempts)" : reason
            try store.recordTransition(taskID: taskID, to: .failed, lastError: error, endingAttempt: attempt,
                                       outcome: "failed: \(reason)", at: now)
            unbind(taskID)
            tasks[taskID]!.lastError = error
            setState(taskID, .failed)
            actions += try finishIfComplete(sweepID, now: now)
        }
        return actions + (try assignPending(now: now))
    }
}
