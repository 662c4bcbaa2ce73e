import Foundation
import FrontierSweep

/// A finished run as the observatory keeps it: what `RunRecord` is made of, with the report
/// left as the bytes the worker sent until someone asks (parsing every report on the
/// coordinator's loop would cost it even when nobody looks).
struct ObservedRun: Sendable {
    var task: TaskSpec
    var worker: String
    var objectives: [String: Double]
    var report: Data
    var trainingSeconds: Double
    var evaluationSeconds: Double

    /// The row of `sweep results` for this run.
    var record: RunRecord { record(report: report) }

    /// The row of `sweep results` without the report, as the live views send it (the report is
    /// not even parsed).
    var lineWithoutReport: String { record(report: Data()).lineWithoutReport }

    private func record(report: Data) -> RunRecord {
        RunRecord(task: task, worker: worker,
                  outcome: TaskOutcome(objectives: objectives, report: report, trainingSeconds: trainingSeconds,
                                       evaluationSeconds: evaluationSeconds))
    }
}
