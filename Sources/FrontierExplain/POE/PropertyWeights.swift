import FrontierSolvers

/// One number per property of Table 2, keyed by the property metrics' names (`f_grad`,
/// `f_func`, `r_avg`, `r_max`, `smoothness`, `complexity_l1`): a mix's lambdas
/// (`PropertyWeights`) or an explanation's losses (`PropertyLossValues`). A swept lambda and
/// the objective it trades are written the same way.
public struct PropertyValues: Codable, Equatable, Sendable {
    public var fGrad: Double = 0
    public var fFunc: Double = 0
    public var rAvg: Double = 0
    public var rMax: Double = 0
    public var smoothness: Double = 0
    public var complexity: Double = 0

    public init(fGrad: Double = 0, fFunc: Double = 0, rAvg: Double = 0, rMax: Double = 0,
                smoothness: Double = 0, complexity: Double = 0) {
        self.fGrad = fGrad
        self.fFunc = fFunc
        self.rAvg = rAvg
        self.rMax = rMax
        self.smoothness = smoothness
        self.complexity = complexity
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case fGrad = "f_grad", fFunc = "f_func", rAvg = "r_avg", rMax = "r_max", smoothness, complexity = "complexity_l1"
    }

    /// Every value with its metric name, in the order of `CodingKeys`.
    public var named: [(key: String, value: Double)] {
        [("f_grad", fGrad), ("f_func", fFunc), ("r_avg", rAvg), ("r_max", rMax), ("smoothness", smoothness), ("complexity_l1", complexity)]
    }

    /// The value a metric name names, or nil.
    public subscript(metric: String) -> Double? {
        named.first { $0.key == metric }?.value
    }
}

/// The lambdas of a POE property mix: how much each of Table 2's transductive losses
/// weighs in `sum_i lambda_i L_i`. Any non-negative values (on the simplex or not); at
/// least one must be positive.
public typealias PropertyWeights = PropertyValues

/// The values of Table 2's transductive losses for one explanation matrix.
public typealias PropertyLossValues = PropertyValues

extension PropertyValues {
    /// Checks that every lambda is finite and non-negative and one is positive; errors name `plugin.key`.
    public func validate(for plugin: String) throws(ExplainError) {
        for (key, value) in named where !(value >= 0 && value.isFinite) {
            throw ExplainError(plugin: plugin, field: key, "must be a finite non-negative weight (got \(value))")
        }
        guard named.contains(where: { $0.value > 0 }) else {
            throw ExplainError(plugin: plugin, field: "f_grad", "at least one property weight must be positive")
        }
    }

    /// The mix has only quadratic terms (no maximum, no L1 norm).
    public var isQuadratic: Bool { rMax == 0 && complexity == 0 }

    /// `sum_i lambda_i L_i` for these lambdas and `losses`.
    public func total(_ losses: PropertyLossValues) -> Double {
        zip(named, losses.named).reduce(0) { $0 + $1.0.value * $1.1.value }
    }
}
