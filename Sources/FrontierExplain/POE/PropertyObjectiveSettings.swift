import FrontierML
import FrontierSolvers

/// The settings every property-optimising explainer shares (POE, AGG, MOFAE): the lambda
/// of each Table 2 loss, the similarity of rows (R-avg, R-max) and of features
/// (smoothness). Written flat among the explainer's own settings:
///
///     f_grad: 1, r_avg: 0.01, similarity: gaussian, length_scale: 3, feature_similarity: uniform
public struct PropertyObjectiveSettings: Codable, Equatable, Sendable {
    /// Default: F-grad 1 with a mild robustness pull (R-avg 0.01).
    public var weights = PropertyWeights(fGrad: 1, rAvg: 0.01)
    /// S for the robustness losses.
    public var robustness = RobustnessSettings()
    /// S~ for smoothness.
    public var featureSimilarity: Smoothness.FeatureSimilarity = .uniform
    public var gridWidth: Int?
    public var featureMatrix: [[Double]]?

    public init() {}

    public init(weights: PropertyWeights, robustness: RobustnessSettings = RobustnessSettings(),
                featureSimilarity: Smoothness.FeatureSimilarity = .uniform, gridWidth: Int? = nil, featureMatrix: [[Double]]? = nil) {
        self.weights = weights
        self.robustness = robustness
        self.featureSimilarity = featureSimilarity
        self.gridWidth = gridWidth
        self.featureMatrix = featureMatrix
    }

    /// The keys this struct reads, for the explainers' `CodingKeys`.
    public static let keys = PropertyWeights.CodingKeys.allCases.map(\.stringValue)
        + RobustnessSettings.CodingKeys.allCases.map(\.stringValue) + OwnKeys.allCases.map(\.stringValue)

    enum OwnKeys: String, CodingKey, CaseIterable {
        case featureSimilarity = "feature_similarity", gridWidth = "grid_width", featureMatrix = "feature_matrix"
    }

    public init(from decoder: Decoder) throws {
        weights = try PropertyWeights(from: decoder)
        robustness = try RobustnessSettings(from: decoder)
        let c = try decoder.container(keyedBy: OwnKeys.self)
        featureSimilarity = try c.decodeIfPresent(Smoothness.FeatureSimilarity.self, forKey: .featureSimilarity) ?? .uniform
        gridWidth = try c.decodeIfPresent(Int.self, forKey: .gridWidth)
        featureMatrix = try c.decodeIfPresent([[Double]].self, forKey: .featureMatrix)
    }

    public func encode(to encoder: Encoder) throws {
        try weights.encode(to: encoder)
        try robustness.encode(to: encoder)
        var c = encoder.container(keyedBy: OwnKeys.self)
        try c.encode(featureSimilarity, forKey: .featureSimilarity)
        try c.encodeIfPresent(gridWidth, forKey: .gridWidth)
        try c.encodeIfPresent(featureMatrix, forKey: .featureMatrix)
    }

    /// The feature similarity as the smoothness metric's settings.
    public var smoothness: Smoothness.Settings {
        Smoothness.Settings(similarity: featureSimilarity, gridWidth: gridWidth, matrix: featureMatrix)
    }

    public func validate(for plugin: String) throws(ExplainError) {
        try weights.validate(for: plugin)
        try robustness.validate(for: plugin)
        do { try smoothness.validate(for: plugin) } catch {
            let field = error.field == "matrix" ? "feature_matrix" : (error.field ?? "feature_similarity")
            throw ExplainError(plugin: plugin, field: field, error.message)
        }
    }

    /// The transductive problem of `rows` with f's `gradients` (and values, when F-func is weighed).
    public func problem(rows: Matrix, gradients: Matrix, outputs: [Double]?) throws(ExplainError) -> TransductiveProblem {
        try TransductiveProblem(rows: DenseMatrix(rows), gradients: DenseMatrix(gradients), outputs: outputs,
                                robustness: robustness, smoothness: smoothness)
    }
}

extension PropertyObjectiveSettings {
    /// The transductive problem of `rows` explaining `explained` on `model`: one gradient per
    /// row, and f's values too when `values` (F-func is weighed or measured).
    public func problem(_ rows: Matrix, explaining explained: [Int], model: inout MeteredModel,
                        values: Bool) throws(ExplainError) -> TransductiveProblem {
        let gradients = model.inputGradients(rows, outputs: explained)
        let outputs = values ? model.explainedOutputs(rows, outputs: explained) : nil
        return try problem(rows: rows, gradients: gradients, outputs: outputs)
    }
}

extension PropertyObjectiveSettings {
    /// Table 2's losses of `attributions` of `rows` under these similarities, with f's values
    /// (so F-func is measured whether or not it is weighed): what a job reports for any
    /// explanation, POE's or another explainer's. Costs N gradients and N outputs.
    public func losses(of attributions: Attributions, rows: Matrix, model: inout MeteredModel) throws(ExplainError) -> PropertyLossValues {
        let problem = try problem(rows, explaining: attributions.outputs, model: &model, values: true)
        return problem.losses(DenseMatrix(attributions.values))
    }
}

extension MeteredModel {
    /// f's value at each row for the output that row explains (F-func's y).
    mutating func explainedOutputs(_ rows: Matrix, outputs: [Int]) -> [Double] {
        let values = self.outputs(rows)
        return outputs.enumerated().map { Double(values[$0.offset, $0.element]) }
    }
}
