import Foundation
import FrontierML
import FrontierSettings

/// Frontier's release, written into every result for provenance.
public enum FrontierVersion {
    public static let current = "0.1.0"
}

/// Where a run lands on the accuracy-versus-explainability plane: the swept
/// parameters and the objectives, all to be minimised.
public struct TradeOffPoint: Codable, Equatable, Sendable {
    /// Swept parameters, e.g. `["alpha": 0.3]`; empty for STL and the linear baseline.
    public var parameters: [String: Double]
    /// Objectives to minimise, e.g. `error_rate` or `mse`, and `global_fidelity`.
    public var objectives: [String: Double]

    public init(parameters: [String: Double], objectives: [String: Double]) {
        self.parameters = parameters
        self.objectives = objectives
    }

    /// The point of a run: its parameters (joint's alpha) with prediction error
    /// (1 − accuracy, or MSE), global fidelity and, when given, f's edge cost
    /// (`EdgeCost.objectives`) as objectives.
    public static func of(parameters: [String: Double], evaluation: RunEvaluation,
                          edgeCost: EdgeCost? = nil) -> TradeOffPoint {
        var objectives = (edgeCost?.objectives ?? [:]).merging(["global_fidelity": evaluation.globalFidelity]) { $1 }
        if let accuracy = evaluation.blackBox.accuracy { objectives["error_rate"] = 1 - accuracy }
        if let mse = evaluation.blackBox.mse { objectives["mse"] = mse }
        return TradeOffPoint(parameters: parameters, objectives: objectives)
    }
}

/// The full, machine-readable record of one local training run.
public struct RunReport: Codable, Sendable {
    public struct Timings: Codable, Sendable {
        public var trainingSeconds: Double
        public var evaluationSeconds: Double
        public var epochs: Int
        public var bestEpoch: Int
        /// Median wall time of one epoch (none for a closed-form fit).
        public var medianEpochSeconds: Double?
    }

    public struct Provenance: Codable, Sendable {
        public var frontierVersion: String
        public var dataset: String
        public var task: String
        public var trainRows: Int
        public var testRows: Int
        public var features: Int
        /// The dataset recipe or generator, as its own description.
        public var recipe: String
        /// The training method's name (`joint`).
        public var method: String
        public var seed: UInt64
        /// The method's settings with every default filled in.
        public var settings: SettingValue
        public var evaluation: EvaluationOptions
        public var blasThreads: Int
        public var processors: Int
        public var startedAt: Date
    }

    public var point: TradeOffPoint
    public var metrics: RunEvaluation
    /// g's coefficients (the global explanation), one entry per output.
    public var explanation: [GlobalExplanation]
    public var timings: Timings
    public var provenance: Provenance
    public var history: [EpochReport]
    /// What deploying f costs, measured where it was trained (absent in reports from before it was measured).
    public var edgeCost: EdgeCost?
    /// Method-specific numbers about the fit (`FittedMethod.diagnostics`), if the method gives any.
    public var diagnostics: [String: Double]?
    /// The model file the run was saved as, when it was (`train --save-model`, sweeps' `save_models`).
    public var model: SavedModelNote?

    /// Where a run's model file is: its id, its checksum (SHA-256 of its `model.json`) and
    /// its directory on the machine that holds it (a worker's own disk).
    public struct SavedModelNote: Codable, Equatable, Sendable {
        public var id: String
        public var checksum: String
        public var directory: String

        public init(id: String, checksum: String, directory: String) {
            self.id = id
            self.checksum = checksum
            self.directory = directory
        }
    }

    public init(point: TradeOffPoint, metrics: RunEvaluation, explanation: [GlobalExplanation], timings: Timings,
                provenance: Provenance, history: [EpochReport]) {
        self.point = point
        self.metrics = metrics
        self.explanation = explanation
        self.timings = timings
        self.provenance = provenance
        self.history = history
    }

    /// Reads back what `json()` writes.
    public static func decode(json: Data) throws -> RunReport {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(RunReport.self, from: json)
    }

    /// Reads a report from the tree of its JSON (a run record's `report`).
    public static func decode(tree: SettingValue) throws -> RunReport {
        try decode(json: tree.canonicalJSON)
    }

    /// Pretty, key-sorted JSON with snake_case keys and ISO-8601 dates.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }
}

/// The median of a non-empty list (the mean of the middle two for even counts).
public func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
