import FrontierCluster
import FrontierProtocol

/// `/metrics`: the coordinator's state and counters in the Prometheus text format. Task and
/// worker gauges come from the same published overview as `/api/sweeps`, built as the
/// `sweep status` reply is, so their counts are that reply's.
enum CoordinatorMetricsPage {
    static func render(_ observatory: CoordinatorObservatory) -> String {
        let overview = observatory.currentOverview()
        let counters = observatory.metrics.reading()
        var out = PrometheusText()
        let states: [(String, KeyPath<SweepSummary, UInt32>)] = [
            ("pending", \.tasksPending), ("running", \.tasksRunning), ("done", \.tasksDone),
            ("failed", \.tasksFailed), ("cancelled", \.tasksCancelled),
        ]
        out.family("frontier_tasks", "gauge", help: "Tasks of every sweep by state, as sweep status counts them.")
        for (state, path) in states {
            out.sample("frontier_tasks", [("state", state)], Double(overview.status.sweeps.reduce(0) { $0 + Int($1[keyPath: path]) }))
        }
        out.family("frontier_sweep_tasks", "gauge", help: "Tasks of each sweep by state, as sweep status counts them.")
        for sweep in overview.status.sweeps {
            for (state, path) in states {
                out.sample("frontier_sweep_tasks", [("sweep_id", sweep.sweepID), ("state", state)], Double(sweep[keyPath: path]))
            }
        }
        out.family("frontier_sweeps", "gauge", help: "Sweeps by state.")
        let sweepStates = Dictionary(grouping: overview.status.sweeps) { ClusterJSON.name($0.state) }
        for state in ["running", "done", "done_with_failures", "cancelled"] {
            out.sample("frontier_sweeps", [("state", state)], Double(sweepStates[state]?.count ?? 0))
        }
        out.family("frontier_results_total", "counter", help: "Results accepted since the coordinator started.")
        out.sample("frontier_results_total", Double(counters.resultsAccepted))
        out.family("frontier_assignments_total", "counter", help: "Task assignments sent since the coordinator started.")
        out.sample("frontier_assignments_total", Double(counters.assignments))
        out.histogram("frontier_assignment_wait_seconds",
                      help: "Seconds from a task becoming pending (submitted or requeued) to its assignment.",
                      counters.assignmentWait)
        workers(overview.workers, into: &out)
        if let commits = observatory.storeCommitLatency {
            out.histogram("frontier_store_commit_seconds", help: "Seconds per write transaction of the state store, commit included.",
                          commits)
        }
        out.family("frontier_refused_frames_total", "counter", help: "Frames and messages refused, by reason.")
        for (reason, count) in counters.refusedFrames.sorted(by: { $0.key < $1.key }) {
            out.sample("frontier_refused_frames_total", [("reason", reason)], Double(count))
        }
        out.histogram("frontier_front_update_seconds",
                      help: "Seconds from a result's arrival to the publication of the front change it caused.",
                      counters.frontUpdateLatency)
        out.family("frontier_web_observers", "gauge", help: "Open event streams of the web view.")
        out.sample("frontier_web_observers", Double(observatory.observerCount))
        out.family("frontier_web_dropped_observers_total", "counter", help: "Event streams dropped for falling behind.")
        out.sample("frontier_web_dropped_observers_total", Double(counters.droppedSubscribers))
        return out.text
    }

    private static func workers(_ workers: [ClusterJSON.Worker], into out: inout PrometheusText) {
        out.family("frontier_connected_workers", "gauge", help: "Workers connected now.")
        out.sample("frontier_connected_workers", Double(workers.count))
        out.family("frontier_worker_running_tasks", "gauge", help: "Tasks each connected worker runs now.")
        for worker in workers { out.sample("frontier_worker_running_tasks", [("worker", worker.name)], Double(worker.runningTasks)) }
        out.family("frontier_worker_slots", "gauge", help: "Slots each connected worker announced.")
        for worker in workers { out.sample("frontier_worker_slots", [("worker", worker.name)], Double(worker.slots)) }
    }
}
