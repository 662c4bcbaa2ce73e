/// A task stopped because the coordinator cancelled it (its progress report was
/// answered with `.cancel`). Workers report it as cancelled, not failed.
public struct JobCancelled: Error, Equatable, Sendable, CustomStringConvertible {
    public var taskID: String

    public init(taskID: String) { self.taskID = taskID }

    public var description: String { "task \(taskID) was cancelled" }
}

/// A task that could not run: bad job spec, wrong shard, or the method refused its settings.
public struct JobFailed: Error, Equatable, Sendable, CustomStringConvertible {
    public var taskID: String
    public var message: String

    public init(taskID: String, _ message: String) {
        self.taskID = taskID
        self.message = message
    }

    public var description: String { "task \(taskID): \(message)" }
}
