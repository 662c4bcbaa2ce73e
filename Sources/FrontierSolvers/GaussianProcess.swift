import Foundation

/// Gaussian-process regression: the posterior mean of `y = m + h(x) + e` with
/// `h ~ GP(0, k)`, independent noise `e_i ~ N(0, noise_i)` (each point its own variance,
/// so importance weights become noise variances), and optionally a constant mean m with a
/// flat prior, estimated by generalised least squares (universal kriging; the limit
/// `sigma^2 -> infinity` of a `N(0, sigma^2)` prior on m).
///
/// Several targets (columns of y) share the kernel and the noise. Fitting factorises
/// `K + diag(noise)` once by Cholesky (LAPACK `dpotrf`); a prediction is
/// `m + k(x*, X) alpha`.
public struct GaussianProcessRegression: Sendable {
    /// Per target: the estimated constant mean (0 without a flat mean).
    public let mean: [Double]
    /// `N x targets`: `(K + diag(noise))^{-1} (y - m)`.
    public let weights: DenseMatrix

    /// - Parameters:
    ///   - kernel: `K`, `N x N`, symmetric positive semi-definite.
    ///   - noise: one positive variance per point.
    ///   - targets: `N x targets`.
    public init(kernel: DenseMatrix, noise: [Double], targets: DenseMatrix, flatMean: Bool) throws(SolverError) {
        let n = kernel.rows
        guard kernel.cols == n, noise.count == n, targets.rows == n else {
            throw SolverError("gaussian process: kernel \(kernel.rows) x \(kernel.cols), \(noise.count) noise variances, \(targets.rows) targets")
        }
        guard n > 0 else { throw SolverError("gaussian process: no training points") }
        if let bad = noise.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw SolverError("gaussian process: noise variance \(bad) is \(noise[bad]); it must be positive")
        }
        var a = kernel
        for i in 0..<n { a.values[i * n + i] += noise[i] }
        let factor: Cholesky
        do { factor = try Cholesky(a) } catch {
            throw SolverError("gaussian process: \(error.description) (the kernel is not positive semi-definite)")
        }
        var alpha = factor.solve(targets)
        let k = targets.cols
        var mean = [Double](repeating: 0, count: k)
        if flatMean {
            let ones = factor.solve([Double](repeating: 1, count: n))
            let precision = ones.reduce(0, +)
            for j in 0..<k {
                var s = 0.0
                for i in 0..<n { s += alpha.values[i * k + j] }
                mean[j] = s / precision
                for i in 0..<n { alpha.values[i * k + j] -= mean[j] * ones[i] }
            }
        }
        self.mean = mean
        self.weights = alpha
    }

    /// The posterior mean at new points, given `k(x*, X)` (`M x N`).
    public func predict(crossKernel: DenseMatrix) -> DenseMatrix {
        precondition(crossKernel.cols == weights.rows, "gaussian process: cross-kernel has \(crossKernel.cols) columns for \(weights.rows) points")
        var out = crossKernel.multiplied(by: weights)
        let k = out.cols
        for i in 0..<out.rows {
            for j in 0..<k { out.values[i * k + j] += mean[j] }
        }
        return out
    }
}

/// The Gaussian (squared-exponential) kernel `k(x, x') = exp(-|x - x'|^2 / (2 lengthScale^2))`.
public enum GaussianKernel {
    /// `k(a_i, b_j)` for the rows of `a` (`M x D`) and `b` (`N x D`): `M x N`.
    public static func matrix(_ a: DenseMatrix, _ b: DenseMatrix, lengthScale: Double) -> DenseMatrix {
        precondition(a.cols == b.cols, "gaussian kernel: \(a.cols) and \(b.cols) features")
        precondition(lengthScale > 0, "gaussian kernel: the length scale must be positive")
        let m = a.rows, n = b.rows, d = a.cols
        // |a - b|^2 = |a|^2 + |b|^2 - 2 a.b, with the cross term from one BLAS product.
        let cross = a.multiplied(by: b, transposeOther: true)
        let aNorms = (0..<m).map { i in (0..<d).reduce(0.0) { $0 + a.values[i * d + $1] * a.values[i * d + $1] } }
        let bNorms = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + b.values[i * d + $1] * b.values[i * d + $1] } }
        let scale = -1 / (2 * lengthScale * lengthScale)
        var out = DenseMatrix(rows: m, cols: n)
        for i in 0..<m {
            for j in 0..<n {
                let distance2 = max(0, aNorms[i] + bNorms[j] - 2 * cross.values[i * n + j])
                out.values[i * n + j] = exp(scale * distance2)
            }
        }
        return out
    }
}
