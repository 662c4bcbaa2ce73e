import FrontierSweep

extension Scheduler {
    /// Hands pending tasks to workers with free credit; called after every event.
    ///
    /// Fairness: sweeps in submission order, tasks in index order. A task goes to
    /// a worker that runs its job kind and holds a shard serving its reference;
    /// among those, the one with most free slots (spreading load), ties to the
    /// earliest connected. A worker never has more outstanding tasks than slots.
    /// The first assignment of a task without a checksum pins the checksum of the
    /// shard it was given, so retries run on the same bytes.
    ///
    /// Free slots only shrink during one call, so a task no worker can take when
    /// its turn comes cannot be placed later in the call either: visiting tasks in
    /// index order and skipping those is the same as repeatedly taking the first
    /// pending task (in index order) that some free worker can run. That is what
    /// runs here, on the sweep's pending tasks grouped by requirement
    /// (`PendingTasks`) and the free workers ranked per requirement
    /// (`WorkerAvailability`), instead of scanning every task and every worker.
    func assignPending(now: Double) throws -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        guard availability.totalFreeSlots > 0 else { return actions }
        for sweepID in sweepOrder where sweeps[sweepID]!.state == .running {
            while let next = sweeps[sweepID]!.pending.first(where: { availability.bestWorker(for: $0) != nil }) {
                let taskID = next.taskID
                let worker = workers[availability.bestWorker(for: next.requirement)!]!
                let spec = tasks[taskID]!.spec
                let shard = worker.shard(for: spec)!
                let pin = spec.shard.sha256 == nil ? shard.sha256 : nil
                let attempt = tasks[taskID]!.attempts + 1
                try store.recordAssignment(taskID: taskID, attempt: attempt, workerName: worker.name,
                                           workerInstance: worker.instanceID, pinnedSHA256: pin, at: now)
                // Out of the pending queue under its old requirement before the pin changes it.
                setState(taskID, .running)
                var task = tasks[taskID]!
                if let pin { task.spec.shard.sha256 = pin }
                task.attempts = attempt
                task.attemptInstances[attempt] = worker.instanceID
                task.workerName = worker.name
                task.assignedAt = now
                task.leaseExpiry = now + configuration.leaseDuration
                tasks[taskID] = task
                bind(taskID, to: worker.id)
                actions.append(.assign(worker.id, Assignment(task: task.spec, attempt: attempt,
                                                             leaseMilliseconds: configuration.leaseMilliseconds)))
                if availability.totalFreeSlots == 0 { return actions }
            }
        }
        return actions
    }

    /// What `blockReason` depends on: tasks alike in these wait for the same reason.
    struct BlockKey: Hashable {
        var jobKind: String
        var shard: ShardReference
    }

    /// Why no connected worker can run `spec`, or nil if one can (it may just be busy).
    func blockReason(_ spec: TaskSpec) -> String? {
        if workers.isEmpty { return "no worker connected" }
        let kindWorkers = workers.values.filter { $0.runs(spec) }
        if kindWorkers.isEmpty { return "no connected worker runs job kind \(spec.jobKind)" }
        let shardWorkers = workers.values.filter { $0.shard(for: spec) != nil }
        if shardWorkers.isEmpty {
            let sameShard = workers.values.flatMap(\.shards).filter {
                $0.dataset == spec.shard.dataset && $0.shardID == spec.shard.shardID
            }
            if let recipe = spec.shard.recipeSHA256,
               !sameShard.isEmpty, sameShard.allSatisfy({ $0.recipeSHA256 != nil && $0.recipeSHA256 != recipe }) {
                return "no connected worker holds shard \(spec.shard.description) prepared with the sweep's recipe "
                    + "\(recipe.prefix(12)) (connected workers' copies were prepared with another recipe)"
            }
            if !sameShard.isEmpty, let sha = spec.shard.sha256 {
                return "no connected worker holds shard \(spec.shard.description) with checksum \(sha.prefix(12))"
            }
            return "no connected worker holds shard \(spec.shard.description)"
        }
        if !kindWorkers.contains(where: { $0.shard(for: spec) != nil }) {
            return "no connected worker both runs job kind \(spec.jobKind) and holds shard \(spec.shard.description)"
        }
        return nil
    }

    // MARK: - Bookkeeping shared by every event

    /// Adds a task to memory, counting it in its sweep.
    func insertTask(_ task: ScheduledTask) {
        tasks[task.spec.taskID] = task
        sweeps[task.spec.sweepID]!.counts[task.state, default: 0] += 1
        if task.state == .pending { enqueue(task.spec) }
    }

    /// Moves a task to `state`, keeping the sweep's counts right (the only place states change).
    func setState(_ taskID: String, _ state: TaskState) {
        let task = tasks[taskID]!
        sweeps[task.spec.sweepID]!.counts[task.state, default: 0] -= 1
        sweeps[task.spec.sweepID]!.counts[state, default: 0] += 1
        if task.state == .pending && state != .pending { dequeue(task.spec) }
        if task.state != .pending && state == .pending { enqueue(task.spec) }
        tasks[taskID]!.state = state
        if state != .running {
            tasks[taskID]!.leaseExpiry = nil
            tasks[taskID]!.assignedAt = nil
        }
    }

    /// Records that the connection runs the task: it takes one of its slots.
    func bind(_ taskID: String, to worker: WorkerID) {
        tasks[taskID]!.workerID = worker
        workers[worker]?.taskIDs.insert(taskID)
        if let free = workers[worker]?.freeSlots { availability.setFreeSlots(worker, free) }
    }

    /// Frees the slot the task held on its connection, if any.
    func unbind(_ taskID: String) {
        guard let worker = tasks[taskID]!.workerID else { return }
        workers[worker]?.taskIDs.remove(taskID)
        tasks[taskID]!.workerID = nil
        if let free = workers[worker]?.freeSlots { availability.setFreeSlots(worker, free) }
    }

    /// Adds a worker's connection (its routing ID must not be connected).
    func connect(_ worker: ConnectedWorker) {
        workers[worker.id] = worker
        availability.connect(worker)
    }

    /// Forgets a worker's connection; its tasks keep pointing at it until the caller moves them.
    func disconnect(_ id: WorkerID) {
        workers[id] = nil
        availability.disconnect(id)
    }

    /// Queues a task that became pending under what it needs from a worker.
    private func enqueue(_ spec: TaskSpec) {
        let requirement = TaskRequirement(spec)
        sweeps[spec.sweepID]!.pending.insert(index: spec.index, taskID: spec.taskID, requirement: requirement)
        availability.addDemand(requirement, workers: workers.values)
    }

    /// Takes a task that stopped being pending out of its queue (same spec as queued).
    private func dequeue(_ spec: TaskSpec) {
        let requirement = TaskRequirement(spec)
        sweeps[spec.sweepID]!.pending.remove(index: spec.index, requirement: requirement)
        availability.removeDemand(requirement)
    }

    /// Marks the sweep finished once every task is done, failed or cancelled.
    func finishIfComplete(_ sweepID: String, now: Double) throws -> [SchedulerAction] {
        let sweep = sweeps[sweepID]!
        guard sweep.state == .running,
              sweep.counts[.pending, default: 0] == 0, sweep.counts[.running, default: 0] == 0
        else { return [] }
        let state: SweepState = sweep.counts[.failed, default: 0] > 0 ? .doneWithFailures : .done
        try store.recordSweepState(sweepID: sweepID, state, at: now)
        sweeps[sweepID]!.state = state
        sweeps[sweepID]!.finishedAt = now
        return [.sweepFinished(sweepID: sweepID, state)]
    }

    /// Ends the task's current attempt without a result: back to pending, or failed
    /// with `giveUpReason` when the sweep's attempts are used up (released attempts
    /// do not count). Tells a still connected holder to stop, since its slot is
    /// reclaimed, and announces the requeue or the failure.
    func requeue(_ taskID: String, outcome: String, giveUpReason: String, now: Double) throws -> [SchedulerAction] {
        let task = tasks[taskID]!
        let sweepID = task.spec.sweepID
        let exhausted = task.chargedAttempts >= sweeps[sweepID]!.submission.maxAttempts
        let state: TaskState = exhausted ? .failed : .pending
        let error = exhausted ? giveUpReason : outcome
        try store.recordTransition(taskID: taskID, to: state, lastError: error, endingAttempt: task.attempts,
                                   outcome: outcome, at: now)
        var actions: [SchedulerAction] = []
        if let worker = task.workerID, workers[worker] != nil {
            actions.append(.cancel(worker, taskID: taskID, reason: outcome))
        }
        unbind(taskID)
        tasks[taskID]!.lastError = error
        setState(taskID, state)
        actions.append(.notice(exhausted ? .taskFailed(taskID: taskID, reason: error)
                                         : .requeued(taskID: taskID, attempt: task.attempts, reason: outcome)))
        return actions + (try finishIfComplete(sweepID, now: now))
    }
}
