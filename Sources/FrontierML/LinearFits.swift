import Foundation

/// Closed-form and Newton fits of linear models, in double precision.
///
/// These fit the post-hoc surrogate of single-task learning and the local
/// models of LIME, where an exact solution is cheap and better than SGD.
public enum LinearFit {
    /// A fitted affine map `x -> weights . x + intercept`.
    public struct Coefficients: Equatable, Sendable {
        public var weights: [Double]
        public var intercept: Double

        public init(weights: [Double], intercept: Double) {
            self.weights = weights
            self.intercept = intercept
        }

        public func predict(_ x: ArraySlice<Float>) -> Double {
            var s = intercept
            for (w, v) in zip(weights, x) { s += w * Double(v) }
            return s
        }

        /// These coefficients as a linear network (`MLPArchitecture.linear`, one output).
        public func model(_ architecture: MLPArchitecture) -> MLP {
            MLP(architecture, parameters: weights.map(Float.init) + [Float(intercept)])
        }
    }

    /// Weighted ridge regression: minimises `sum_i w_i (y_i - b - c.x_i)^2 + ridge |c|^2`
    /// with the intercept `b` unpenalised. `sampleWeights` defaults to all ones.
    public static func ridge(_ x: Matrix, _ y: [Double], sampleWeights: [Double]? = nil, ridge: Double) -> Coefficients {
        let n = x.rows, d = x.cols
        precondition(y.count == n, "ridge: \(y.count) targets for \(n) rows")
        let w = sampleWeights ?? [Double](repeating: 1, count: n)
        let wSum = w.reduce(0, +)
        guard n > 0, wSum > 0 else { return Coefficients(weights: [Double](repeating: 0, count: d), intercept: 0) }
        // Centre on weighted means so the intercept drops out of the normal equations.
        var mean = [Double](repeating: 0, count: d)
        var yMean = 0.0
        for i in 0..<n {
            yMean += w[i] * y[i]
            for j in 0..<d { mean[j] += w[i] * Double(x.scalars[i * d + j]) }
        }
        yMean /= wSum
        for j in 0..<d { mean[j] /= wSum }
        let equations = centredNormalEquations(x, y, weights: w, mean: mean, yMean: yMean)
        var gram = equations.gram
        // Tiny jitter keeps rank-deficient designs (duplicate one-hot columns) solvable.
        var trace = 0.0
        for j in 0..<d { trace += gram[j * d + j] }
        let jitter = max(ridge, 1e-10 * max(trace / Double(max(d, 1)), 1))
        for j in 0..<d {
            gram[j * d + j] += jitter
            for k in 0..<j { gram[j * d + k] = gram[k * d + j] }
        }
        let coef = BLAS.solvePositiveDefinite(gram, equations.rhs, n: d) ?? [Double](repeating: 0, count: d)
        var intercept = yMean
        for j in 0..<d { intercept -= coef[j] * mean[j] }
        return Coefficients(weights: coef, intercept: intercept)
    }

    /// The upper triangle of `sum_i w_i r_i r_i^T` and `sum_i w_i r_i (y_i - yMean)` with
    /// `r_i = x_i - mean`, accumulated row after row. Through raw buffers the inner loop
    /// vectorises (LIME fits one per explained row); each entry still sums the same
    /// products in the same order, so the result is the same to the bit.
    private static func centredNormalEquations(_ x: Matrix, _ y: [Double], weights w: [Double], mean: [Double],
                                               yMean: Double) -> (gram: [Double], rhs: [Double]) {
        let n = x.rows, d = x.cols
        var gram = [Double](repeating: 0, count: d * d)
        var rhs = [Double](repeating: 0, count: d)
        var row = [Double](repeating: 0, count: d)
        x.scalars.withUnsafeBufferPointer { xs in
            gram.withUnsafeMutableBufferPointer { gp in
                rhs.withUnsafeMutableBufferPointer { rp in
                    row.withUnsafeMutableBufferPointer { r in
                        for i in 0..<n {
                            for j in 0..<d { r[j] = Double(xs[i * d + j]) - mean[j] }
                            let wi = w[i], yi = y[i] - yMean
                            for j in 0..<d {
                                let wr = wi * r[j]
                                rp[j] += wr * yi
                                let gramRow = gp.baseAddress! + j * d
                                for k in j..<d { gramRow[k] += wr * r[k] }
                            }
                        }
                    }
                }
            }
        }
        return (gram, rhs)
    }

    /// L2-regularised logistic regression on 0/1 labels by Newton's method (IRLS):
    /// minimises `sum_i logloss_i + (l2 / 2) |c|^2`, intercept unpenalised (as
    /// scikit-learn's `LogisticRegression(C = 1 / l2)`).
    public static func logistic(_ x: Matrix, labels: [Int], l2: Double = 1, maxIterations: Int = 100,
                                tolerance: Double = 1e-8) -> Coefficients {
        let n = x.rows, d = x.cols
        precondition(labels.count == n, "logistic: \(labels.count) labels for \(n) rows")
        let p = d + 1  // last coordinate is the intercept
        var beta = [Double](repeating: 0, count: p)
        let positives = labels.reduce(0, +)
        if positives == 0 || positives == n {
            // One class only: the best model is a constant far on that side.
            beta[d] = positives == 0 ? -20 : 20
            return Coefficients(weights: Array(beta[0..<d]), intercept: beta[d])
        }
        var hessian = [Double](repeating: 0, count: p * p)
        var gradient = [Double](repeating: 0, count: p)
        var features = [Double](repeating: 0, count: p)
        for _ in 0..<maxIterations {
            for i in 0..<(p * p) { hessian[i] = 0 }
            for i in 0..<p { gradient[i] = 0 }
            for i in 0..<n {
                for j in 0..<d { features[j] = Double(x.scalars[i * d + j]) }
                features[d] = 1
                var z = 0.0
                for j in 0..<p { z += beta[j] * features[j] }
                let mu = 1 / (1 + Foundation.exp(-z))
                let r = mu - Double(labels[i])
                let s = max(mu * (1 - mu), 1e-12)
                for j in 0..<p {
                    gradient[j] += r * features[j]
                    let sj = s * features[j]
                    for k in j..<p { hessian[j * p + k] += sj * features[k] }
                }
            }
            for j in 0..<d {
                gradient[j] += l2 * beta[j]
                hessian[j * p + j] += l2
            }
            hessian[d * p + d] += 1e-10
            for j in 0..<p { for k in 0..<j { hessian[j * p + k] = hessian[k * p + j] } }
            guard let delta = BLAS.solvePositiveDefinite(hessian, gradient, n: p) else { break }
            var change = 0.0
            for j in 0..<p { beta[j] -= delta[j]; change = max(change, abs(delta[j])) }
            if change < tolerance { break }
        }
        return Coefficients(weights: Array(beta[0..<d]), intercept: beta[d])
    }
}
