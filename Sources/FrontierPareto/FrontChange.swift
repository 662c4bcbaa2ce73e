/// What one effective `FrontAggregator.add(_:)` changed, numbered so a client
/// holding a snapshot can apply changes in order and notice a missing one (the
/// client side of the ZeroMQ "Clone" pattern).
public struct FrontChange: Codable, Sendable, Equatable {
    /// The aggregator's sequence number after this change: one more than the previous change's.
    public var sequence: UInt64
    /// The dataset whose rows changed; a result only ever affects its own dataset.
    public var dataset: String
    /// The row the result was averaged into, plus every row of the dataset whose
    /// `onFront` flag flipped, in key order, each in its new state.
    public var rows: [FrontRow]
    /// The reference point now used for the dataset (it moves when derived).
    public var referencePoint: [String: Double]
    /// The dataset's hypervolume after the change.
    public var hypervolume: Double

    /// A change from its parts.
    public init(sequence: UInt64, dataset: String, rows: [FrontRow],
                referencePoint: [String: Double], hypervolume: Double) {
        self.sequence = sequence
        self.dataset = dataset
        self.rows = rows
        self.referencePoint = referencePoint
        self.hypervolume = hypervolume
    }
}
