import FrontierML
import FrontierSolvers

/// What POE's transductive solvers optimise over: N explained rows X, f's gradients G at
/// them, optionally f's values y (for F-func), the similarity of rows (R-avg, R-max) and of
/// features (smoothness). Built once; the spectra of both Laplacians are computed here, so
/// every lambda-mix after the first costs no decomposition.
public struct TransductiveProblem: Sendable {
    /// `N x D`.
    public let rows: DenseMatrix
    /// `N x D`: grad f(x_n).
    public let gradients: DenseMatrix
    /// f(x_n), when F-func may be used.
    public let outputs: [Double]?
    public let robustness: RobustnessSettings
    /// S for the robustness losses (nil: uniform, every pair 1).
    public let similarity: DenseMatrix?
    /// S~ for smoothness (`D x D`).
    public let featureSimilarity: DenseMatrix
    /// Row side: the Laplacian of S; column side: the Laplacian of S~.
    public let kronecker: KroneckerSolver

    /// - Parameters:
    ///   - outputs: f(x_n); nil when no mix will weigh F-func.
    public init(rows: DenseMatrix, gradients: DenseMatrix, outputs: [Double]?, robustness: RobustnessSettings,
                smoothness: Smoothness.Settings) throws(ExplainError) {
        guard rows.rows == gradients.rows, rows.cols == gradients.cols else {
            throw ExplainError("poe: \(rows.rows) x \(rows.cols) rows but \(gradients.rows) x \(gradients.cols) gradients")
        }
        guard rows.rows >= 1, rows.cols >= 1 else { throw ExplainError("poe: no rows to explain") }
        if let outputs, outputs.count != rows.rows {
            throw ExplainError("poe: \(outputs.count) outputs for \(rows.rows) rows")
        }
        for (name, m) in [("row", rows), ("gradient", gradients)] {
            if let bad = m.values.firstIndex(where: { !$0.isFinite }) {
                throw ExplainError("poe: \(name) \(bad / m.cols), feature \(bad % m.cols) is \(m.values[bad])")
            }
        }
        self.rows = rows
        self.gradients = gradients
        self.outputs = outputs
        self.robustness = robustness
        let n = rows.rows
        let rowSpectrum: any Spectrum
        if robustness.similarity == .uniform {
            similarity = nil
            rowSpectrum = CompleteGraphSpectrum(size: n)
        } else {
            let s = try robustness.matrix(rows)
            similarity = s
            do { rowSpectrum = try DenseSpectrum.laplacian(of: s) } catch {
                throw ExplainError(plugin: "poe", field: "similarity", error.description)
            }
        }
        featureSimilarity = try smoothness.featureMatrix(features: rows.cols, plugin: "poe")
        kronecker = KroneckerSolver(rows: rowSpectrum, columns: try smoothness.featureSpectrum(features: rows.cols, plugin: "poe"))
    }

    public var rowCount: Int { rows.rows }
    public var featureCount: Int { rows.cols }

    /// Table 2's losses of `w`. R-avg and smoothness are computed through the Laplacians
    /// (`sum_{n,n'} S_nn' |w_n - w_n'|^2 = 2 tr(W^T L W)`), which the tests hold equal to the
    /// pairwise sums the metrics compute. R-max, O(N^2 D) pairs, only when `maximum` (else 0);
    /// F-func only when the problem has f's values (else 0).
    public func losses(_ w: DenseMatrix, maximum: Bool = true) -> PropertyLossValues {
        var v = PropertyLossValues()
        v.fGrad = PropertyLosses.gradientFaithfulness(w, gradients: gradients)
        if let outputs { v.fFunc = PropertyLosses.functionFaithfulness(w, rows: rows, outputs: outputs) }
        v.rAvg = 2 * quadraticForm(w, spectrum: kronecker.rows, onRows: true)
        v.smoothness = 2 * quadraticForm(w, spectrum: kronecker.columns, onRows: false)
        if maximum && robustness.similarity != .gaussianPrecision {
            v.rMax = PropertyLosses.maximumRobustness(w, similarity: similarity)
        }
        v.complexity = PropertyLosses.complexity(w)
        return v
    }

    /// `tr(W^T L W)` (rows) or `tr(W L W^T)` (columns) from the spectrum of L.
    private func quadraticForm(_ w: DenseMatrix, spectrum: any Spectrum, onRows: Bool) -> Double {
        let coordinates = spectrum.toEigenbasis(onRows ? w : w.transposed)
        let k = coordinates.cols
        var total = 0.0
        for i in 0..<coordinates.rows {
            let mu = spectrum.eigenvalues[i]
            if mu == 0 { continue }
            for j in 0..<k { total += mu * coordinates.values[i * k + j] * coordinates.values[i * k + j] }
        }
        return total
    }

    /// Checks that a mix can be optimised here: F-func needs f's values, R-max non-negative similarities.
    func check(_ weights: PropertyWeights) throws(ExplainError) {
        try weights.validate(for: "poe")
        if weights.fFunc > 0 && outputs == nil {
            throw ExplainError(plugin: "poe", field: "f_func", "the problem was built without f's values")
        }
        if weights.rMax > 0 && robustness.similarity == .gaussianPrecision {
            throw ExplainError(plugin: "poe", field: "similarity", "R-max needs non-negative similarities (uniform or gaussian)")
        }
    }
}
