import FrontierSettings

/// How a trained run is evaluated on the test split beyond its predictive scores
/// and GF: neighbourhood fidelity (GNF) of g and of LIME on a sample of test points.
public struct EvaluationOptions: SettingsReadable, Codable, Equatable, Sendable {
    /// Test points on which GNF is measured; 0 skips GNF (LIME is the costly part).
    public var neighbourhoodPoints: Int
    public var neighbourhood: NeighbourhoodFidelity
    public var lime: TabularLIME
    /// Timed single-row predictions of f for its edge latency (`EdgeCost`); 0 skips the timing.
    /// 1,000 resolve a p99 by its 10th-slowest pass and take well under a second for the
    /// paper's MLP.
    public var latencyPasses: Int
    /// Untimed single-row predictions first (caches, page faults, OpenBLAS's first call).
    public var latencyWarmup: Int

    public init(neighbourhoodPoints: Int = 0, neighbourhood: NeighbourhoodFidelity = NeighbourhoodFidelity(),
                lime: TabularLIME = TabularLIME(), latencyPasses: Int = 1000, latencyWarmup: Int = 100) {
        self.neighbourhoodPoints = neighbourhoodPoints
        self.neighbourhood = neighbourhood
        self.lime = lime
        self.latencyPasses = latencyPasses
        self.latencyWarmup = latencyWarmup
    }

    /// Reads `gnf_points` (default 0), `lime_samples` (default 1000, the `lime` package's),
    /// `latency_passes` (default 1000) and `latency_warmup` (default 100).
    public init(_ reader: inout SettingsReader) throws(SettingsError) {
        let d = EvaluationOptions()
        self.init(neighbourhoodPoints: try reader.int("gnf_points", default: d.neighbourhoodPoints, in: 0...1_000_000),
                  lime: TabularLIME(samples: try reader.int("lime_samples", default: d.lime.samples, in: 2...1_000_000)),
                  latencyPasses: try reader.int("latency_passes", default: d.latencyPasses, in: 0...10_000_000),
                  latencyWarmup: try reader.int("latency_warmup", default: d.latencyWarmup, in: 0...10_000_000))
    }
}

extension EvaluationOptions {
    /// The options as the settings tree they are read from.
    public var tree: SettingValue {
        .map(["gnf_points": .number(Double(neighbourhoodPoints)), "lime_samples": .number(Double(lime.samples)),
              "latency_passes": .number(Double(latencyPasses)), "latency_warmup": .number(Double(latencyWarmup))])
    }
}
