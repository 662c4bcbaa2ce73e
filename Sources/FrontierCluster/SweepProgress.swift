import FrontierProtocol

/// How far a sweep is: the one home of the ETA `tail`, `sweep status --json` and the web view show.
public enum SweepProgress {
    /// Time left at the average rate since submission: the tasks not yet finished times the
    /// elapsed time per finished task. Nil before the first finished task, 0 once over.
    public static func etaSeconds(_ s: SweepSummary) -> Double? {
        let finished = s.tasksDone + s.tasksFailed + s.tasksCancelled
        let remaining = s.tasksTotal > finished ? s.tasksTotal - finished : 0
        if remaining == 0 || s.state == .done || s.state == .doneWithFailures || s.state == .cancelled { return 0 }
        guard s.tasksDone + s.tasksFailed > 0, s.elapsedMs > 0 else { return nil }
        return Double(s.elapsedMs) / 1000 / Double(s.tasksDone + s.tasksFailed) * Double(remaining)
    }
}
