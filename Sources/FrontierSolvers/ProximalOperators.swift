/// Proximal operators `prox_{t h}(v) = argmin_x h(x) + |x - v|^2 / (2 t)` of the
/// non-smooth terms the solvers meet.
public enum ProximalOperators {
    /// Of `t |x|_1`: soft thresholding, `sign(v) max(|v| - t, 0)`.
    public static func softThreshold(_ v: [Double], _ t: Double) -> [Double] {
        v.map { $0 > t ? $0 - t : ($0 < -t ? $0 + t : 0) }
    }

    /// Of `tau max_k s_k |d_k|^2` over a block of K vectors `d_k` of `width` entries each,
    /// laid end to end in `v`, with non-negative weights `s_k` (a zero weight leaves its
    /// vector free).
    ///
    /// With `c_k = sqrt(s_k) |v_k|`, the solution shrinks every vector whose `c_k` exceeds
    /// a level r to `c_k = r` and leaves the rest: `d_k = v_k min(1, r / c_k)`, where r
    /// solves `2 tau r = sum_{c_k > r} (c_k - r) / s_k` (the optimality condition of the
    /// epigraph variable `t = r^2`); r is found exactly by sorting, as in a projection onto
    /// the simplex. Then `max_k s_k |d_k|^2 = r^2`.
    public static func maxSquaredNorm(_ v: [Double], width: Int, weights s: [Double], tau: Double) -> (d: [Double], level: Double) {
        let k = s.count
        precondition(v.count == k * width, "max-squared-norm prox: \(v.count) entries for \(k) vectors of \(width)")
        var c = [Double](repeating: 0, count: k)
        for i in 0..<k where s[i] > 0 {
            var sq = 0.0
            for j in 0..<width { sq += v[i * width + j] * v[i * width + j] }
            c[i] = (s[i] * sq).squareRoot()
        }
        guard tau > 0 else { return (v, c.max() ?? 0) }
        let order = (0..<k).filter { s[$0] > 0 && c[$0] > 0 }.sorted { c[$0] > c[$1] }
        guard !order.isEmpty else { return (v, 0) }
        var numerator = 0.0, denominator = 2 * tau
        var level = 0.0
        for (m, i) in order.enumerated() {
            numerator += c[i] / s[i]
            denominator += 1 / s[i]
            let r = numerator / denominator
            let next = m + 1 < order.count ? c[order[m + 1]] : 0
            if r >= next {
                level = r
                break
            }
        }
        var d = v
        for i in 0..<k where s[i] > 0 && c[i] > level {
            let shrink = level / c[i]
            for j in 0..<width { d[i * width + j] *= shrink }
        }
        return (d, level)
    }
}
