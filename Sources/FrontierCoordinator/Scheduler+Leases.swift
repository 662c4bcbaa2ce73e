extension Scheduler {
    /// A timer tick: expires leases and forgets silent workers, then assigns.
    ///
    /// A running task whose lease ran out goes back to pending (its next
    /// assignment is a new attempt), or fails with "lease expired N times; last
    /// worker X" once the sweep's attempts are used up. This covers tasks awaiting
    /// re-adoption after a restart too. A worker silent for longer than a lease is
    /// removed and any task it still held is requeued. Each is announced once with
    /// a `notice`. Call it about once a second.
    public func tick(now: Double) throws -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        for taskID in orderedTaskIDs(where: { $0.state == .running && ($0.leaseExpiry ?? .infinity) < now }) {
            tasks[taskID]!.leaseExpiries += 1
            let task = tasks[taskID]!
            let worker = task.workerName ?? "unknown"
            actions.append(.notice(.leaseExpired(taskID: taskID, attempt: task.attempts, worker: worker)))
            actions += try requeue(
                taskID, outcome: Self.leaseExpiredOutcome,
                giveUpReason: "lease expired \(task.leaseExpiries) times; last worker \(worker)",
                now: now)
        }
        let silent = workers.values.filter { $0.lastSeen + configuration.leaseDuration < now }
            .sorted { $0.order < $1.order }
        for worker in silent {
            let seconds = Int((now - worker.lastSeen).rounded())
            actions += try forget(worker, why: "silent for \(seconds) s", now: now)
        }
        return actions + (try assignPending(now: now))
    }
}
