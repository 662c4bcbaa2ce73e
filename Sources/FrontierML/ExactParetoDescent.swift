import Foundation

/// Exact Pareto optimal search (EPO: Mahapatra and Rajan, "Multi-Task Learning with User
/// Preferences: Gradient Descent with Controlled Ascent in Pareto Optimization", ICML
/// 2020) for two objectives: each step's direction `d = w g1 + (1 - w) g2` steers the
/// losses `l` towards the preference ray `r1 l1 = r2 l2` and, once there, descends along it
/// to the Pareto front, so training ends at the Pareto point the ray picks.
///
/// The authors solve a small linear programme over the simplex each step; with two
/// objectives the simplex is the segment `w` in `[0, 1]`, every constraint bounds `w` from
/// one side and the optimum is an end of the feasible interval, found here in closed form
/// (same programme, same rules as their `EPO_LP`).
public struct ExactParetoDescent: Sendable {
    /// What a step does.
    public enum Mode: String, Codable, Sendable {
        /// The losses are off the ray: move towards it, raising a loss that is too
        /// small for the preference if that is what it takes ("controlled ascent").
        case balance
        /// The losses are on the ray: descend both (or the one the other does not oppose).
        case descent
    }

    /// The preference `r`: positive weights, larger meaning "this loss should end smaller".
    public let preference: (Double, Double)
    /// Non-uniformity below which the losses count as on the ray (the authors' 1e-4).
    public let threshold: Double

    public init(preference r1: Double, _ r2: Double, threshold: Double = 1e-4) {
        precondition(r1 > 0 && r2 > 0 && r1.isFinite && r2.isFinite, "EPO: preferences must be positive")
        preference = (r1, r2)
        self.threshold = threshold
    }

    /// The relative losses `r_j l_j / sum_k r_k l_k`, each loss floored at a tiny positive
    /// value (the rule takes logarithms; a loss at or below its ideal counts as almost zero).
    func relativeLosses(_ l1: Double, _ l2: Double) -> (Double, Double) {
        let floor = 1e-12 * max(abs(l1), abs(l2), 1e-300)
        let a = preference.0 * max(l1, floor), b = preference.1 * max(l2, floor)
        return (a / (a + b), b / (a + b))
    }

    /// The non-uniformity `mu = KL(l_hat || uniform) = sum_j l_hat_j log(2 l_hat_j)`: zero
    /// exactly on the ray.
    public func nonUniformity(_ l1: Double, _ l2: Double) -> Double {
        let (a, b) = relativeLosses(l1, l2)
        return Self.klTerm(a) + Self.klTerm(b)
    }

    private static func klTerm(_ p: Double) -> Double { p > 1e-300 ? p * Foundation.log(2 * p) : 0 }

    /// The weight `w` of the first gradient for losses `l1`, `l2` and gradients with Gram
    /// matrix `gram`, and whether the step balances or descends.
    public func step(losses l1: Double, _ l2: Double, gram c: GradientGram) -> (weight: Double, mode: Mode) {
        let (h1, h2) = relativeLosses(l1, l2)
        let mu = Self.klTerm(h1) + Self.klTerm(h2)
        // The adjustment a_j = r_j (log(2 l_hat_j) - mu): positive for the loss that is too large.
        let a = (preference.0 * (Foundation.log(2 * max(h1, 1e-300)) - mu),
                 preference.1 * (Foundation.log(2 * max(h2, 1e-300)) - mu))
        let ca = (c.g11 * a.0 + c.g12 * a.1, c.g12 * a.0 + c.g22 * a.1)  // C a
        let rows = [(c.g11, c.g12), (c.g12, c.g22)]                      // (C beta)_j as rows in beta
        let fallback = MinimumNormCombination.weight(c)
        if mu > threshold {
            // Balance: align d with the adjustment direction G^T a. A loss the adjustment would
            // raise may rise no faster than it does; the loss furthest above the ray may not rise.
            var bounds = [ca.0 > 0 ? -Double.infinity : ca.0, ca.1 > 0 ? -Double.infinity : ca.1]
            if ca.0 > 0 || ca.1 > 0 {
                let worst = preference.0 * l1 >= preference.1 * l2 ? 0 : 1
                bounds[worst] = 0
            } else {
                bounds = [0, 0]
            }
            let w = Self.maximise(ca, subjectTo: zip(rows, bounds).map { ($0, $1) }, tieBreak: fallback)
            return (w ?? fallback, .balance)
        }
        // Descent: the largest total rate of decrease, no loss rising, without undoing the balance.
        let total = (c.g11 + c.g12, c.g12 + c.g22)  // C 1
        let nonRising = rows.map { ($0, 0.0) }
        let keepBalance = (ca, min(max(ca.0, ca.1), 0))
        let w = Self.maximise(total, subjectTo: nonRising + [keepBalance], tieBreak: fallback)
            ?? Self.maximise(total, subjectTo: nonRising, tieBreak: fallback)
        return (w ?? fallback, .descent)
    }

    /// The `w` in `[0, 1]` maximising `c · (w, 1 - w)` subject to `row · (w, 1 - w) >= bound`
    /// for every constraint; nil when none is feasible. A flat objective takes the feasible
    /// `w` nearest `tieBreak` (a simplex solver would return either end).
    static func maximise(_ c: (Double, Double), subjectTo constraints: [((Double, Double), Double)],
                         tieBreak: Double) -> Double? {
        var low = 0.0, high = 1.0
        for (row, bound) in constraints where bound > -.infinity {
            // row.0 w + row.1 (1 - w) >= bound  <=>  w (row.0 - row.1) >= bound - row.1
            let slope = row.0 - row.1, need = bound - row.1
            let tolerance = 1e-12 * max(abs(row.0), abs(row.1), abs(bound), 1e-300)
            if abs(slope) <= tolerance {
                if need > tolerance { return nil }
            } else if slope > 0 {
                low = max(low, need / slope)
            } else {
                high = min(high, need / slope)
            }
        }
        guard low <= high + 1e-12 else { return nil }
        high = max(low, high)
        let k = c.0 - c.1
        let tolerance = 1e-12 * max(abs(c.0), abs(c.1), 1e-300)
        if k > tolerance { return high }
        if k < -tolerance { return low }
        return min(high, max(low, tieBreak))
    }
}
