import Foundation
import FrontierCluster
import FrontierPareto
import FrontierProtocol

/// The tail's replica of one sweep's front: FrontierPareto's `FrontReplica` (snapshot,
/// then updates applied in order) fed from the wire messages, plus the done flag.
struct FrontView {
    enum Outcome { case applied, stale, gap }

    let sweepID: String
    private var replica: FrontReplica
    private(set) var hypervolume: Double
    private(set) var done: Bool
    /// The done marker's sequence number once it arrived (it has its own since protocol 1.2).
    private var doneSequence: UInt64?
    let objectives: [Objective]
    /// Fixed at submit; carried by the snapshot and every update.
    private(set) var referencePoint: [String: Double]

    init(sweepID: String, snapshot: FrontierProtocol.FrontSnapshot) {
        self.sweepID = sweepID
        let rows = snapshot.rows.map(\.paretoRow)
        let dataset = rows.first?.dataset
        objectives = FrontMessages.objectives(of: snapshot)
        referencePoint = snapshot.referencePoint
        // A finished sweep's snapshot carries the done marker's sequence; its rows are those of the change before.
        let rowsSequence = snapshot.done && snapshot.sequence > 0 ? snapshot.sequence - 1 : snapshot.sequence
        replica = FrontReplica(snapshot: FrontierPareto.FrontSnapshot(
            sequence: rowsSequence, objectives: objectives, rows: rows,
            referencePoints: dataset.map { [$0: snapshot.referencePoint] } ?? [:],
            hypervolumes: dataset.map { [$0: snapshot.hypervolume] } ?? [:]))
        hypervolume = snapshot.hypervolume
        done = snapshot.done
        doneSequence = snapshot.done ? snapshot.sequence : nil
    }

    /// The sequence number of the last message folded in (the done marker's once done).
    var sequence: UInt64 { doneSequence ?? replica.sequence }

    /// Applies an update newer than the replica, in order. The done marker carries no
    /// rows and the next sequence number (or, from a coordinator before protocol 1.2,
    /// the last change's).
    mutating func apply(_ update: FrontUpdate) -> Outcome {
        if done { return .stale }
        if update.done && update.rows.isEmpty {
            if update.sequence > replica.sequence + 1 { return .gap }
            done = true
            doneSequence = max(update.sequence, replica.sequence)
            return .applied
        }
        let rows = update.rows.map(\.paretoRow)
        if !update.referencePoint.isEmpty { referencePoint = update.referencePoint }
        let change = FrontChange(sequence: update.sequence, dataset: rows.first?.dataset ?? "", rows: rows,
                                 referencePoint: referencePoint, hypervolume: update.hypervolume)
        switch replica.apply(change) {
        case .stale: return .stale
        case .gap: return .gap
        case .applied:
            hypervolume = update.hypervolume
            done = done || update.done
            return .applied
        }
    }

    private var rows: [FrontierPareto.FrontRow] { replica.snapshot().rows }

    func snapshotMessage() -> FrontierProtocol.FrontSnapshot {
        var message = FrontMessages.snapshot(sweepID: sweepID, snapshot: replica.snapshot(), done: false,
                                             referencePoint: referencePoint)
        message.done = done
        message.sequence = sequence
        message.hypervolume = hypervolume
        return message
    }

    /// The table and, with two or more objectives, the scatter plot of the front.
    func render(width: Int) -> String {
        let paretoRows = rows
        let names = objectives.map(\.name)
        var out = "sequence \(sequence)  \(paretoRows.count) points  hypervolume " + String(format: "%.6g", hypervolume)
            + "  reference " + names.map { "\($0)=\(referencePoint[$0].map { String(format: "%.4g", $0) } ?? "?")" }
                .joined(separator: " ") + "\n\n"
        out += FrontTable.render(paretoRows, objectives: names, width: width)
        if names.count >= 2, !paretoRows.isEmpty {
            out += "\n\n" + FrontScatter.render(paretoRows, x: names[names.count - 1], y: names[0], width: 60, height: 14)
        }
        return out
    }
}
