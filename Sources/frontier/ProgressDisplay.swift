import Foundation
import FrontierML

/// Epoch progress on standard error: a bar redrawn in place on a terminal,
/// one plain line per epoch otherwise (logs, CI), nothing when quiet.
struct ProgressDisplay {
    enum Style { case bar, lines, quiet }
    let style: Style
    let label: String

    init(label: String, quiet: Bool) {
        self.label = label
        if quiet { style = .quiet } else { style = isatty(STDERR_FILENO) == 1 ? .bar : .lines }
    }

    func epoch(_ r: EpochReport) {
        step(r.epoch, of: r.maxEpochs, String(format: "loss %.4f  val %.4f  lr %.0e  %.2fs", r.trainingLoss, r.validationLoss,
                                              r.learningRate, r.seconds), improved: r.improved)
    }

    /// One epoch of any training (`stats` says how it went).
    func step(_ epoch: Int, of maxEpochs: Int, _ stats: String, improved: Bool) {
        switch style {
        case .quiet: return
        case .lines:
            FileHandle.standardError.write("\(label) epoch \(epoch)/\(maxEpochs)  \(stats)\(improved ? "  *" : "")\n")
        case .bar:
            let width = 24
            let filled = min(width, Int((Double(epoch) / Double(maxEpochs) * Double(width)).rounded()))
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            FileHandle.standardError.write("\r\u{1B}[2K\(label) [\(bar)] \(epoch)/\(maxEpochs)  \(stats)")
        }
    }

    /// Ends the in-place bar with a summary line.
    func finish(_ summary: String) {
        switch style {
        case .quiet: return
        case .bar: FileHandle.standardError.write("\r\u{1B}[2K\(label) \(summary)\n")
        case .lines: FileHandle.standardError.write("\(label) \(summary)\n")
        }
    }
}

extension FileHandle {
    func write(_ string: String) { write(Data(string.utf8)) }
}
