import ArgumentParser
import Foundation
import FrontierCluster
import FrontierPareto
import FrontierProtocol
import FrontierTransport

/// `frontier tail`: the live aggregated front of a sweep.
struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Follow a sweep's aggregated Pareto front as results stream in.",
        discussion: """
        Subscribes to the sweep's updates, then asks for a snapshot and applies only the updates \
        newer than it, in order (the ZeroMQ guide's Clone pattern): a tail that joins late misses \
        nothing and counts nothing twice. On a terminal the table and scatter plot redraw in place.

        Examples:
          frontier tail                                   # the most recent sweep
          frontier tail adult-tradeoff-3f9a1c --until-done
          frontier tail adult-tradeoff-3f9a1c --json | jq .sequence
          frontier tail --coordinator tcp://head:5555 --publish tcp://head:5556 --curve-server-key head.pub
        """)

    @Argument(help: "Sweep id (default: the most recent sweep).")
    var sweep: String?

    @OptionGroup var options: CoordinatorOptions

    @Option(help: "The coordinator's PUB endpoint.")
    var publish = "tcp://127.0.0.1:5556"

    @Flag(help: "Exit when the sweep is done.")
    var untilDone = false

    @Flag(help: "Write one JSON object a line (the snapshot, then each applied update) instead of the view.")
    var json = false

    func run() throws {
        // Resolved once: the requests and the subscriber use the same keys, and an ephemeral key is announced once.
        let curve = try options.curve.credentials()
        try options.withClient(curve: curve) { client in try follow(client, curve: curve) }
    }

    /// Subscribes, then keeps a `FrontView` current from updates, asking `client` for a
    /// snapshot at the start, after a gap and when the updates fall quiet.
    private func follow(_ client: ClusterClient, curve: CurveClientCredentials?) throws {
        let sweepID = try sweep ?? latestSweep(client)
        let context = try ZMQContext()
        let subscriber = try context.socket(.sub)
        defer { subscriber.close(); context.shutdown() }
        // The PUB socket is a CURVE server too when the coordinator runs CURVE (same keys, same allowlist).
        try subscriber.secure(with: curve)
        try subscriber.connect(publish)
        try subscriber.subscribe(FrontTopic.for(sweepID: sweepID))
        let codec = EnvelopeCodec()
        var view = FrontView(sweepID: sweepID, snapshot: try client.front(sweepID: sweepID))
        emit(view, change: nil)
        var lastHeard = ContinuousClock.now
        while !(untilDone && view.done) {
            if try !ZMQPoller([subscriber]).poll(timeout: .milliseconds(500)).isEmpty {
                while let frames = try subscriber.tryReceive() {
                    guard let (_, update) = try? codec.decode(publication: frames) else { continue }
                    lastHeard = .now
                    switch view.apply(update) {
                    case .applied: emit(view, change: update)
                    case .stale: break
                    case .gap:
                        // An update was missed (slow joiner, dropped message): start again from a snapshot.
                        view = FrontView(sweepID: sweepID, snapshot: try client.front(sweepID: sweepID))
                        emit(view, change: nil)
                    }
                }
            } else if ContinuousClock.now - lastHeard > .seconds(5) {
                // Quiet for a while: refresh from a snapshot in case the final update was missed.
                lastHeard = .now
                let fresh = FrontView(sweepID: sweepID, snapshot: try client.front(sweepID: sweepID))
                if fresh.sequence != view.sequence || fresh.done != view.done {
                    view = fresh
                    emit(view, change: nil)
                }
            }
        }
    }

    private func latestSweep(_ client: ClusterClient) throws -> String {
        let status = try client.status(sweepID: nil)
        guard let last = status.sweeps.last(where: { $0.state == .running }) ?? status.sweeps.last else {
            throw ValidationError("the coordinator has no sweeps yet; submit one with `frontier sweep submit FILE`")
        }
        return last.sweepID
    }

    private func emit(_ view: FrontView, change: FrontUpdate?) {
        if json {
            let line = (try? change?.jsonString()) ?? (try? view.snapshotMessage().jsonString()) ?? "{}"
            print(line)
            fflush(nil)
            return
        }
        let interactive = isatty(STDOUT_FILENO) != 0
        let text = view.render(width: 110)
        if interactive {
            print("\u{1B}[H\u{1B}[2J" + text)
        } else if change == nil || view.done {
            print(text + "\n")
        } else {
            print("sequence \(view.sequence): \(change!.rows.count) row(s) changed, hypervolume \(String(format: "%.6g", view.hypervolume))")
        }
        fflush(nil)
    }
}

/// The tail's replica of one sweep's front: FrontierPareto's `FrontReplica` (snapshot,
/// then updates applied in order) fed from the wire messages, plus the done flag.
struct FrontView {
    enum Outcome { case applied, stale, gap }

    let sweepID: String
    private var replica: FrontReplica
    private(set) var hypervolume: Double
    private(set) var done: Bool
    let objectives: [Objective]
    /// Sweeps run on one dataset; updates do not carry the reference point, so the snapshot's stands.
    let referencePoint: [String: Double]

    init(sweepID: String, snapshot: FrontierProtocol.FrontSnapshot) {
        self.sweepID = sweepID
        let rows = snapshot.rows.map(\.paretoRow)
        let dataset = rows.first?.dataset
        objectives = FrontMessages.objectives(of: snapshot)
        referencePoint = snapshot.referencePoint
        replica = FrontReplica(snapshot: FrontierPareto.FrontSnapshot(
            sequence: snapshot.sequence, objectives: objectives, rows: rows,
            referencePoints: dataset.map { [$0: snapshot.referencePoint] } ?? [:],
            hypervolumes: dataset.map { [$0: snapshot.hypervolume] } ?? [:]))
        hypervolume = snapshot.hypervolume
        done = snapshot.done
    }

    var sequence: UInt64 { replica.sequence }

    /// Applies an update newer than the replica, in order; a done marker carries no rows.
    mutating func apply(_ update: FrontUpdate) -> Outcome {
        if update.done && update.rows.isEmpty && update.sequence <= sequence {
            done = true
            return .applied
        }
        let rows = update.rows.map(\.paretoRow)
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
        FrontMessages.snapshot(sweepID: sweepID, snapshot: replica.snapshot(), done: done)
    }

    func render(width: Int) -> String {
        let paretoRows = rows
        let names = objectives.map(\.name)
        var out = "sweep \(sweepID)  sequence \(sequence)  \(paretoRows.count) points  hypervolume "
            + String(format: "%.6g", hypervolume) + (done ? "  (done)" : "  (running)") + "\n\n"
        out += FrontTable.render(paretoRows, objectives: names, width: width)
        if names.count >= 2, !paretoRows.isEmpty {
            out += "\n\n" + FrontScatter.render(paretoRows, x: names[names.count - 1], y: names[0], width: 60, height: 14)
        }
        return out
    }
}
