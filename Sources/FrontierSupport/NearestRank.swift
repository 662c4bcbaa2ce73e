/// The `q` quantile of ascending `sorted` by nearest rank: the smallest value with at least a
/// fraction `q` of the values at or below it; 0 when there are none. The latencies' p50 and
/// p99 (the edge cost of a trained model, the cluster bench) are read this way.
public func nearestRank(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((q * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}
