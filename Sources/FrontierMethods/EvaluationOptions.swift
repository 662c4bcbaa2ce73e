import FrontierSettings

/// How a trained run is evaluated on the test split beyond its predictive scores
/// and GF: neighbourhood fidelity (GNF) of g and of LIME on a sample of test points.
public struct EvaluationOptions: SettingsReadable, Codable, Equatable, Sendable {
    /// Test points on which GNF is measured; 0 skips GNF (LIME is the costly part).
    public var neighbourhoodPoints: Int
    public var neighbourhood: NeighbourhoodFidelity
    public var lime: TabularLIME

    public init(neighbourhoodPoints: Int = 0, neighbourhood: NeighbourhoodFidelity = NeighbourhoodFidelity(),
                lime: TabularLIME = TabularLIME()) {
        self.neighbourhoodPoints = neighbourhoodPoints
        self.neighbourhood = neighbourhood
        self.lime = lime
    }

    /// Reads `gnf_points` (default 0) and `lime_samples` (default 1000, the `lime` package's).
    public init(_ reader: inout SettingsReader) throws(SettingsError) {
        let d = EvaluationOptions()
        self.init(neighbourhoodPoints: try reader.int("gnf_points", default: d.neighbourhoodPoints, in: 0...1_000_000),
                  lime: TabularLIME(samples: try reader.int("lime_samples", default: d.lime.samples, in: 2...1_000_000)))
    }
}

extension EvaluationOptions {
    /// The options as the settings tree they are read from.
    public var tree: SettingValue {
        .map(["gnf_points": .number(Double(neighbourhoodPoints)), "lime_samples": .number(Double(lime.samples))])
    }
}
