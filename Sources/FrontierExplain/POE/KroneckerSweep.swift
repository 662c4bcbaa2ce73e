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
        let (n, d, m) = (problem.rowCount, problem.featureCount, mixes.count)
        let k = problem.kronecker
        let mu = k.rows.eigenvalues, nu = k.columns.eigenvalues
        let denominators = try mixes.map { mix throws(ExplainError) -> (Int, Int) -> Double in
            try problem.check(mix)
            return QuadraticPart(problem: problem, weights: mix).eigenDenominator()
        }
        // G~ = U^T G V, then for every mix the row-side coordinates (U^T W) = (2 l_Fg G~ / q) V^T.
        let eigenGradients = k.toEigenbasis(problem.gradients)
        var coordinates = DenseMatrix(rows: n, cols: m * d)
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
        let solutions = k.rows.fromEigenbasis(coordinates)
        // Certificates: H W through the basis again (so rounding in either transform shows).
        let back = k.rows.toEigenbasis(solutions)
        var images = DenseMatrix(rows: n, cols: m * d)
        var joint: [DenseMatrix] = []
        for c in 0..<m {
            let coordinatesW = k.columns.toEigenbasis(block(back, c, d).transposed).transposed
            joint.append(coordinatesW)
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
        let eigenResiduals = k.rows.toEigenbasis(residuals)
        let seconds = watch.seconds / Double(m)
        return (0..<m).map { c in
            let mix = mixes[c]
            let w = block(solutions, c, d)
            let r = block(residuals, c, d)
            let rJoint = k.columns.toEigenbasis(block(eigenResiduals, c, d).transposed).transposed
            var gap = 0.0, rAvg = 0.0, smooth = 0.0
            for i in 0..<n {
                for j in 0..<d {
                    let q = denominators[c](i, j)
                    if q > 0 { gap += 0.5 * rJoint[i, j] * rJoint[i, j] / q }
                    let x = joint[c][i, j]
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
            let scale = max(targets[c].norm, block(hw, c, d).norm, 1e-300)
            return TransductiveSolution(explanations: w, solver: "kronecker", iterations: 1, kktResidual: r.norm / scale,
                                        dualityGap: max(0, gap) / max(abs(objective), 1e-300), losses: losses,
                                        objective: objective, seconds: seconds)
        }
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
