/// A sweep's pending tasks, grouped by requirement, each group in index order.
///
/// `assignPending` used to walk every task of every running sweep, and filter
/// every worker, after every event. With the groups it looks only at the first
/// task of each group: within a group every task can run on the same workers, so
/// if the first cannot be placed now, none can.
struct PendingTasks: Sendable {
    private var groups: [TaskRequirement: IndexOrderedTasks] = [:]

    /// Whether no task is pending.
    var isEmpty: Bool { groups.isEmpty }

    /// Adds a task that became pending.
    mutating func insert(index: Int, taskID: String, requirement: TaskRequirement) {
        groups[requirement, default: IndexOrderedTasks()].insert(index: index, taskID: taskID)
    }

    /// Removes a task that stopped being pending.
    mutating func remove(index: Int, requirement: TaskRequirement) {
        groups[requirement]!.remove(index: index)
        if groups[requirement]!.isEmpty { groups[requirement] = nil }
    }

    /// The pending task with the smallest index among the groups whose
    /// requirement `canPlace` accepts.
    func first(where canPlace: (TaskRequirement) -> Bool) -> (taskID: String, requirement: TaskRequirement)? {
        var best: (index: Int, taskID: String, requirement: TaskRequirement)?
        for (requirement, group) in groups {
            guard let head = group.first, head.index < best?.index ?? .max, canPlace(requirement) else { continue }
            best = (head.index, head.taskID, requirement)
        }
        return best.map { ($0.taskID, $0.requirement) }
    }
}

/// Tasks kept sorted by index. Tasks are queued in index order and taken from the
/// front, so both are O(1) (a consumed prefix is dropped now and then); a requeued
/// task is put back in its place by binary search.
struct IndexOrderedTasks: Sendable {
    private var entries: [(index: Int, taskID: String)] = []
    /// Entries before this position have been taken.
    private var head = 0

    var isEmpty: Bool { head == entries.count }

    /// The task with the smallest index.
    var first: (index: Int, taskID: String)? { isEmpty ? nil : entries[head] }

    mutating func insert(index: Int, taskID: String) {
        if isEmpty || entries[entries.count - 1].index < index {
            entries.append((index, taskID))
        } else {
            entries.insert((index, taskID), at: position(of: index))
        }
    }

    mutating func remove(index: Int) {
        let at = position(of: index)
        precondition(at < entries.count && entries[at].index == index, "task index \(index) is not queued")
        if at == head {
            head += 1
            if isEmpty {
                entries.removeAll()
                head = 0
            } else if head >= 64 && head * 2 >= entries.count {
                entries.removeFirst(head)
                head = 0
            }
        } else {
            entries.remove(at: at)
        }
    }

    /// First position at or after `head` whose index is not below `index`.
    private func position(of index: Int) -> Int {
        var low = head, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].index < index { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
