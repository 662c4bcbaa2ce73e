import Foundation

/// Smooth Tchebycheff scalarisation (STCH: Lin, Zhang, Yang, Liu, Wang and Zhang, "Smooth
/// Tchebycheff Scalarization for Multi-Objective Optimization", ICML 2024) for two
/// objectives: f descends `μ log(e^(r1 l1 / μ) + e^(r2 l2 / μ))`, a smooth stand-in for the
/// weighted Chebyshev value `max(r1 l1, r2 l2)` whose minimiser on the front is the point
/// on the preference ray `r1 l1 = r2 l2` (the losses measured from their ideal, 0 here).
///
/// Its gradient is `Σ s_j r_j ∇l_j` with `s = softmax(r l / μ)`: the loss furthest above the
/// ray gets nearly all the weight, and on the ray both descend. Unlike EPO it never asks a
/// loss to rise, so a noisy mini-batch estimate of which loss is above the ray costs a
/// slightly mixed direction, not a step up the other loss.
public struct SmoothTchebycheff: Sendable {
    /// The preference `r`: positive weights, larger meaning "this loss should end smaller".
    public let preference: (Double, Double)
    /// The smoothing `μ`: towards 0 the exact Chebyshev value, large the weighted sum `r·l`.
    public let smoothing: Double

    public init(preference r1: Double, _ r2: Double, smoothing: Double) {
        precondition(r1 > 0 && r2 > 0 && r1.isFinite && r2.isFinite, "STCH: preferences must be positive")
        precondition(smoothing > 0 && smoothing.isFinite, "STCH: the smoothing must be positive")
        preference = (r1, r2)
        self.smoothing = smoothing
    }

    /// The weight `w` of the first loss's gradient in the convex direction
    /// `w ∇l1 + (1 − w) ∇l2`, parallel to the scalarisation's gradient.
    public func weight(losses l1: Double, _ l2: Double) -> Double {
        let a = preference.0 * l1 / smoothing, b = preference.1 * l2 / smoothing
        // softmax(a, b) scaled by r, in a form that cannot overflow: s1 = 1 / (1 + e^(b - a)).
        let s1 = 1 / (1 + Foundation.exp(min(b - a, 700)))
        let s2 = 1 - s1
        let u = s1 * preference.0, v = s2 * preference.1
        return u + v > 0 ? u / (u + v) : 0.5
    }

    /// The scalarised value `μ log(e^(r1 l1 / μ) + e^(r2 l2 / μ))`.
    public func value(_ l1: Double, _ l2: Double) -> Double {
        let a = preference.0 * l1, b = preference.1 * l2, m = max(a, b)
        return m + smoothing * Foundation.log(Foundation.exp((a - m) / smoothing) + Foundation.exp((b - m) / smoothing))
    }
}
