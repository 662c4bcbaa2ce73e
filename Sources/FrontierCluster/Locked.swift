import Foundation

/// A flag set once from any thread and read from any other.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// A set of strings shared between threads (task ids to cancel).
final class LockedSet: @unchecked Sendable {
    private let lock = NSLock()
    private var values: Set<String> = []
    func insert(_ v: String) { _ = lock.withLock { values.insert(v) } }
    func remove(_ v: String) { _ = lock.withLock { values.remove(v) } }
    func contains(_ v: String) -> Bool { lock.withLock { values.contains(v) } }
}

/// A counter bumped from any thread (stop requests).
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
