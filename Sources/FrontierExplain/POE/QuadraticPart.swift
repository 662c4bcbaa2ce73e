import FrontierSolvers

/// How linear systems of the quadratic part are solved when F-func makes them leave the
/// Kronecker structure.
public enum LinearSolverChoice: String, Codable, CaseIterable, Sendable {
    /// Direct up to `directLimit` unknowns, conjugate gradients above.
    case auto
    /// Assemble the `ND x ND` matrix and factorise it (Cholesky, or eigendecomposition when singular).
    case direct
    /// Conjugate gradients preconditioned by the Kronecker part's exact inverse.
    case conjugateGradient = "conjugate_gradient"

    /// Unknowns up to which `auto` solves directly (a 1500 x 1500 Cholesky takes ~0.1 s).
    public static let directLimit = 1500
}

/// The smooth, quadratic part of a POE objective,
///
///     Q(W) = l_Fg |W - G|^2 + l_Ff sum_n (x_n . w_n - y_n)^2 + l_Ra 2 tr(W^T L W) + l_S 2 tr(W L~ W^T)
///          = 1/2 <W, H W> - <B, W> + c,
///
/// with optional shifts `sigma I + kappa (L_complete x I)` that ADMM's penalties add. Without
/// F-func, H is diagonal in the joint eigenbasis of L and L~ and every solve is exact and
/// cheap; with F-func (a block-diagonal rank-one term per row) it is solved directly or by
/// preconditioned conjugate gradients.
struct QuadraticPart {
    let problem: TransductiveProblem
    let weights: PropertyWeights
    var identityShift = 0.0
    var completeShift = 0.0
    var linearSolver: LinearSolverChoice = .auto
    var tolerance = 1e-12

    init(problem: TransductiveProblem, weights: PropertyWeights, linearSolver: LinearSolverChoice = .auto) {
        self.problem = problem
        self.weights = weights
        self.linearSolver = linearSolver
    }

    var n: Int { problem.rowCount }
    var d: Int { problem.featureCount }
    var isKronecker: Bool { weights.fFunc == 0 }

    /// B: `2 l_Fg G + 2 l_Ff diag(y) X`.
    var linearTerm: DenseMatrix {
        var b = (2 * weights.fGrad) * problem.gradients
        if weights.fFunc > 0, let y = problem.outputs {
            for i in 0..<n {
                for j in 0..<d { b.values[i * d + j] += 2 * weights.fFunc * y[i] * problem.rows.values[i * d + j] }
            }
        }
        return b
    }

    /// c: `l_Fg |G|^2 + l_Ff |y|^2`.
    var constant: Double {
        var c = weights.fGrad * problem.gradients.dot(problem.gradients)
        if weights.fFunc > 0, let y = problem.outputs { c += weights.fFunc * Vector.dot(y, y) }
        return c
    }

    /// Q(W), without the shifts.
    func value(_ w: DenseMatrix) -> Double {
        var unshifted = self
        unshifted.identityShift = 0
        unshifted.completeShift = 0
        return 0.5 * w.dot(unshifted.apply(w)) - linearTerm.dot(w) + constant
    }

    /// The diagonal of H (plus shifts) in the joint eigenbasis, for the Kronecker part;
    /// `rowOnlyExtra` adds a constant (the preconditioner's stand-in for F-func).
    func eigenDenominator(extra: Double = 0) -> (Int, Int) -> Double {
        let mu = problem.kronecker.rows.eigenvalues, nu = problem.kronecker.columns.eigenvalues
        let complete = problem.kronecker.rows.completeGraphEigenvalues
        let base = 2 * weights.fGrad + identityShift + extra
        let (r, s, k) = (4 * weights.rAvg, 4 * weights.smoothness, completeShift)
        return { i, j in base + r * mu[i] + s * nu[j] + k * complete[i] }
    }

    /// `(H + shifts) V`.
    func apply(_ v: DenseMatrix) -> DenseMatrix {
        var out = problem.kronecker.apply(v, eigenDenominator())
        if weights.fFunc > 0 {
            let x = problem.rows
            for i in 0..<n {
                var dot = 0.0
                for j in 0..<d { dot += x.values[i * d + j] * v.values[i * d + j] }
                for j in 0..<d { out.values[i * d + j] += 2 * weights.fFunc * dot * x.values[i * d + j] }
            }
        }
        return out
    }

    /// `grad Q(W) = H W - B` (shifts included when set).
    func gradient(_ w: DenseMatrix) -> DenseMatrix {
        apply(w) - linearTerm
    }

    /// The largest eigenvalue of H + shifts (exact for the Kronecker part, plus F-func's
    /// largest block `2 l_Ff max |x_n|^2`, a bound).
    var lipschitz: Double {
        let mu = problem.kronecker.rows.largestEigenvalue, nu = problem.kronecker.columns.largestEigenvalue
        var bound = 2 * weights.fGrad + identityShift + 4 * weights.rAvg * mu + 4 * weights.smoothness * nu
            + completeShift * Double(n)
        if weights.fFunc > 0 {
            var largest = 0.0
            for i in 0..<n { largest = max(largest, problem.rows.row(i).reduce(0) { $0 + $1 * $1 }) }
            bound += 2 * weights.fFunc * largest
        }
        return bound
    }

    /// Solves `(H + shifts) W = rhs` (the minimum-norm solution where H + shifts is singular),
    /// starting conjugate gradients from `warm` when given.
    func solve(_ rhs: DenseMatrix, warm: DenseMatrix? = nil) throws(ExplainError) -> DenseMatrix {
        if isKronecker {
            do { return try problem.kronecker.solve(eigenRHS: problem.kronecker.toEigenbasis(rhs), denominator: eigenDenominator()) } catch {
                throw ExplainError("poe: \(error.description)")
            }
        }
        let direct = linearSolver == .direct || (linearSolver == .auto && n * d <= LinearSolverChoice.directLimit)
        return direct ? try solveDirectly(rhs) : solveIteratively(rhs, warm: warm)
    }

    /// `r^T (H + shifts)^-1 r` (the pseudo-inverse where singular): with the Kronecker
    /// structure one change of basis, `sum r~^2 / q`.
    func inverseQuadraticForm(_ r: DenseMatrix) throws(ExplainError) -> Double {
        guard isKronecker else { return r.dot(try solve(r)) }
        let coordinates = problem.kronecker.toEigenbasis(r)
        let q = eigenDenominator()
        var total = 0.0
        for i in 0..<coordinates.rows {
            for j in 0..<coordinates.cols {
                let denominator = q(i, j)
                if denominator > 0 { total += coordinates[i, j] * coordinates[i, j] / denominator }
            }
        }
        return total
    }

    /// The assembled `ND x ND` matrix (index `n D + d`).
    func assembled() -> DenseMatrix {
        let size = n * d
        var h = DenseMatrix(rows: size, cols: size)
        let l = problem.kronecker.rows.denseOperator
        let lf = problem.kronecker.columns.denseOperator
        let x = problem.rows
        for a in 0..<n {
            for b in 0..<n {
                let row = 4 * weights.rAvg * l[a, b] + completeShift * (a == b ? Double(n - 1) : -1)
                for j in 0..<d {
                    h[a * d + j, b * d + j] += row
                    if a == b {
                        for k in 0..<d {
                            h[a * d + j, a * d + k] += 4 * weights.smoothness * lf[j, k]
                                + 2 * weights.fFunc * x[a, j] * x[a, k]
                        }
                        h[a * d + j, a * d + j] += 2 * weights.fGrad + identityShift
                    }
                }
            }
        }
        return h
    }

    private func solveDirectly(_ rhs: DenseMatrix) throws(ExplainError) -> DenseMatrix {
        let h = assembled()
        let b = DenseMatrix(rows: n * d, cols: 1, values: rhs.values)
        if let factor = try? Cholesky(h) {
            return DenseMatrix(rows: n, cols: d, values: factor.solve(b).values)
        }
        // Singular (a mix that leaves some direction free): the minimum-norm solution.
        let eigen: SymmetricEigen
        do { eigen = try SymmetricEigen(h) } catch { throw ExplainError("poe: \(error.description)") }
        let cutoff = 1e-12 * max(eigen.values.map(abs).max() ?? 0, 1e-300)
        let w = eigen.function { abs($0) > cutoff ? 1 / $0 : 0 }.multiplied(by: rhs.values)
        return DenseMatrix(rows: n, cols: d, values: w)
    }

    private func solveIteratively(_ rhs: DenseMatrix, warm: DenseMatrix?) -> DenseMatrix {
        // Preconditioner: the Kronecker part with F-func replaced by its mean diagonal.
        var mean = 0.0
        for v in problem.rows.values { mean += v * v }
        let fill = 2 * weights.fFunc * mean / Double(n * d)
        let denominator = eigenDenominator(extra: fill)
        let kronecker = problem.kronecker
        let (rows, cols) = (n, d)
        let result = ConjugateGradient.solve(
            apply: { self.apply(DenseMatrix(rows: rows, cols: cols, values: $0)).values },
            rhs: rhs.values, initial: warm?.values,
            preconditioner: { r in
                let y = (try? kronecker.solve(eigenRHS: kronecker.toEigenbasis(DenseMatrix(rows: rows, cols: cols, values: r)),
                                              denominator: denominator)) ?? DenseMatrix(rows: rows, cols: cols, values: r)
                return y.values
            },
            tolerance: tolerance, maxIterations: 20 * n * d)
        return DenseMatrix(rows: n, cols: d, values: result.solution)
    }
}

extension Spectrum {
    /// The operator as a dense matrix, `U diag(values) U^T`.
    var denseOperator: DenseMatrix {
        let identity = DenseMatrix.identity(size)
        return apply({ $0 }, to: identity)
    }
}
