/// Timing of the scheduler's leases.
public struct SchedulerConfiguration: Sendable, Equatable {
    /// Seconds a task's lease (and a worker's liveness) lasts without a heartbeat or
    /// progress report: three heartbeat intervals, so one lost heartbeat does not
    /// requeue work.
    public var leaseDuration: Double
    /// Seconds after an assignment during which a heartbeat that does not list the
    /// task is not taken as the worker having lost it: the heartbeat may have been
    /// sent before the assignment arrived.
    public var assignmentGrace: Double

    /// Leases of `leaseDuration` seconds (default 15: three 5 s heartbeats) and a
    /// grace of one heartbeat interval.
    public init(leaseDuration: Double = 15, assignmentGrace: Double? = nil) {
        self.leaseDuration = leaseDuration
        self.assignmentGrace = assignmentGrace ?? leaseDuration / 3
    }

    /// The lease as the wire carries it.
    var leaseMilliseconds: Int { Int((leaseDuration * 1000).rounded()) }
}
