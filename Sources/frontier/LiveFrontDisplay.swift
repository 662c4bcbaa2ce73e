import Foundation
import FrontierPareto
import FrontierSweep

/// The live view of a local sweep: on a terminal, the front redrawn in place (at most
/// twice a second) under a line with done/total, running, failed and an ETA; elsewhere,
/// one line per finished run on standard error.
final class LiveFrontDisplay: @unchecked Sendable {
    private let title: String
    private let objectives: [String]
    private let quiet: Bool
    private let terminal = isatty(STDOUT_FILENO) == 1
    private var total = 0
    private var finishedRuns = 0
    private var lastDraw = ContinuousClock.now - .seconds(10)
    private var drawnLines = 0

    init(title: String, objectives: [String], quiet: Bool) {
        self.title = title
        self.objectives = objectives
        self.quiet = quiet
    }

    func start(total: Int) {
        self.total = total
        guard !quiet else { return }
        FileHandle.standardError.write(Data("sweep \(title): \(total) tasks\n".utf8))
    }

    /// A run finished (called under the sweep's lock, one at a time).
    func finished(_ record: RunRecord) {
        finishedRuns += 1
        guard !quiet, !terminal else { return }
        let parameters = record.parameters.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let objectives = record.objectives.sorted { $0.key < $1.key }.map { String(format: "%@ %.4g", $0.key, $0.value) }
        FileHandle.standardError.write(Data(("[\(finishedRuns)/\(total)] \(record.jobKind)\(parameters) shard \(record.shardID) "
            + "seed \(record.seed): " + objectives.joined(separator: ", ") + "\n").utf8))
    }

    /// The front changed.
    func update(_ front: FrontAggregator, _ progress: LocalSweep.Progress) {
        guard !quiet, terminal, ContinuousClock.now - lastDraw > .milliseconds(500) || progress.done == progress.total else { return }
        lastDraw = ContinuousClock.now
        let rows = front.snapshot().rows
        var text = status(progress) + "\n" + FrontTable.render(rows, objectives: objectives, width: 110)
        if objectives.count >= 2 {
            text += "\n" + FrontScatter.render(rows, x: objectives[objectives.count - 1], y: objectives[0], width: 60, height: 12)
        }
        // Move up over the last drawing and clear to the end of the screen, then draw.
        let up = drawnLines > 0 ? "\u{1B}[\(drawnLines)F\u{1B}[J" : ""
        FileHandle.standardOutput.write(Data((up + text + "\n").utf8))
        drawnLines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    }

    func finish() {
        if terminal && drawnLines > 0 && !quiet {
            FileHandle.standardOutput.write(Data("\u{1B}[\(drawnLines)F\u{1B}[J".utf8))
        }
    }

    private func status(_ p: LocalSweep.Progress) -> String {
        var line = "\(title): \(p.done)/\(p.total) done, \(p.running) running, \(p.failed) failed, "
            + String(format: "%.0f s", p.elapsedSeconds)
        if p.done > 0 && p.done < p.total {
            line += String(format: ", ETA %.0f s", p.elapsedSeconds / Double(p.done) * Double(p.total - p.done))
        }
        return line
    }
}
