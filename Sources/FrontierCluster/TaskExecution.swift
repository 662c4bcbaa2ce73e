import Foundation
import FrontierProtocol
import FrontierSupport
import FrontierSweep
import FrontierTransport

/// One task attempt running on its own thread. It reports to the worker's network
/// thread through its own PUSH socket (ZeroMQ sockets are not shared across threads).
struct TaskExecution: @unchecked Sendable {
    /// Progress reports closer together than this are dropped (except a task's last step): a fast
    /// job reporting every few milliseconds must not flood the coordinator.
    static let progressInterval: Duration = .milliseconds(200)

    let task: TaskSpec
    let attempt: Int
    let kind: any JobKind
    let shard: LocalShard
    let workerName: String
    let context: ZMQContext
    let inbox: String
    let cancelled: LockedSet

    func run() {
        let codec = EnvelopeCodec()
        guard let push = try? context.socket(.push), (try? push.connect(inbox)) != nil else { return }
        defer { push.close() }
        func post(_ body: Envelope.Body) {
            // The inbox is in-process and unbounded in practice; a failure here means shutdown.
            if let bytes = try? codec.encode(body, messageID: 0) { try? push.send(bytes) }
        }
        let start = ContinuousClock.now
        var lastProgress: ContinuousClock.Instant?
        do {
            let outcome = try kind.run(task, on: shard) { report in
                let step = UInt32(clamping: max(0, report.step))
                let totalSteps = UInt32(clamping: max(report.step, report.totalSteps))
                let now = ContinuousClock.now
                // Throttled before anything is built or encoded; the last step always goes out.
                let throttled = step < totalSteps && lastProgress.map { now - $0 < Self.progressInterval } ?? false
                if !throttled {
                    lastProgress = now
                    var progress = TaskProgress()
                    progress.taskID = task.taskID
                    progress.attempt = UInt32(attempt)
                    progress.step = step
                    progress.totalSteps = totalSteps
                    progress.metrics = report.metrics
                    progress.elapsedMs = UInt64((now - start).seconds * 1000)
                    post(.progress(progress))
                }
                return cancelled.contains(task.taskID) ? .cancel : .proceed
            }
            if cancelled.contains(task.taskID) { throw CancelledByCoordinator() }
            var result = TaskResult()
            result.taskID = task.taskID
            result.attempt = UInt32(attempt)
            result.parameters = task.parameters
            result.objectives = outcome.objectives
            result.report = outcome.report
            result.workerName = workerName
            result.trainingMs = UInt64(max(0, outcome.trainingSeconds * 1000))
            result.evaluationMs = UInt64(max(0, outcome.evaluationSeconds * 1000))
            post(.taskResult(result))
        } catch {
            var failure = TaskFailure()
            failure.taskID = task.taskID
            failure.attempt = UInt32(attempt)
            let wasCancelled = cancelled.contains(task.taskID)
            failure.reason = wasCancelled ? "cancelled" : "\(error)"
            // A job that threw on its own data will throw again: only cancellations are worth retrying elsewhere.
            failure.retryable = wasCancelled
            post(.taskFailure(failure))
        }
    }
}

struct CancelledByCoordinator: Error, CustomStringConvertible {
    var description: String { "cancelled" }
}
