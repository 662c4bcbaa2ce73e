import FrontierPareto

/// SplitMix64: a tiny seeded generator so the random tests are reproducible
/// without depending on FrontierML's generator.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

/// A result for `dataset` with error and fidelity objectives.
func result(_ task: String, _ dataset: String = "adult", alpha: Double? = nil,
            error: Double, fidelity: Double, replicate: String = "s0", worker: String = "w1") -> PointResult {
    PointResult(taskID: task, dataset: dataset, label: alpha == nil ? "stl" : "mtl",
                parameters: alpha.map { ["alpha": $0] } ?? [:],
                objectives: ["error_rate": error, "global_fidelity": fidelity],
                replicate: replicate, worker: worker)
}

let sweepObjectives = [Objective(name: "global_fidelity"), Objective(name: "error_rate")]
