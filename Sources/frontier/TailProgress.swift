import Foundation
import FrontierCluster
import FrontierProtocol

/// The progress line of `tail`: state, done/total, running, failed, pending and an ETA.
enum TailProgress {
    /// `running  5/8 done  1 running  0 failed  2 pending  0 cancelled  ETA 0:12`.
    static func line(_ summary: SweepSummary?) -> String {
        guard let s = summary else { return "(no status)" }
        return "\(ClusterJSON.name(s.state))  \(s.tasksDone)/\(s.tasksTotal) done  \(s.tasksRunning) running  "
            + "\(s.tasksFailed) failed  \(s.tasksPending) pending  \(s.tasksCancelled) cancelled  ETA \(eta(s))"
    }

    /// The ETA as `m:ss` (`SweepProgress.etaSeconds`): `--` before the first result, `0:00` when over.
    static func eta(_ s: SweepSummary) -> String {
        SweepProgress.etaSeconds(s).map(duration) ?? "--"
    }

    /// `m:ss`, or `h:mm:ss` past an hour.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
