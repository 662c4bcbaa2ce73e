/// Whether smaller or larger values of an objective are better.
public enum ObjectiveDirection: String, Codable, Sendable, Hashable, CaseIterable {
    /// Smaller is better (error rate, fidelity loss, MSE).
    case minimize
    /// Larger is better (accuracy, R², F1).
    case maximize

    /// `value` rewritten so that smaller is better: unchanged when minimising,
    /// negated when maximising. Every algorithm in this module works on this form,
    /// so none of them needs to know about directions.
    public func toMinimization(_ value: Double) -> Double {
        self == .minimize ? value : -value
    }

    /// The inverse of `toMinimization(_:)`: a "to minimise" value back in natural units.
    public func fromMinimization(_ value: Double) -> Double {
        self == .minimize ? value : -value
    }
}

/// One objective of a sweep: a metric name as it appears in a result's
/// `objectives` dictionary, and which way is better.
public struct Objective: Codable, Sendable, Hashable {
    /// Metric name, e.g. `error_rate` or `global_fidelity`.
    public var name: String
    /// Which way is better.
    public var direction: ObjectiveDirection

    /// An objective called `name`, minimised unless told otherwise (most Frontier
    /// metrics are losses).
    public init(name: String, direction: ObjectiveDirection = .minimize) {
        self.name = name
        self.direction = direction
    }

    /// `value` in "to minimise" form for this objective.
    public func toMinimization(_ value: Double) -> Double {
        direction.toMinimization(value)
    }

    /// Points given per objective rewritten in "to minimise" form: `points[i][j]`
    /// is the value of objective `j` for point `i`. `directions` has one entry per
    /// objective (column).
    public static func toMinimization(_ points: [[Double]], directions: [ObjectiveDirection]) -> [[Double]] {
        points.map { point in
            precondition(point.count == directions.count,
                         "point has \(point.count) values but there are \(directions.count) directions")
            return zip(point, directions).map { $1.toMinimization($0) }
        }
    }
}
