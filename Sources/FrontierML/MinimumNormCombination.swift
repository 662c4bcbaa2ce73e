/// The inner products of two gradients `g1` and `g2` (their Gram matrix): all a
/// two-objective descent rule needs to know about them.
public struct GradientGram: Equatable, Sendable {
    /// `g1 · g1`, `g1 · g2`, `g2 · g2`.
    public var g11: Double, g12: Double, g22: Double

    public init(g11: Double, g12: Double, g22: Double) {
        self.g11 = g11
        self.g12 = g12
        self.g22 = g22
    }

    /// The Gram matrix of two gradients of equal length (double-precision accumulation).
    public init(_ g1: [Float], _ g2: [Float]) {
        self.init(g11: BLAS.dot(g1, g1), g12: BLAS.dot(g1, g2), g22: BLAS.dot(g2, g2))
    }

    /// The Gram matrix of `g1 / s1` and `g2 / s2`.
    public func scaled(_ s1: Double, _ s2: Double) -> GradientGram {
        GradientGram(g11: g11 / (s1 * s1), g12: g12 / (s1 * s2), g22: g22 / (s2 * s2))
    }

    /// `|w g1 + (1 - w) g2|^2`.
    public func squaredNorm(weight w: Double) -> Double {
        w * w * g11 + 2 * w * (1 - w) * g12 + (1 - w) * (1 - w) * g22
    }

    /// `(G β)_j = g_j · (β1 g1 + β2 g2)` for `β = (w, 1 - w)`: how fast the direction
    /// lowers each objective, to first order.
    public func rates(weight w: Double) -> (Double, Double) {
        (w * g11 + (1 - w) * g12, w * g12 + (1 - w) * g22)
    }
}

/// The multiple-gradient descent algorithm's direction for two objectives (MGDA:
/// Désidéri 2012; Sener and Koltun 2018, Algorithm 2's closed form for two tasks):
/// the element of minimum norm in the convex hull of the two gradients,
/// `d = w g1 + (1 - w) g2` with `w` minimising `|d|^2` over `[0, 1]`.
///
/// Unless `d` is zero it lowers both objectives at once (`g_j · d >= |d|^2 > 0`);
/// `d = 0` means no direction lowers both: the point is Pareto-stationary.
public enum MinimumNormCombination {
    /// The weight `w` of `g1` in the minimum-norm combination:
    /// `clamp((g2 · (g2 - g1)) / |g1 - g2|^2, 0, 1)`; `1/2` when the gradients are equal.
    public static func weight(_ gram: GradientGram) -> Double {
        let difference = gram.g11 - 2 * gram.g12 + gram.g22  // |g1 - g2|^2
        guard difference > 1e-30 * max(gram.g11 + gram.g22, 1e-300) else { return 0.5 }
        let w = (gram.g22 - gram.g12) / difference
        return min(1, max(0, w))
    }
}
