import FrontierSolvers

/// Minimises `Q(W) + l_C |W|_1` (POE with the complexity term, no R-max) by ADMM or FISTA.
struct ComplexitySolver {
    let quadratic: QuadraticPart
    let options: TransductiveSolverOptions

    var lambda: Double { quadratic.weights.complexity }

    /// ADMM on `W = Z`: the W-step solves `(H + rho I) W = B + rho (Z - U)` exactly in the
    /// joint eigenbasis (or by the least-squares path with F-func), the Z-step soft-thresholds.
    /// The returned explanations are Z (exactly sparse). ADMM's residual test is tightened until
    /// the KKT residual meets the tolerance or the iterations run out.
    func admm(warm: ADMM.State?, start: DenseMatrix?) throws(ExplainError) -> (w: DenseMatrix, iterations: Int, state: ADMM.State) {
        let (n, d) = (quadratic.n, quadratic.d)
        let b = quadratic.linearTerm
        var failure: ExplainError?
        let problem = ADMM.Problem(
            applyA: { $0 }, applyAT: { $0 },
            xUpdate: { v, rho, previous in
                var shifted = quadratic
                shifted.identityShift = rho
                var rhs = b
                Vector.axpy(rho, v, into: &rhs.values)
                do {
                    return try shifted.solve(rhs, warm: DenseMatrix(rows: n, cols: d, values: previous)).values
                } catch {
                    failure = (error as? ExplainError) ?? ExplainError("poe: \(error)")
                    return previous
                }
            },
            zUpdate: { v, rho in ProximalOperators.softThreshold(v, lambda / rho) })
        var state = warm ?? {
            let w = start?.values ?? [Double](repeating: 0, count: n * d)
            return ADMM.State(x: w, z: w, u: [Double](repeating: 0, count: n * d), rho: initialPenalty)
        }()
        let optimality = Optimality(quadratic: quadratic)
        var total = 0
        var relative = options.tolerance
        while true {
            let scale = max(b.norm, 1e-300) / Double(n * d).squareRoot()
            let admmOptions = ADMM.Options(absoluteTolerance: relative * 1e-2 * scale, relativeTolerance: relative,
                                           maxIterations: options.maxIterations - total)
            state = ADMM.solve(problem, from: state, options: admmOptions)
            if let failure { throw failure }
            total += state.iterations
            let w = DenseMatrix(rows: n, cols: d, values: state.z)
            if optimality.kktResidual(w, maxDual: nil) <= options.tolerance || total >= options.maxIterations || relative < 1e-15 {
                state.iterations = total
                return (w, total, state)
            }
            relative /= 10
        }
    }

    /// FISTA with soft thresholding; the step is `1 / lambda_max(H)`.
    func fista(start: DenseMatrix?) -> (w: DenseMatrix, iterations: Int) {
        let (n, d) = (quadratic.n, quadratic.d)
        let b = quadratic.linearTerm
        let scale = max(b.norm, lambda * Double(n * d).squareRoot())
        let result = FISTA.minimise(
            from: start?.values ?? [Double](repeating: 0, count: n * d),
            gradient: { quadratic.gradient(DenseMatrix(rows: n, cols: d, values: $0)).values },
            lipschitz: max(quadratic.lipschitz, 1e-300),
            prox: { v, t in ProximalOperators.softThreshold(v, t * lambda) },
            scale: scale, tolerance: options.tolerance * 0.1, maxIterations: options.maxIterations)
        return (DenseMatrix(rows: n, cols: d, values: result.solution), result.iterations)
    }

    /// The geometric mean of H's smallest and largest eigenvalues, ADMM's classic rho.
    private var initialPenalty: Double {
        let largest = max(quadratic.lipschitz, 1e-12)
        let smallest = 2 * quadratic.weights.fGrad
        return smallest > 0 ? (smallest * largest).squareRoot() : largest * 1e-2
    }
}
