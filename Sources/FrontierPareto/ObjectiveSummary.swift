/// Mean and sample standard deviation of one objective over the replicates of a
/// row, updated one value at a time (Welford), so the aggregator never keeps
/// the raw values.
public struct ObjectiveSummary: Codable, Sendable, Equatable {
    /// Number of finite values seen.
    public private(set) var count: Int
    /// Mean of the values.
    public private(set) var mean: Double
    /// Sum of squared deviations from the mean (Welford's M2).
    public private(set) var sumOfSquaredDeviations: Double

    /// An empty summary.
    public init() {
        count = 0
        mean = 0
        sumOfSquaredDeviations = 0
    }

    /// A summary of `values` (non-finite ones skipped).
    public init<S: Sequence>(_ values: S) where S.Element == Double {
        self.init()
        for v in values { add(v) }
    }

    /// A summary rebuilt from its published form (a front row received over the
    /// network carries the mean, the standard deviation and the count).
    public init(count: Int, mean: Double, standardDeviation: Double) {
        self.count = count
        self.mean = mean
        self.sumOfSquaredDeviations = count < 2 ? 0 : standardDeviation * standardDeviation * Double(count - 1)
    }

    /// Sample standard deviation (n - 1 in the denominator); 0 with fewer than
    /// two values rather than NaN, so that it renders and encodes as JSON.
    public var standardDeviation: Double {
        count < 2 ? 0 : (sumOfSquaredDeviations / Double(count - 1)).squareRoot()
    }

    /// Adds one value. Non-finite values are skipped (a diverged replicate should
    /// not turn the whole row into NaN); returns whether the value was used.
    @discardableResult
    public mutating func add(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        count += 1
        let delta = value - mean
        mean += delta / Double(count)
        sumOfSquaredDeviations += delta * (value - mean)
        return true
    }

    private enum CodingKeys: String, CodingKey {
        case count, mean, std, m2
    }

    /// Decodes `count`, `mean` and `m2` (`std` is derived and ignored).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        count = try c.decode(Int.self, forKey: .count)
        mean = try c.decode(Double.self, forKey: .mean)
        sumOfSquaredDeviations = try c.decode(Double.self, forKey: .m2)
    }

    /// Encodes `std` alongside the state so exported JSON is readable as is.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(count, forKey: .count)
        try c.encode(mean, forKey: .mean)
        try c.encode(standardDeviation, forKey: .std)
        try c.encode(sumOfSquaredDeviations, forKey: .m2)
    }
}
