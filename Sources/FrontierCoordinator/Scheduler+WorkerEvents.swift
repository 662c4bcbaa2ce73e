import FrontierSweep

extension Scheduler {
    /// A `Hello` from a new or reconnecting worker.
    ///
    /// A worker is identified across connections by `name` and, within one process
    /// lifetime, by `instanceID`. A connection of the same instance (a reconnect)
    /// replaces the older one. Another instance under a live name is refused until
    /// the older connection is gone (`connectionClosed`) or its lease expired, so a
    /// peer cannot take over a running worker's tasks by borrowing its name; with
    /// CURVE, a name is also bound to the first key it was seen with.
    ///
    /// Of the tasks the worker says it is still running, those whose current attempt
    /// is this instance's (still assigned to it, or awaiting its re-adoption after a
    /// restart, or requeued but not reassigned) are re-adopted; the others get a
    /// `cancel`. Tasks awaiting re-adoption under its name that it did not
    /// re-announce are requeued at once — the worker just told us it lost them.
    ///
    /// - Throws: `SchedulerRefusal.nameInUse` or `.keyMismatch` (nothing changed).
    public func workerConnected(id: WorkerID, name: String, instanceID: String, slots: Int,
                                shards: [ShardDescriptor], jobKinds: Set<String>, runningTaskIDs: [String],
                                peerKey: String? = nil, now: Double) throws -> [SchedulerAction] {
        if let peerKey, let bound = boundKeys[name], bound != peerKey {
            throw SchedulerRefusal.keyMismatch(name: name, bound: bound, presented: peerKey)
        }
        var actions: [SchedulerAction] = []
        let others = workers.values.filter { $0.name == name && $0.id != id && $0.instanceID != instanceID }
        for other in others.sorted(by: { $0.order < $1.order }) {
            guard other.lastSeen + configuration.leaseDuration < now else { throw SchedulerRefusal.nameInUse(name: name) }
            actions += try forget(other, why: "silent for longer than a lease, and another instance says Hello", now: now)
        }
        if let peerKey, boundKeys[name] == nil {
            try store.bindWorkerKey(name: name, key: peerKey, at: now)
            boundKeys[name] = peerKey
        }
        // The old connection's tasks wait for re-adoption by name, like after a restart.
        for old in workers.values where old.name == name || old.id == id {
            for taskID in old.taskIDs { tasks[taskID]!.workerID = nil }
            disconnect(old.id)
        }
        connect(ConnectedWorker(id: id, name: name, instanceID: instanceID, peerKey: peerKey, slots: max(0, slots),
                                shards: shards, jobKinds: jobKinds, lastSeen: now, order: nextWorkerOrder))
        nextWorkerOrder += 1
        knownConnections[id] = WorkerIdentity(name: name, instanceID: instanceID, peerKey: peerKey)

        actions += try adoptOrCancel(runningTaskIDs, on: id, now: now)
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
    ///
    /// `leaving` means the worker is shutting down: it gets no more work, and once it
    /// holds no task it is forgotten (`workerLeft`).
    public func heartbeat(worker: WorkerID, freeSlots: Int, runningTaskIDs: [String], leaving: Bool = false,
                          now: Double) throws -> [SchedulerAction] {
        guard workers[worker] != nil else { return [] }
        workers[worker]!.lastSeen = now
        workers[worker]!.reportedFreeSlots = freeSlots
        if leaving && !workers[worker]!.leaving {
            workers[worker]!.leaving = true
            availability.setFreeSlots(worker, 0)
        }
        var actions = try adoptOrCancel(runningTaskIDs, on: worker, now: now)
        let listed = Set(runningTaskIDs)
        let name = workers[worker]!.name
        for taskID in workers[worker]!.taskIDs.sorted() where !listed.contains(taskID) {
            guard let assignedAt = tasks[taskID]!.assignedAt, assignedAt + configuration.assignmentGrace <= now
            else { continue }
            actions += try requeue(taskID, outcome: "worker \(name) no longer runs it",
                                   giveUpReason: "worker \(name) lost it \(tasks[taskID]!.attempts) times", now: now)
        }
        if leaving, runningTaskIDs.isEmpty, workers[worker]!.taskIDs.isEmpty {
            disconnect(worker)
            actions.append(.notice(.workerLeft(name: name)))
        }
        return actions + (try assignPending(now: now))
    }

    /// A progress report: renews the task's lease when the attempt is current on
    /// this worker. Stale reports (an older attempt of this instance) are ignored.
    ///
    /// - Throws: `SchedulerRefusal` for an unknown task or sender, or an attempt that was not the sender's.
    public func progress(worker: WorkerID, taskID: String, attempt: Int, now: Double) throws -> [SchedulerAction] {
        guard let task = tasks[taskID] else { throw SchedulerRefusal.unknownTask(taskID) }
        _ = try reporter(worker, of: task, attempt: attempt)
        workers[worker]?.lastSeen = now
        if task.state == .running, task.workerID == worker, task.attempts == attempt {
            tasks[taskID]!.leaseExpiry = now + configuration.leaseDuration
        }
        return []
    }

    /// The transport reports that a connection is gone (a send to it found no peer):
    /// it is forgotten at once, and its tasks requeued, instead of after a lease.
    public func connectionClosed(_ worker: WorkerID, now: Double) throws -> [SchedulerAction] {
        guard let connection = workers[worker] else { return [] }
        return try forget(connection, why: "its connection is gone", now: now) + (try assignPending(now: now))
    }

    /// Forgets a connection and requeues what it held, with one `workerLost` notice.
    func forget(_ worker: ConnectedWorker, why: String, now: Double) throws -> [SchedulerAction] {
        // Forget the connection first: a cancel could not reach it anyway.
        let held = worker.taskIDs.sorted()
        disconnect(worker.id)
        var actions: [SchedulerAction] = [.notice(.workerLost(name: worker.name, why: why, tasks: held))]
        for taskID in held {
            tasks[taskID]!.workerID = nil
            actions += try requeue(
                taskID, outcome: "worker \(worker.name) lost (\(why))",
                giveUpReason: "worker \(worker.name) lost; \(tasks[taskID]!.attempts) attempts used", now: now)
        }
        return actions
    }

    /// Reconciles the tasks a worker says it runs with what the scheduler thinks:
    /// renews leases of its own, re-adopts those whose current attempt is this
    /// instance's (awaiting it, or requeued but not reassigned), cancels the rest.
    func adoptOrCancel(_ taskIDs: [String], on worker: WorkerID, now: Double) throws -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        let connection = workers[worker]!
        for taskID in taskIDs {
            guard let task = tasks[taskID] else {
                actions.append(.cancel(worker, taskID: taskID, reason: "unknown task"))
                continue
            }
            let ours = task.attemptInstances[task.attempts] == connection.instanceID
            switch task.state {
            case .running where task.workerID == worker:
                tasks[taskID]!.leaseExpiry = now + configuration.leaseDuration
            case .running where task.workerID == nil && ours, .pending where task.attempts > 0 && ours:
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
                actions.append(.cancel(worker, taskID: taskID, reason: "task was never assigned to this worker"))
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
