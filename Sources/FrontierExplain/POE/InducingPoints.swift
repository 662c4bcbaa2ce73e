import FrontierML
import FrontierSolvers

/// Where the inductive solver's inducing points come from (POE, section 6.2 and appendix G).
public struct InducingSettings: Codable, Equatable, Sendable {
    public enum Placement: String, Codable, CaseIterable, Sendable {
        /// `count` points uniform over the domain, shared by every query (one GP for all).
        case global
        /// `local_count` points uniform in the box of half-width `local_radius` around each
        /// query (clipped to the domain), importance-weighted; one GP per query.
        case local
        /// Both sets together, importance-weighted for the mixture they are drawn from.
        case globalLocal = "global_local"
    }

    public var placement: Placement = .global
    /// Global inducing points.
    public var count = 200
    /// Local inducing points per query.
    public var localCount = 100
    /// Half-width R of the local box, in feature units (appendix G: R about the kernel's length scale).
    public var localRadius = 1.0

    public init(placement: Placement = .global, count: Int = 200, localCount: Int = 100, localRadius: Double = 1) {
        self.placement = placement
        self.count = count
        self.localCount = localCount
        self.localRadius = localRadius
    }

    public func validate(for plugin: String) throws(ExplainError) {
        if placement != .local {
            guard count >= 1 else { throw ExplainError(plugin: plugin, field: "inducing_points", "must be at least 1 (got \(count))") }
        }
        if placement != .global {
            guard localCount >= 1 else { throw ExplainError(plugin: plugin, field: "local_points", "must be at least 1 (got \(localCount))") }
            guard localRadius > 0, localRadius.isFinite else {
                throw ExplainError(plugin: plugin, field: "local_radius", "must be positive (got \(localRadius))")
            }
        }
    }
}

/// The domain Omega the inductive objective integrates over: a box.
public struct Domain: Equatable, Sendable {
    public var low: [Double]
    public var high: [Double]

    public init(low: [Double], high: [Double]) throws(ExplainError) {
        guard low.count == high.count, !low.isEmpty else { throw ExplainError("domain: \(low.count) lower and \(high.count) upper bounds") }
        if let bad = low.indices.first(where: { !(low[$0] < high[$0]) }) {
            throw ExplainError("domain: feature \(bad) has bounds \(low[bad])...\(high[bad]); the box needs positive width")
        }
        self.low = low
        self.high = high
    }

    public var dimensions: Int { low.count }

    public var volume: Double { zip(low, high).reduce(1) { $0 * ($1.1 - $1.0) } }

    /// `count` points uniform in the box.
    func sample(_ count: Int, generator: inout SeededGenerator) -> [[Double]] {
        (0..<count).map { _ in (0..<dimensions).map { low[$0] + (high[$0] - low[$0]) * generator.nextUniform() } }
    }

    /// The box of half-width `radius` around `centre`, clipped to this domain.
    func neighbourhood(of centre: ArraySlice<Double>, radius: Double) -> Domain {
        let c = Array(centre)
        let l = (0..<dimensions).map { max(low[$0], min(c[$0], high[$0]) - radius) }
        let h = (0..<dimensions).map { min(high[$0], max(c[$0], low[$0]) + radius) }
        // A query outside the domain still gets a box of positive width inside it.
        return (try? Domain(low: l, high: zip(l, h).map { max($1, $0 + 1e-9) })) ?? self
    }

    public func contains(_ x: [Double]) -> Bool {
        x.indices.allSatisfy { x[$0] >= low[$0] && x[$0] <= high[$0] }
    }
}

/// A set of inducing points with their importance weights `(1 / |Omega|) / p(x)`, so that
/// `(1/N) sum_n w_n h(x_n)` estimates the mean of h over the domain.
public struct InducingSet {
    var points: [[Double]]
    var weights: [Double]

    /// Global points: weight 1.
    static func global(_ domain: Domain, count: Int, generator: inout SeededGenerator) -> InducingSet {
        InducingSet(points: domain.sample(count, generator: &generator), weights: [Double](repeating: 1, count: count))
    }

    /// `local` points in `box` plus `global` points over the domain, weighted for the mixture
    /// density `(N_g / N) / |Omega| + (N_l / N) 1{x in box} / |box|`.
    static func mixed(_ domain: Domain, box: Domain, global: Int, local: Int, generator: inout SeededGenerator) -> InducingSet {
        let points = domain.sample(global, generator: &generator) + box.sample(local, generator: &generator)
        return InducingSet(points: points, weights: importanceWeights(points, domain: domain, box: box, global: global, local: local))
    }

    /// `(1 / |Omega|) / p(x)` for points drawn `global` over the domain and `local` in the box.
    public static func importanceWeights(_ points: [[Double]], domain: Domain, box: Domain, global: Int, local: Int) -> [Double] {
        let total = Double(global + local)
        return points.map { x -> Double in
            let density = Double(global) / total / domain.volume + (box.contains(x) ? Double(local) / total / box.volume : 0)
            return (1 / domain.volume) / density
        }
    }
}
