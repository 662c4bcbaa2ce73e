import FrontierPareto
import FrontierProtocol

// Front rows, changes and snapshots between the aggregator's types (FrontierPareto)
// and the wire messages. The protocol's rows carry the mean, deviation and count of
// each objective; the row key encodes dataset, label and parameters.

extension FrontierProtocol.FrontRow {
    public init(_ row: FrontierPareto.FrontRow) {
        self.init()
        dataset = row.dataset
        label = row.label
        parameters = row.parameters
        objectiveMeans = row.objectives.mapValues(\.mean)
        objectiveStds = row.objectives.mapValues(\.standardDeviation)
        replicatesDone = UInt32(clamping: row.replicates)
        onFront = row.onFront
        lastWorker = row.lastWorker
        lastTaskID = row.lastTaskID
        rowKey = FrontMessages.rowKey(row.key)
    }

    /// The aggregator's row (objective counts are the row's replicate count).
    public var paretoRow: FrontierPareto.FrontRow {
        let summaries = objectiveMeans.reduce(into: [String: ObjectiveSummary]()) { out, entry in
            out[entry.key] = ObjectiveSummary(count: Int(replicatesDone), mean: entry.value,
                                              standardDeviation: objectiveStds[entry.key] ?? 0)
        }
        return FrontierPareto.FrontRow(key: FrontRowKey(dataset: dataset, label: label, parameters: parameters),
                                       objectives: summaries, replicates: Int(replicatesDone),
                                       lastWorker: lastWorker, lastTaskID: lastTaskID, onFront: onFront)
    }
}

public enum FrontMessages {
    /// `dataset|label|a=0.3,b=1`: stable for a row, so updates replace rows by key.
    public static func rowKey(_ key: FrontRowKey) -> String {
        "\(key.dataset)|\(key.label)|" + key.sortedParameters.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    }

    /// The publication of one change of a sweep's front, with the sweep's reference
    /// point (`referencePoint`, fixed at submit; the change's own for older sweeps).
    public static func update(sweepID: String, change: FrontChange, done: Bool,
                              referencePoint: [String: Double]? = nil) -> FrontUpdate {
        var update = FrontUpdate()
        update.sweepID = sweepID
        update.sequence = change.sequence
        update.rows = change.rows.map(FrontierProtocol.FrontRow.init)
        update.hypervolume = change.hypervolume
        update.done = done
        update.referencePoint = referencePoint ?? change.referencePoint
        return update
    }

    /// The sequence number of a sweep's last message: the done marker counts as one
    /// more change, so a client that drops everything at or below its snapshot's
    /// sequence still receives it, and a snapshot taken after it says done at it.
    public static func finalSequence(_ front: FrontAggregator) -> UInt64 { front.sequence + 1 }

    /// The marker published when a sweep finishes: no rows, `done`, and a sequence
    /// number of its own (`finalSequence`). Sweeps run on one dataset, so the
    /// hypervolume is that dataset's.
    public static func finished(sweepID: String, front: FrontAggregator, referencePoint: [String: Double]? = nil) -> FrontUpdate {
        var update = FrontUpdate()
        update.sweepID = sweepID
        update.sequence = finalSequence(front)
        update.done = true
        update.hypervolume = front.hypervolumes.values.first ?? 0
        update.referencePoint = referencePoint ?? front.snapshot().referencePoints.values.first ?? [:]
        return update
    }

    /// The reply to a snapshot request; a finished sweep's carries the done marker's
    /// sequence. Sweeps run on one dataset, so the hypervolume is that dataset's; the
    /// reference point is the sweep's (`referencePoint`, fixed at submit; the derived
    /// one for a sweep submitted without, by an older coordinator).
    public static func snapshot(sweepID: String, snapshot: FrontierPareto.FrontSnapshot, done: Bool,
                                referencePoint: [String: Double]? = nil) -> FrontierProtocol.FrontSnapshot {
        var message = FrontierProtocol.FrontSnapshot()
        message.sweepID = sweepID
        message.sequence = snapshot.sequence + (done ? 1 : 0)
        message.rows = snapshot.rows.map(FrontierProtocol.FrontRow.init)
        if let dataset = snapshot.rows.first?.dataset {
            message.referencePoint = snapshot.referencePoints[dataset] ?? [:]
            message.hypervolume = snapshot.hypervolumes[dataset] ?? 0
        }
        if let referencePoint { message.referencePoint = referencePoint }
        message.done = done
        message.objectives = snapshot.objectives.map { $0.direction == .minimize ? $0.name : "\($0.name):maximize" }
        return message
    }

    /// The sweep's objectives named in a snapshot.
    public static func objectives(of snapshot: FrontierProtocol.FrontSnapshot) -> [Objective] {
        snapshot.objectives.map { entry in
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            return Objective(name: parts[0], direction: parts.count > 1 && parts[1] == "maximize" ? .maximize : .minimize)
        }
    }
}
