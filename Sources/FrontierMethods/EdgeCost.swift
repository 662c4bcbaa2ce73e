import Foundation
import FrontierML
import FrontierSupport

/// What a trained black box f costs to deploy, measured on the machine that trained it:
/// the numbers an engineer putting a model on an edge device checks first.
public struct EdgeCost: Codable, Equatable, Sendable {
    /// f's trainable scalars.
    public var parameters: Int
    /// f's parameters as float32, the engine's format: `4 · parameters` bytes.
    public var modelBytes: Int
    /// Median and 99th percentile (nearest rank) of one single-row prediction of f (its
    /// forward pass and output link), in milliseconds; nil when not measured.
    public var latencyP50Ms: Double?
    public var latencyP99Ms: Double?
    /// Timed single-row predictions behind the percentiles (after the untimed warm-up).
    public var latencyPasses: Int
    /// OpenBLAS threads during the timing.
    public var blasThreads: Int
    /// The process's peak resident set while the method trained, in MiB (see `peakMemoryScope`).
    public var peakMemoryMb: Double?
    /// `training`: the kernel's high-water mark was reset when training started, so the
    /// peak is training's own (it still includes what the process held then: the runtime
    /// and the dataset). `process`: the reset was refused, and the peak is the process's
    /// since it began.
    public var peakMemoryScope: String?
    /// How far the resident set rose above its level at the start of training, in MiB: the
    /// memory training itself added, a lower bound (memory freed before and reused is not counted).
    public var trainingMemoryDeltaMb: Double?

    /// The cost as front objectives, all lower-is-better: `parameters`, `model_bytes`,
    /// `latency_p50_ms`, `latency_p99_ms` and `peak_memory_mb` (those measured).
    public var objectives: [String: Double] {
        var o = ["parameters": Double(parameters), "model_bytes": Double(modelBytes)]
        o["latency_p50_ms"] = latencyP50Ms
        o["latency_p99_ms"] = latencyP99Ms
        o["peak_memory_mb"] = peakMemoryMb
        return o
    }

    /// The names `objectives` can hold.
    public static let objectiveNames: Set<String> = ["parameters", "model_bytes", "latency_p50_ms", "latency_p99_ms",
                                                     "peak_memory_mb"]
}

/// Watches the process's resident memory across a training run.
public struct TrainingMemoryProbe: Sendable {
    private let startResident: Int?
    private let scope: String?

    /// Resets the high-water mark (when the kernel allows) and notes the resident set.
    public init() {
        let reset = ProcessMemory.resetPeak()
        let now = ProcessMemory.read()
        startResident = now?.current
        scope = now == nil ? nil : reset ? "training" : "process"
    }

    /// The peak since `init`, and the rise above the start, in MiB.
    public func finish() -> (peakMB: Double?, deltaMB: Double?, scope: String?) {
        guard let now = ProcessMemory.read(), let startResident else { return (nil, nil, nil) }
        let mebibyte = 1024.0 * 1024.0
        return (Double(now.peak) / mebibyte, Double(max(0, now.peak - startResident)) / mebibyte, scope)
    }
}

extension ExplainedModel {
    /// f's edge cost: its size, and the latency of `passes` single-row predictions on rows of
    /// `rows` (cycling through at most 64 of them), timed one by one after `warmup` untimed
    /// ones; `memory` is the probe's reading of the training run.
    public func edgeCost(rows: Matrix, passes: Int, warmup: Int,
                         memory: (peakMB: Double?, deltaMB: Double?, scope: String?)) -> EdgeCost {
        let count = f.architecture.parameterCount
        var cost = EdgeCost(parameters: count, modelBytes: count * MemoryLayout<Float>.size, latencyPasses: 0,
                            blasThreads: BLAS.threadCount, peakMemoryMb: memory.peakMB, peakMemoryScope: memory.scope,
                            trainingMemoryDeltaMb: memory.deltaMB)
        guard passes > 0, rows.rows > 0 else { return cost }
        let inputs = (0..<min(rows.rows, 64)).map { rows.rows(($0)..<($0 + 1)) }
        // The forward pass calls OpenBLAS, which the compiler cannot drop, so unused results still run.
        for i in 0..<warmup { _ = blackBoxOutputs(inputs[i % inputs.count]) }
        var milliseconds = [Double]()
        milliseconds.reserveCapacity(passes)
        for i in 0..<passes {
            let start = ContinuousClock.now
            _ = blackBoxOutputs(inputs[i % inputs.count])
            milliseconds.append((ContinuousClock.now - start).seconds * 1000)
        }
        milliseconds.sort()
        cost.latencyP50Ms = nearestRank(milliseconds, 0.5)
        cost.latencyP99Ms = nearestRank(milliseconds, 0.99)
        cost.latencyPasses = passes
        return cost
    }
}
