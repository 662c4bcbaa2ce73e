import Foundation
import Testing
@testable import FrontierML

/// `LinearFit.ridge` as it was written before its normal equations went through raw
/// buffers: LIME's results must not change by a bit (run this in release too, where the
/// inner loop is vectorised).
private func referenceRidge(_ x: Matrix, _ y: [Double], sampleWeights: [Double], ridge: Double) -> LinearFit.Coefficients {
    let n = x.rows, d = x.cols
    let w = sampleWeights
    let wSum = w.reduce(0, +)
    var mean = [Double](repeating: 0, count: d)
    var yMean = 0.0
    for i in 0..<n {
        yMean += w[i] * y[i]
        for j in 0..<d { mean[j] += w[i] * Double(x.scalars[i * d + j]) }
    }
    yMean /= wSum
    for j in 0..<d { mean[j] /= wSum }
    var gram = [Double](repeating: 0, count: d * d)
    var rhs = [Double](repeating: 0, count: d)
    var row = [Double](repeating: 0, count: d)
    for i in 0..<n {
        for j in 0..<d { row[j] = Double(x.scalars[i * d + j]) - mean[j] }
        let wi = w[i], yi = y[i] - yMean
        for j in 0..<d {
            let wr = wi * row[j]
            rhs[j] += wr * yi
            for k in j..<d { gram[j * d + k] += wr * row[k] }
        }
    }
    var trace = 0.0
    for j in 0..<d { trace += gram[j * d + j] }
    let jitter = max(ridge, 1e-10 * max(trace / Double(max(d, 1)), 1))
    for j in 0..<d {
        gram[j * d + j] += jitter
        for k in 0..<j { gram[j * d + k] = gram[k * d + j] }
    }
    let coef = BLAS.solvePositiveDefinite(gram, rhs, n: d) ?? [Double](repeating: 0, count: d)
    var intercept = yMean
    for j in 0..<d { intercept -= coef[j] * mean[j] }
    return LinearFit.Coefficients(weights: coef, intercept: intercept)
}

@Suite("Ridge regression")
struct RidgeBitIdentityTests {
    @Test("The buffered normal equations give the same coefficients to the bit", arguments: [(50, 3), (1000, 108), (333, 17)])
    func sameBits(rows: Int, cols: Int) {
        var g = SeededGenerator(seed: UInt64(rows * cols))
        let x = Matrix(rows: rows, cols: cols, scalars: g.normals(rows * cols))
        let y = (0..<rows).map { _ in g.nextNormal() }
        let w = (0..<rows).map { _ in exp(-g.nextUniform() * 3) }
        let fast = LinearFit.ridge(x, y, sampleWeights: w, ridge: 1)
        let reference = referenceRidge(x, y, sampleWeights: w, ridge: 1)
        #expect(fast.weights == reference.weights && fast.intercept == reference.intercept)
    }
}
