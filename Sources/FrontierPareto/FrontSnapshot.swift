/// The full state of a sweep's fronts at one sequence number: what a client
/// fetches first, before applying later `FrontChange`s.
public struct FrontSnapshot: Codable, Sendable, Equatable {
    /// Sequence number of the last change included (0 before any result).
    public var sequence: UInt64
    /// The sweep's objectives, in the order fronts and hypervolumes use them.
    public var objectives: [Objective]
    /// Every row, in key order (dataset, label, parameters).
    public var rows: [FrontRow]
    /// Per dataset: the reference point used for its hypervolume, in natural units
    /// (objective name to value).
    public var referencePoints: [String: [String: Double]]
    /// Per dataset: hypervolume of its front against its reference point.
    public var hypervolumes: [String: Double]

    /// A snapshot from its parts.
    public init(sequence: UInt64, objectives: [Objective], rows: [FrontRow],
                referencePoints: [String: [String: Double]], hypervolumes: [String: Double]) {
        self.sequence = sequence
        self.objectives = objectives
        self.rows = rows
        self.referencePoints = referencePoints
        self.hypervolumes = hypervolumes
    }

    /// The rows of one dataset, in key order.
    public func rows(of dataset: String) -> [FrontRow] {
        rows.filter { $0.dataset == dataset }
    }
}
