import FrontierML
import FrontierSolvers

/// POE's transductive property losses (Table 2d-i) on an `N x D` explanation matrix W in
/// double precision, exactly as the table writes them: sums over the explained rows (and
/// over ordered pairs of rows or features). One home for every formula: the property
/// metrics and POE's solvers both call these.
public enum PropertyLosses {
    /// F-grad (2d): `sum_n |w_n - grad f(x_n)|^2`.
    public static func gradientFaithfulness(_ w: DenseMatrix, gradients: DenseMatrix) -> Double {
        let gap = w - gradients
        return gap.dot(gap)
    }

    /// F-func (2e): `sum_n (w_n . x_n - f(x_n))^2`.
    public static func functionFaithfulness(_ w: DenseMatrix, rows x: DenseMatrix, outputs y: [Double]) -> Double {
        var total = 0.0
        let d = w.cols
        for n in 0..<w.rows {
            var prediction = 0.0
            for j in 0..<d { prediction += w.values[n * d + j] * x.values[n * d + j] }
            total += (prediction - y[n]) * (prediction - y[n])
        }
        return total
    }

    /// R-avg (2f): `sum_{n, n'} S_nn' |w_n - w_n'|^2` over ordered pairs.
    public static func averageRobustness(_ w: DenseMatrix, similarity s: DenseMatrix) -> Double {
        let n = w.rows
        var total = 0.0
        for a in 0..<n {
            for b in (a + 1)..<n {
                let weight = s.values[a * n + b] + s.values[b * n + a]
                if weight != 0 { total += weight * squaredDistance(w, a, b) }
            }
        }
        return total
    }

    /// R-avg with uniform similarity in O(N D): `2 N sum_n |w_n - mean|^2`.
    public static func averageRobustnessUniform(_ w: DenseMatrix) -> Double {
        let n = w.rows, d = w.cols
        guard n > 0 else { return 0 }
        var total = 0.0
        for j in 0..<d {
            var mean = 0.0
            for i in 0..<n { mean += w.values[i * d + j] }
            mean /= Double(n)
            for i in 0..<n { total += (w.values[i * d + j] - mean) * (w.values[i * d + j] - mean) }
        }
        return 2 * Double(n) * total
    }

    /// R-max (2g): `sum_n max_{n'} S_nn' |w_n - w_n'|^2`; uniform S (nil) is the table's form.
    public static func maximumRobustness(_ w: DenseMatrix, similarity s: DenseMatrix?) -> Double {
        let n = w.rows
        var total = 0.0
        for a in 0..<n {
            var largest = 0.0
            for b in 0..<n where b != a {
                largest = max(largest, (s?.values[a * n + b] ?? 1) * squaredDistance(w, a, b))
            }
            total += largest
        }
        return total
    }

    /// Smoothness (2h): `sum_n sum_{d, d'} S~_dd' (w_nd - w_nd')^2` over ordered feature pairs.
    public static func smoothness(_ w: DenseMatrix, featureSimilarity s: DenseMatrix) -> Double {
        let d = w.cols
        var total = 0.0
        for r in 0..<w.rows {
            for a in 0..<d {
                for b in 0..<d where s.values[a * d + b] != 0 {
                    let gap = w.values[r * d + a] - w.values[r * d + b]
                    total += s.values[a * d + b] * gap * gap
                }
            }
        }
        return total
    }

    /// Complexity (2i): `sum_n |w_n|_1`.
    public static func complexity(_ w: DenseMatrix) -> Double {
        w.values.reduce(0) { $0 + abs($1) }
    }

    @inline(__always) static func squaredDistance(_ w: DenseMatrix, _ a: Int, _ b: Int) -> Double {
        let d = w.cols
        var s = 0.0
        for j in 0..<d { let t = w.values[a * d + j] - w.values[b * d + j]; s += t * t }
        return s
    }
}
