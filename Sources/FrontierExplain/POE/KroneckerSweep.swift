import FrontierSolvers

/// A sweep of Kronecker-structured mixes (F-grad, R-avg, smoothness) solved together: every
/// solution is `U (2 l_Fg G~ / q) V^T` with `G~ = U^T G V` computed once and q the mix's
/// diagonal, so the whole sweep's changes of basis are a handful of products with all
/// mixes' columns side by side (compute-bound BLAS instead of one memory-bound product per
/// mix). Certificates are computed the same way: `H W` back through the basis for the KKT
/// residual, `r~ = U^T r V` for the gap `1/2 sum r~^2 / q`, and R-avg and smoothness from
/// the coordinates of W.
struct KroneckerSweep {
    let problem: TransductiveProblem

    func solve(_ mixes: [PropertyWeights], maximum: Bool) throws(ExplainError) -> [TransductiveSolution] {
        let watch = Stopwatch()
        let d = problem.featureCount, k = problem.kronecker
        let denominators = try mixes.map { mix throws(ExplainError) -> (Int, Int) -> Double in
            try problem.check(mix)
            return QuadraticPart(problem: problem, weights: mix).eigenDenominator()
        }
        let solutions = k.rows.fromEigenbasis(try rowCoordinates(mixes, denominators))
        let certificates = self.certificates(of: solutions, mixes, denominators)
        let seconds = watch.seconds / Double(mixes.count)
        return mixes.indices.map { c in
            solution(c, mixes[c], block(solutions, c, d), certificates, denominators[c], maximum: maximum, seconds: seconds)
        }
    }

    /// `G~ = U^T G V`, then for every mix the row-side coordinates `U^T W = (2 l_Fg G~ / q) V^T`, side by side.
    private func rowCoordinates(_ mixes: [PropertyWeights],
                                _ denominators: [(Int, Int) -> Double]) throws(ExplainError) -> DenseMatrix {
        let (n, d, k) = (problem.rowCount, problem.featureCount, problem.kronecker)
        let eigenGradients = k.toEigenbasis(problem.gradients)
        var coordinates = DenseMatrix(rows: n, cols: mixes.count * d)
        for (c, mix) in mixes.enumerated() {
            var block = DenseMatrix(rows: n, cols: d)
            for i in 0..<n {
                for j in 0..<d {
                    let q = denominators[c](i, j)
                    guard q >= 0 else { throw ExplainError("poe: the mix's operator has a negative eigenvalue; the problem is not convex") }
                    block[i, j] = q > 0 ? 2 * mix.fGrad * eigenGradients[i, j] / q : 0
                }
            }
            place(k.columns.fromEigenbasis(block.transposed).transposed, into: &coordinates, at: c, width: d)
        }
        return coordinates
    }

    /// What the certificates of a sweep's solutions are computed from, every mix side by side.
    private struct Certificates {
        /// Each mix's W in the joint eigenbasis (`U^T W V`).
        var coordinates: [DenseMatrix] = []
        /// `H W`, back through the basis (so rounding in either transform shows).
        var images: DenseMatrix
        /// The KKT residuals `H W − 2 l_Fg G`, and the right-hand sides `2 l_Fg G`.
        var residuals: DenseMatrix
        var targets: [DenseMatrix] = []
        /// The residuals' row-side coordinates `U^T r`.
        var eigenResiduals: DenseMatrix
    }

    private func certificates(of solutions: DenseMatrix, _ mixes: [PropertyWeights],
                              _ denominators: [(Int, Int) -> Double]) -> Certificates {
        let (n, d, m, k) = (problem.rowCount, problem.featureCount, mixes.count, problem.kronecker)
        let back = k.rows.toEigenbasis(solutions)
        var images = DenseMatrix(rows: n, cols: m * d)
        var coordinates: [DenseMatrix] = []
        for c in 0..<m {
            let coordinatesW = k.columns.toEigenbasis(block(back, c, d).transposed).transposed
            coordinates.append(coordinatesW)
            place(k.columns.fromEigenbasis(k.scale(coordinatesW, by: denominators[c]).transposed).transposed, into: &images, at: c, width: d)
        }
        let hw = k.rows.fromEigenbasis(images)
        var residuals = DenseMatrix(rows: n, cols: m * d)
        var targets: [DenseMatrix] = []
        for (c, mix) in mixes.enumerated() {
            let b = (2 * mix.fGrad) * problem.gradients
            targets.append(b)
            place(block(hw, c, d) - b, into: &residuals, at: c, width: d)
        }
        return Certificates(coordinates: coordinates, images: hw, residuals: residuals, targets: targets,
                            eigenResiduals: k.rows.toEigenbasis(residuals))
    }

    /// Mix `c`'s solution `w` with its losses, KKT residual and duality gap.
    private func solution(_ c: Int, _ mix: PropertyWeights, _ w: DenseMatrix, _ certificates: Certificates,
                          _ denominator: (Int, Int) -> Double, maximum: Bool, seconds: Double) -> TransductiveSolution {
        let (n, d, k) = (problem.rowCount, problem.featureCount, problem.kronecker)
        let mu = k.rows.eigenvalues, nu = k.columns.eigenvalues
        let r = block(certificates.residuals, c, d)
        let rJoint = k.columns.toEigenbasis(block(certificates.eigenResiduals, c, d).transposed).transposed
        let joint = certificates.coordinates[c]
        var gap = 0.0, rAvg = 0.0, smooth = 0.0
        for i in 0..<n {
            for j in 0..<d {
                let q = denominator(i, j)
                if q > 0 { gap += 0.5 * rJoint[i, j] * rJoint[i, j] / q }
                let x = joint[i, j]
                rAvg += 2 * mu[i] * x * x
                smooth += 2 * nu[j] * x * x
            }
        }
        var losses = PropertyLossValues(fGrad: PropertyLosses.gradientFaithfulness(w, gradients: problem.gradients),
                                        rAvg: rAvg, smoothness: smooth, complexity: PropertyLosses.complexity(w))
        if let outputs = problem.outputs { losses.fFunc = PropertyLosses.functionFaithfulness(w, rows: problem.rows, outputs: outputs) }
        if maximum && problem.robustness.similarity != .gaussianPrecision {
            losses.rMax = PropertyLosses.maximumRobustness(w, similarity: problem.similarity)
        }
        let objective = mix.total(losses)
        let scale = max(certificates.targets[c].norm, block(certificates.images, c, d).norm, 1e-300)
        return TransductiveSolution(explanations: w, solver: "kronecker", iterations: 1, kktResidual: r.norm / scale,
                                    dualityGap: max(0, gap) / max(abs(objective), 1e-300), losses: losses,
                                    objective: objective, seconds: seconds)
    }

    private func block(_ x: DenseMatrix, _ c: Int, _ d: Int) -> DenseMatrix {
        var out = DenseMatrix(rows: x.rows, cols: d)
        for i in 0..<x.rows { for j in 0..<d { out.values[i * d + j] = x.values[i * x.cols + c * d + j] } }
        return out
    }

    private func place(_ b: DenseMatrix, into x: inout DenseMatrix, at c: Int, width d: Int) {
        for i in 0..<x.rows { for j in 0..<d { x.values[i * x.cols + c * d + j] = b.values[i * d + j] } }
    }
}
