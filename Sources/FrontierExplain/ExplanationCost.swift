import Foundation
import FrontierSupport

/// What one explainer run cost: its model's usage, its wall time and the process's memory.
public struct ExplanationCost: Codable, Equatable, Sendable {
    /// Rows explained.
    public var rows: Int
    /// Model and gradient evaluations (rows), calls and time inside the model.
    public var usage: ModelUsage
    /// Wall time of the whole run, in seconds.
    public var wallSeconds: Double
    /// The process's resident set at the start of the run, in bytes (Linux; nil elsewhere).
    public var residentBytesAtStart: Int?
    /// The process's peak resident set (high-water mark) at the end of the run, in bytes.
    public var peakResidentBytes: Int?

    public init(rows: Int, usage: ModelUsage, wallSeconds: Double, residentBytesAtStart: Int? = nil,
                peakResidentBytes: Int? = nil) {
        self.rows = rows
        self.usage = usage
        self.wallSeconds = wallSeconds
        self.residentBytesAtStart = residentBytesAtStart
        self.peakResidentBytes = peakResidentBytes
    }

    /// Milliseconds of wall time per explained row.
    public var millisecondsPerRow: Double { rows > 0 ? wallSeconds * 1000 / Double(rows) : 0 }

    /// Memory the run added on top of what the process held when it started: the peak
    /// minus the resident set at the start. An upper bound when the process had peaked
    /// higher before the run started (the high-water mark cannot be reset from inside).
    public var explanationBytes: Int? {
        guard let peak = peakResidentBytes, let start = residentBytesAtStart else { return nil }
        return max(0, peak - start)
    }

    enum CodingKeys: String, CodingKey {
        case rows, usage, wallSeconds = "wall_seconds", residentBytesAtStart = "resident_bytes_at_start"
        case peakResidentBytes = "peak_resident_bytes"
    }
}

/// Elapsed wall time since creation.
struct Stopwatch {
    private let start = ContinuousClock.now

    var seconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
