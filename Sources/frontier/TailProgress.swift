import Foundation
import FrontierProtocol

/// The progress line of `tail`: state, done/total, running, failed, pending and an ETA.
enum TailProgress {
    /// `running  5/8 done  1 running  0 failed  2 pending  0 cancelled  ETA 0:12`.
    static func line(_ summary: SweepSummary?) -> String {
        guard let s = summary else { return "(no status)" }
        return "\(SweepStatusCommand.name(s.state))  \(s.tasksDone)/\(s.tasksTotal) done  \(s.tasksRunning) running  "
            + "\(s.tasksFailed) failed  \(s.tasksPending) pending  \(s.tasksCancelled) cancelled  ETA \(eta(s))"
    }

    /// Time left at the average rate since submission: the tasks not yet finished
    /// times the elapsed time per finished task. `--` before the first result, `0:00` when over.
    static func eta(_ s: SweepSummary) -> String {
        let finished = s.tasksDone + s.tasksFailed + s.tasksCancelled
        let remaining = s.tasksTotal > finished ? s.tasksTotal - finished : 0
        if remaining == 0 || s.state == .done || s.state == .doneWithFailures || s.state == .cancelled { return "0:00" }
        guard s.tasksDone + s.tasksFailed > 0, s.elapsedMs > 0 else { return "--" }
        let seconds = Double(s.elapsedMs) / 1000 / Double(s.tasksDone + s.tasksFailed) * Double(remaining)
        return duration(seconds)
    }

    /// `m:ss`, or `h:mm:ss` past an hour.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
