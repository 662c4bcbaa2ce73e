import FrontierML
import FrontierSolvers

/// POE's inductive solver (section 4): the explanation function E minimising
///
///     l_Fg E_x |E(x) - grad f(x)|^2 + l_Ra E_{x,x'} s(x, x') |E(x) - E(x')|^2 + l_S E_x sum_{d,d'} S~_dd' (E_d(x) - E_d'(x))^2
///
/// over the domain (x uniform), with `s = -k^-1` the negated precision of the Gaussian kernel
/// `k(x, x') = exp(-|x - x'|^2 / (2 Lambda^2))` and the constant mean marginalised (the
/// paper's Eq. 6 prior with `sigma -> infinity`), computed by Gaussian-process inference on N
/// inducing points (Proposition 1, Eq. 10).
///
/// Rotating the features by the eigenvectors V of the smoothness Laplacian L~ (eigenvalues
/// nu_j) separates the problem into D independent GPs. On the inducing points, rotated
/// feature j minimises `(1/N) sum_n (l_Fg w_n (e_n - g_n)^2 + 2 l_S nu_j e_n^2) + 2 l_Ra e^T Sigma^-1 e`:
/// a GP with prior covariance `K / (2 l_Ra)` and a flat mean, observations
/// `y_n = l_Fg w_n g_n / (l_Fg w_n + 2 l_S nu_j)` with noise variances `N / (l_Fg w_n + 2 l_S nu_j)`
/// (w_n the importance weights). Its posterior mean is E everywhere: `m + k(x, X) alpha`, one
/// Cholesky factorisation (LAPACK `dpotrf`) per rotated feature (one in all without smoothness).
///
/// On the inducing points themselves this is exactly the transductive optimum for
/// `S = -Sigma^-1` (`InputSimilarity.gaussianPrecision`) with lambdas `(l_Fg / N, l_Ra, l_S / N)`
/// (tested): Proposition 1's equivalence. The paper writes the likelihood's variance as
/// `1 / N`; with the kernel matrix (rather than the kernel operator) the per-point variance
/// that keeps the fidelity term an average is the N above (each of N points carries 1/N of
/// the integral), which is what makes the solution converge as N grows.
public struct InductiveSolver: Sendable {
    public let weights: PropertyWeights
    public let lengthScale: Double
    /// The Laplacian spectrum of S~ (features).
    public let features: any Spectrum

    public init(weights: PropertyWeights, lengthScale: Double, features: any Spectrum) throws(ExplainError) {
        guard weights.fFunc == 0, weights.rMax == 0, weights.complexity == 0 else {
            throw ExplainError(plugin: "poe", field: "mode", "the inductive solver optimises F-grad, R-avg and smoothness only")
        }
        guard weights.fGrad > 0 else {
            throw ExplainError(plugin: "poe", field: "f_grad", "the inductive solver needs a positive F-grad weight")
        }
        guard lengthScale > 0, lengthScale.isFinite else {
            throw ExplainError(plugin: "poe", field: "length_scale", "must be positive (got \(lengthScale))")
        }
        self.weights = weights
        self.lengthScale = lengthScale
        self.features = features
    }

    /// E at `queries` (`M x D`) from inducing points (`N x D`), their gradients and importance weights.
    /// With R-avg weighted 0, no inducing point matters: each query is solved on its own gradient
    /// (`queryGradients`).
    public func explain(queries: DenseMatrix, inducing: DenseMatrix, gradients: DenseMatrix, importance: [Double],
                        queryGradients: DenseMatrix) throws(ExplainError) -> DenseMatrix {
        let n = inducing.rows, d = inducing.cols
        guard gradients.rows == n, gradients.cols == d, importance.count == n, queries.cols == d, d == features.size,
              queryGradients.rows == queries.rows, queryGradients.cols == d else {
            throw ExplainError("poe inductive: shapes of queries, inducing points, gradients and weights do not agree")
        }
        let nu = features.eigenvalues
        let (lf, lr, ls) = (weights.fGrad, weights.rAvg, weights.smoothness)
        guard lr > 0 else {
            // No coupling between points: per rotated feature, the pointwise optimum l_Fg g / (l_Fg + 2 l_S nu_j).
            let rotated = features.toEigenbasis(queryGradients.transposed).transposed
            var e = rotated
            for i in 0..<e.rows { for j in 0..<d { e.values[i * d + j] *= lf / (lf + 2 * ls * nu[j]) } }
            return features.fromEigenbasis(e.transposed).transposed
        }
        let kernel = GaussianKernel.matrix(inducing, inducing, lengthScale: lengthScale)
        let cross = GaussianKernel.matrix(queries, inducing, lengthScale: lengthScale)
        let rotated = ls > 0 ? features.toEigenbasis(gradients.transposed).transposed : gradients
        // Rotated features sharing a smoothness eigenvalue share a GP.
        let groups = ls > 0 ? Dictionary(grouping: 0..<d, by: { nu[$0] }).values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
                            : [Array(0..<d)]
        var out = DenseMatrix(rows: queries.rows, cols: d)
        for group in groups {
            let shrink = ls > 0 ? 2 * ls * nu[group[0]] : 0
            var targets = DenseMatrix(rows: n, cols: group.count)
            var noise = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let precision = lf * importance[i] + shrink
                noise[i] = 2 * lr * Double(n) / precision
                for (c, j) in group.enumerated() { targets[i, c] = lf * importance[i] * rotated[i, j] / precision }
            }
            let gp: GaussianProcessRegression
            do { gp = try GaussianProcessRegression(kernel: kernel, noise: noise, targets: targets, flatMean: true) } catch {
                throw ExplainError("poe inductive: \(error.description)")
            }
            let predicted = gp.predict(crossKernel: cross)
            for i in 0..<queries.rows { for (c, j) in group.enumerated() { out[i, j] = predicted[i, c] } }
        }
        return ls > 0 ? features.fromEigenbasis(out.transposed).transposed : out
    }
}
