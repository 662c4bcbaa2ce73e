extension Scheduler {
    /// A timer tick: expires leases and forgets silent workers, then assigns.
    ///
    /// A running task whose lease ran out goes back to pending (its next
    /// assignment is a new attempt), or fails with "lease expired N times; last
    /// worker X" once the sweep's attempts are used up. This covers tasks awaiting
    /// re-adoption after a restart too. A worker silent for longer than a lease is
    /// removed and any task it still held is requeued. Call it about once a second.
    public func tick(now: Double) throws -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        for taskID in orderedTaskIDs(where: { $0.state == .running && ($0.leaseExpiry ?? .infinity) < now }) {
            tasks[taskID]!.leaseExpiries += 1
            let task = tasks[taskID]!
            actions += try requeue(
                taskID, outcome: Self.leaseExpiredOutcome,
                giveUpReason: "lease expired \(task.leaseExpiries) times; last worker \(task.workerName ?? "unknown")",
                now: now)
        }
        let silent = workers.values.filter { $0.lastSeen + configuration.leaseDuration < now }
            .sorted { $0.order < $1.order }
        for worker in silent {
            // Forget the connection first: a cancel could not reach it anyway.
            let held = worker.taskIDs.sorted()
            disconnect(worker.id)
            for taskID in held {
                tasks[taskID]!.workerID = nil
                actions += try requeue(
                    taskID, outcome: "worker \(worker.name) went silent",
                    giveUpReason: "worker \(worker.name) went silent; \(tasks[taskID]!.attempts) attempts used",
                    now: now)
            }
        }
        return actions + (try assignPending(now: now))
    }
}
