import FrontierCoordinator
import FrontierProtocol

extension SweepSummary {
    /// A sweep's status as the wire carries it; `now` (the scheduler's clock) gives the elapsed time.
    init(_ status: FrontierCoordinator.SweepStatus, now: Double) {
        self.init()
        sweepID = status.sweepID
        name = status.name
        switch status.state {
        case .running: state = .running
        case .done: state = .done
        case .doneWithFailures: state = .doneWithFailures
        case .cancelled: state = .cancelled
        }
        tasksPending = UInt32(status.pending)
        tasksRunning = UInt32(status.running)
        tasksDone = UInt32(status.done)
        tasksFailed = UInt32(status.failed)
        tasksCancelled = UInt32(status.cancelled)
        tasksTotal = UInt32(status.total)
        elapsedMs = UInt64(status.elapsed(now: now) * 1000)
        stuck = status.blocked.map { blocked in
            var reason = PendingReason()
            reason.taskID = blocked.firstTaskID
            reason.reason = "\(blocked.count) task(s): \(blocked.reason)"
            reason.taskCount = UInt32(blocked.count)
            return reason
        }
    }
}
