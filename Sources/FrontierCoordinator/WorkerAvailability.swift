/// The connected workers with free slots, per requirement of the pending tasks,
/// each list in the order `assignPending` prefers them: most free slots first,
/// ties to the earliest connected.
///
/// Choosing a worker used to filter every connected worker for every pending
/// task. Here the best worker for a requirement is the head of its list, and
/// "does any worker have a free slot" is a counter. Lists exist only for
/// requirements some pending task has (their demand), so a worker's slot change
/// touches only the requirements it can serve that are wanted now.
///
/// The scheduler reports every change: workers connecting and leaving, a
/// connection's free slots after each bind or unbind, tasks becoming pending or
/// not.
struct WorkerAvailability: Sendable {
    /// A worker with free slots, as ranked for one requirement.
    private struct Candidate: Sendable {
        var freeSlots: Int
        var order: Int
        var id: WorkerID

        /// Better first: more free slots, then earlier connection (orders are unique).
        func precedes(_ other: Candidate) -> Bool {
            freeSlots != other.freeSlots ? freeSlots > other.freeSlots : order < other.order
        }
    }

    /// What the index knows of a connected worker.
    private struct Member: Sendable {
        var order: Int
        var freeSlots: Int
        /// The wanted requirements this worker meets.
        var requirements: [TaskRequirement]
    }

    /// Free slots summed over connected workers.
    private(set) var totalFreeSlots = 0
    private var members: [WorkerID: Member] = [:]
    /// Per wanted requirement: the workers meeting it that have free slots, best first.
    private var candidates: [TaskRequirement: [Candidate]] = [:]
    /// Per wanted requirement: the workers meeting it, free or not.
    private var eligible: [TaskRequirement: [WorkerID]] = [:]
    /// Pending tasks per requirement.
    private var demand: [TaskRequirement: Int] = [:]

    /// The best worker with a free slot for tasks with `requirement`, if any.
    func bestWorker(for requirement: TaskRequirement) -> WorkerID? {
        candidates[requirement]?.first?.id
    }

    // MARK: - Workers

    /// A worker connected.
    mutating func connect(_ worker: ConnectedWorker) {
        let met = demand.keys.filter { $0.isMet(by: worker) }
        let member = Member(order: worker.order, freeSlots: worker.freeSlots, requirements: met)
        members[worker.id] = member
        totalFreeSlots += member.freeSlots
        for requirement in met {
            eligible[requirement, default: []].append(worker.id)
            if member.freeSlots > 0 { insert(worker.id, member, into: requirement) }
        }
    }

    /// A worker's connection was dropped or replaced.
    mutating func disconnect(_ id: WorkerID) {
        guard let member = members.removeValue(forKey: id) else { return }
        totalFreeSlots -= member.freeSlots
        for requirement in member.requirements {
            eligible[requirement]!.removeAll { $0 == id }
            if member.freeSlots > 0 { remove(id, member, from: requirement) }
        }
    }

    /// A connection's free slots changed (a task was bound to or unbound from it).
    mutating func setFreeSlots(_ id: WorkerID, _ freeSlots: Int) {
        guard var member = members[id], member.freeSlots != freeSlots else { return }
        let before = member
        member.freeSlots = freeSlots
        members[id] = member
        totalFreeSlots += freeSlots - before.freeSlots
        for requirement in member.requirements {
            if before.freeSlots > 0 { remove(id, before, from: requirement) }
            if freeSlots > 0 { insert(id, member, into: requirement) }
        }
    }

    // MARK: - Demand

    /// A task with `requirement` became pending; `workers` are all connected workers.
    mutating func addDemand(_ requirement: TaskRequirement, workers: Dictionary<WorkerID, ConnectedWorker>.Values) {
        demand[requirement, default: 0] += 1
        guard demand[requirement] == 1 else { return }
        var ids: [WorkerID] = []
        var free: [Candidate] = []
        for worker in workers where requirement.isMet(by: worker) {
            ids.append(worker.id)
            members[worker.id]!.requirements.append(requirement)
            let slots = members[worker.id]!.freeSlots
            if slots > 0 { free.append(Candidate(freeSlots: slots, order: worker.order, id: worker.id)) }
        }
        eligible[requirement] = ids
        candidates[requirement] = free.sorted { $0.precedes($1) }
    }

    /// A task with `requirement` stopped being pending.
    mutating func removeDemand(_ requirement: TaskRequirement) {
        demand[requirement]! -= 1
        guard demand[requirement] == 0 else { return }
        demand[requirement] = nil
        for id in eligible.removeValue(forKey: requirement) ?? [] {
            members[id]!.requirements.removeAll { $0 == requirement }
        }
        candidates[requirement] = nil
    }

    // MARK: - Ranked lists

    private mutating func insert(_ id: WorkerID, _ member: Member, into requirement: TaskRequirement) {
        let candidate = Candidate(freeSlots: member.freeSlots, order: member.order, id: id)
        candidates[requirement, default: []].insert(candidate, at: position(of: candidate, in: requirement))
    }

    private mutating func remove(_ id: WorkerID, _ member: Member, from requirement: TaskRequirement) {
        let candidate = Candidate(freeSlots: member.freeSlots, order: member.order, id: id)
        let at = position(of: candidate, in: requirement)
        precondition(at < candidates[requirement]!.count && candidates[requirement]![at].id == id, "worker \(id) is not ranked for its requirement")
        candidates[requirement]!.remove(at: at)
    }

    /// Where `candidate` is, or would go, in the requirement's ranked list.
    private func position(of candidate: Candidate, in requirement: TaskRequirement) -> Int {
        guard let list = candidates[requirement] else { return 0 }
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].precedes(candidate) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
