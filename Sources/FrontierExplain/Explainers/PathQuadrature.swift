import Foundation

/// A quadrature rule on [0, 1]: the points along the straight path where Integrated
/// Gradients takes the gradient, and their weights (summing to 1).
public enum PathQuadrature: String, Codable, CaseIterable, Sendable {
    /// Equally spaced points with both ends, end weights halved (captum's `riemann_trapezoid`).
    case riemannTrapezoid = "riemann_trapezoid"
    /// Gauss-Legendre nodes and weights (captum's default, `gausslegendre`): exact for
    /// polynomials of degree `2 steps - 1` along the path.
    case gaussLegendre = "gauss_legendre"

    /// `steps` points and weights.
    public func rule(steps: Int) -> (points: [Double], weights: [Double]) {
        precondition(steps >= 1, "a quadrature needs at least one point")
        switch self {
        case .riemannTrapezoid:
            guard steps > 1 else { return ([1], [1]) }
            let h = 1 / Double(steps - 1)
            let points = (0..<steps).map { Double($0) * h }
            var weights = [Double](repeating: h, count: steps)
            weights[0] /= 2
            weights[steps - 1] /= 2
            return (points, weights)
        case .gaussLegendre:
            return Self.gaussLegendre(steps)
        }
    }

    /// Roots of the Legendre polynomial P_n by Newton's method from Tricomi's estimate,
    /// mapped from [-1, 1] to [0, 1].
    private static func gaussLegendre(_ n: Int) -> (points: [Double], weights: [Double]) {
        var points = [Double](repeating: 0, count: n), weights = [Double](repeating: 0, count: n)
        for i in 0..<((n + 1) / 2) {
            var t = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                // P_n(t) and P_n'(t) by the three-term recurrence.
                var p0 = 1.0, p1 = t
                if n >= 2 {
                    for k in 2...n {
                        let p2 = (Double(2 * k - 1) * t * p1 - Double(k - 1) * p0) / Double(k)
                        p0 = p1
                        p1 = p2
                    }
                }
                derivative = Double(n) * (t * p1 - p0) / (t * t - 1)
                let step = p1 / derivative
                t -= step
                if abs(step) < 1e-15 { break }
            }
            let w = 2 / ((1 - t * t) * derivative * derivative)
            // t is the i-th largest root; its mirror -t is the i-th smallest.
            points[n - 1 - i] = (1 + t) / 2
            points[i] = (1 - t) / 2
            weights[n - 1 - i] = w / 2
            weights[i] = w / 2
        }
        return (points, weights)
    }
}
