import Foundation
import FrontierCoordinator
import FrontierProtocol

// What the coordinator tells its observatory (the web view's source), when it has one:
// only copies and counts leave the loop; nothing here waits for a reader.
extension CoordinatorServer {
    /// Fills the observatory with every restored sweep (its front and stored runs) and hooks the counters up.
    func attachObservatory(_ scheduler: Scheduler) {
        guard let observatory else { return }
        observatory.attach(store: scheduler.store)
        let metrics = observatory.metrics
        refusals.onRecord = { metrics.frameRefused(reason: $0) }
        var runs: [String: [ObservedRun]] = [:]
        do {
            for result in try scheduler.store.loadAll().results {
                guard let task = scheduler.task(result.taskID)?.spec else { continue }
                // Results stored before the store kept timings (schema v3) show 0 s.
                runs[result.sweepID, default: []].append(
                    ObservedRun(task: task, worker: result.workerName, objectives: result.objectives, report: result.report,
                                trainingSeconds: Double(result.trainingMilliseconds ?? 0) / 1000,
                                evaluationSeconds: Double(result.evaluationMilliseconds ?? 0) / 1000))
            }
        } catch {
            logger.error("the web view starts without the stored runs: \(error)")
        }
        for status in scheduler.status(blockReasons: false) {
            observe(sweepID: status.sweepID, runs: runs[status.sweepID] ?? [])
        }
        publishOverview(.init(workers: true, blockReasons: true))
    }

    /// Publishes the overview when due (`changed`: the loop handled messages since the last pass).
    func refreshObservatory(changed: Bool) {
        guard let observatory else { return }
        if changed { observatory.noteChange() }
        if let refresh = observatory.overviewDue() { publishOverview(refresh) }
    }

    /// The sweeps' counts, and the workers and why tasks wait when `refresh` says so (those
    /// cost per worker and per pending task × worker: at 10,000 tasks and 1,000 workers, too
    /// much for every pass of the loop).
    private func publishOverview(_ refresh: CoordinatorObservatory.OverviewRefresh) {
        guard let observatory, let scheduler else { return }
        let statuses = scheduler.status(blockReasons: refresh.blockReasons)
        for status in statuses where !observatory.knows(sweepID: status.sweepID) { observe(sweepID: status.sweepID) }
        observatory.publish(status: statusMessage(statuses),
                            workers: refresh.workers ? scheduler.connectedWorkers.map(ClusterJSON.Worker.init) : nil,
                            refresh: refresh, takenAt: Self.now())
    }

    /// Starts observing a sweep from its front as it is now.
    private func observe(sweepID: String, runs: [ObservedRun] = []) {
        guard let observatory, let scheduler, let front = try? scheduler.front(sweepID: sweepID) else { return }
        observatory.add(sweepID: sweepID, snapshot: front.snapshot(), done: scheduler.state(sweepID: sweepID)?.isTerminal ?? false,
                        referencePoint: scheduler.submission(sweepID: sweepID)?.referencePoint, runs: runs)
    }

    /// A sweep just accepted: observed before its first assignments and changes are carried out.
    func observeSubmission(_ submission: SweepSubmission) {
        guard let observatory else { return }
        observatory.metrics.tasksQueued(sweepID: submission.sweepID, submission.tasks.map(\.taskID))
        observe(sweepID: submission.sweepID)
        observatory.noteChange()
    }

    /// A result the scheduler accepted (the task went from pending or running to done) becomes a run.
    func observeResult(_ result: TaskResult, stateBefore: TaskState?) {
        guard let observatory, let scheduler, stateBefore == .pending || stateBefore == .running,
              let task = scheduler.task(result.taskID), task.state == .done else { return }
        observatory.metrics.resultAccepted()
        observatory.recorded(ObservedRun(task: task.spec, worker: task.workerName ?? result.workerName,
                                         objectives: result.objectives, report: result.report,
                                         trainingSeconds: Double(result.trainingMs) / 1000,
                                         evaluationSeconds: Double(result.evaluationMs) / 1000))
    }

    /// Tasks a notice sends back to pending start waiting again (the assignment-wait metric).
    func observeRequeue(_ notice: SchedulerNotice) {
        guard let observatory, let scheduler else { return }
        let taskIDs: [String]
        switch notice {
        case .requeued(let taskID, _, _), .released(let taskID, _, _): taskIDs = [taskID]
        case .workerLost(_, _, let tasks): taskIDs = tasks
        case .leaseExpired, .workerLeft, .taskFailed: return
        }
        for taskID in taskIDs {
            guard let task = scheduler.task(taskID), task.state == .pending else { continue }
            observatory.metrics.tasksQueued(sweepID: task.spec.sweepID, [taskID])
        }
    }
}
