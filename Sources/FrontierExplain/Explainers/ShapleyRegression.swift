import FrontierML

/// KernelSHAP's weighted least squares with the efficiency constraint, as shap solves it:
/// the last player's value is eliminated (`phi_M = total - sum of the others`), and the
/// others solve `(E^T W E) phi = E^T W y` with `E_sj = m_sj - m_sM` and
/// `y_s = v(s) - m_sM total`, in double precision.
///
/// The normal matrix depends only on the coalitions, so it is built once per row (one
/// BLAS product) and serves every explained output.
struct ShapleyRegression {
    private let coalitions: ShapleyCoalitions
    /// `sqrt(w_s) E_s`, `count x (players - 1)`.
    private let design: [Double]
    /// `E^T W E`, `(players - 1) x (players - 1)`.
    private let normal: [Double]

    init(_ coalitions: ShapleyCoalitions) {
        let m = coalitions.players, p = m - 1, s = coalitions.count
        var design = [Double](repeating: 0, count: s * p)
        for c in 0..<s {
            let mask = coalitions.mask(c)
            let last = Double(mask[mask.startIndex + p])
            let root = coalitions.weights[c].squareRoot()
            for j in 0..<p { design[c * p + j] = root * (Double(mask[mask.startIndex + j]) - last) }
        }
        var normal = [Double](repeating: 0, count: p * p)
        design.withUnsafeBufferPointer { e in
            normal.withUnsafeMutableBufferPointer { a in
                BLAS.gemm(transposeA: true, transposeB: false, m: p, n: p, k: s, a: e.baseAddress!, lda: p,
                          b: e.baseAddress!, ldb: p, c: a.baseAddress!, ldc: p)
            }
        }
        self.coalitions = coalitions
        self.design = design
        self.normal = normal
    }

    /// Shapley values of the players given each coalition's value `value[s]` (its expected
    /// output minus the base value) and `total = f(x) - base`.
    func solve(values: [Double], total: Double) throws(ExplainError) -> [Double] {
        let m = coalitions.players, p = m - 1
        var rhs = [Double](repeating: 0, count: p)
        for c in 0..<coalitions.count {
            let mask = coalitions.mask(c)
            let y = values[c] - Double(mask[mask.startIndex + p]) * total
            let root = coalitions.weights[c].squareRoot()
            for j in 0..<p { rhs[j] += design[c * p + j] * root * y }
        }
        guard let head = BLAS.solvePositiveDefinite(normal, rhs, n: p) ?? solveWithJitter(rhs) else {
            throw ExplainError("kernelshap: the coalitions leave the regression singular; raise `samples`")
        }
        return head + [total - head.reduce(0, +)]
    }

    /// A coalition set that never separates two players gives a singular system; a tiny
    /// ridge picks the solution that splits their share evenly (shap uses a pseudo-inverse).
    private func solveWithJitter(_ rhs: [Double]) -> [Double]? {
        let p = coalitions.players - 1
        var a = normal
        var trace = 0.0
        for j in 0..<p { trace += a[j * p + j] }
        for j in 0..<p { a[j * p + j] += 1e-10 * max(trace / Double(p), 1e-12) }
        return BLAS.solvePositiveDefinite(a, rhs, n: p)
    }
}
