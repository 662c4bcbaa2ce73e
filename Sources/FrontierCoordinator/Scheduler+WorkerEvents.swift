import FrontierSweep

extension Scheduler {
    /// A `Hello` from a new or reconnecting worker.
    ///
    /// A worker is identified across connections by `name`: an older connection
    /// with the same name (or the same routing ID) is replaced. Of the tasks the
    /// worker says it is still running, those still assigned to it (including those
    /// awaiting re-adoption after a coordinator restart) or pending are re-adopted;
    /// the others get a `cancel`. Tasks held under its name that it did not
    /// re-announce are requeued at once — the worker just told us it lost them.
    public func workerConnected(id: WorkerID, name: String, instanceID: String, slots: Int,
                                shards: [ShardDescriptor], jobKinds: Set<String>, runningTaskIDs: [String],
                                now: Double) throws -> [SchedulerAction] {
        // The old connection's tasks wait for re-adoption by name, like after a restart.
        for old in workers.values where old.name == name || old.id == id {
            for taskID in old.taskIDs { tasks[taskID]!.workerID = nil }
            disconnect(old.id)
        }
        connect(ConnectedWorker(id: id, name: name, instanceID: instanceID, slots: max(0, slots),
                                shards: shards, jobKinds: jobKinds, lastSeen: now, order: nextWorkerOrder))
        nextWorkerOrder += 1
        knownWorkerNames[id] = name

        var actions = try adoptOrCancel(runningTaskIDs, on: id, now: now)
        let announced = Set(runningTaskIDs)
        for taskID in orderedTaskIDs(where: { $0.isAwaitingReadoption && $0.workerName == name })
        where !announced.contains(taskID) {
            actions += try requeue(taskID, outcome: "worker \(name) reconnected without it",
                                   giveUpReason: "worker \(name) lost it \(tasks[taskID]!.attempts) times", now: now)
        }
        return actions + (try assignPending(now: now))
    }

    /// A heartbeat: renews the worker's liveness and the leases of the tasks it
    /// lists. A task the scheduler has on this worker that the heartbeat does not
    /// list (and that was assigned longer than the grace period ago) was lost by the
    /// worker and is requeued. A heartbeat from an unknown connection is ignored —
    /// the worker must say `Hello` first.
    public func heartbeat(worker: WorkerID, freeSlots: Int, runningTaskIDs: [String],
                          now: Double) throws -> [SchedulerAction] {
        guard workers[worker] != nil else { return [] }
        workers[worker]!.lastSeen = now
        workers[worker]!.reportedFreeSlots = freeSlots
        var actions = try adoptOrCancel(runningTaskIDs, on: worker, now: now)
        let listed = Set(runningTaskIDs)
        let name = workers[worker]!.name
        for taskID in workers[worker]!.taskIDs.sorted() where !listed.contains(taskID) {
            guard let assignedAt = tasks[taskID]!.assignedAt, assignedAt + configuration.assignmentGrace <= now
            else { continue }
            actions += try requeue(taskID, outcome: "worker \(name) no longer runs it",
                                   giveUpReason: "worker \(name) lost it \(tasks[taskID]!.attempts) times", now: now)
        }
        return actions + (try assignPending(now: now))
    }

    /// A progress report: renews the task's lease when the attempt is current on
    /// this worker. Stale reports (another attempt, another worker) are ignored.
    public func progress(worker: WorkerID, taskID: String, attempt: Int, now: Double) -> [SchedulerAction] {
        workers[worker]?.lastSeen = now
        if let task = tasks[taskID], task.state == .running, task.workerID == worker, task.attempts == attempt {
            tasks[taskID]!.leaseExpiry = now + configuration.leaseDuration
        }
        return []
    }

    /// Reconciles the tasks a worker says it runs with what the scheduler thinks:
    /// renews leases of its own, re-adopts those awaiting it or pending, cancels the rest.
    func adoptOrCancel(_ taskIDs: [String], on worker: WorkerID, now: Double) throws -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        let connection = workers[worker]!
        for taskID in taskIDs {
            guard let task = tasks[taskID] else {
                actions.append(.cancel(worker, taskID: taskID, reason: "unknown task"))
                continue
            }
            switch task.state {
            case .running where task.workerID == worker:
                tasks[taskID]!.leaseExpiry = now + configuration.leaseDuration
            case .running where task.workerID == nil && task.workerName == connection.name,
                 .pending where task.attempts > 0:
                // Still this worker's (coordinator or worker connection restarted), or
                // requeued but not yet reassigned: letting it finish wastes nothing.
                try store.recordReadoption(taskID: taskID, attempt: task.attempts, workerName: connection.name,
                                           workerInstance: connection.instanceID, at: now)
                tasks[taskID]!.workerName = connection.name
                setState(taskID, .running)
                tasks[taskID]!.leaseExpiry = now + configuration.leaseDuration
                tasks[taskID]!.assignedAt = now
                bind(taskID, to: worker)
            case .running:
                actions.append(.cancel(worker, taskID: taskID, reason: "task reassigned to another worker"))
            case .pending:
                actions.append(.cancel(worker, taskID: taskID, reason: "task was never assigned"))
            case .done:
                actions.append(.cancel(worker, taskID: taskID, reason: "task already has a result"))
            case .failed:
                actions.append(.cancel(worker, taskID: taskID, reason: "task failed"))
            case .cancelled:
                actions.append(.cancel(worker, taskID: taskID, reason: "sweep \(task.spec.sweepID) cancelled"))
            }
        }
        return actions
    }

    /// IDs of tasks matching `predicate`, by sweep submission order then index, so
    /// the actions an event returns come out in the same order every run.
    func orderedTaskIDs(where predicate: (ScheduledTask) -> Bool) -> [String] {
        tasks.values.filter(predicate)
            .sorted { a, b in
                let ra = sweeps[a.spec.sweepID]!.rank, rb = sweeps[b.spec.sweepID]!.rank
                return ra != rb ? ra < rb : a.spec.index < b.spec.index
            }
            .map(\.spec.taskID)
    }
}
