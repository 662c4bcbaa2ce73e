import Foundation
import Testing
@testable import FrontierML

@Suite("Logistic regression on soft targets")
struct SoftTargetLogisticTests {
    static let data: (Matrix, [Double]) = {
        var g = SeededGenerator(seed: 12)
        let (n, d) = (500, 4)
        let x = Matrix(rows: n, cols: d, scalars: g.normals(n * d))
        let t = (0..<n).map { i in 1 / (1 + exp(-(1.5 * Double(x[i, 0]) - Double(x[i, 1] * x[i, 2]) + 0.3))) }
        return (x, t)
    }()

    @Test("The gradient vanishes at the fit (KKT), and a warm start converges to the same coefficients")
    func stationarity() {
        let (x, t) = Self.data
        for l2 in [1e-3, 1.0] {
            let fit = LinearFit.logistic(x, probabilities: t, l2: l2)
            var gradient = [Double](repeating: 0, count: x.cols + 1)
            for i in 0..<x.rows {
                let r = 1 / (1 + exp(-fit.predict(x.row(i)))) - t[i]
                for j in 0..<x.cols { gradient[j] += r * Double(x[i, j]) }
                gradient[x.cols] += r
            }
            for j in 0..<x.cols { gradient[j] += l2 * fit.weights[j] }
            #expect(gradient.map(abs).max()! < 1e-7, "l2 \(l2): gradient \(gradient)")
            let warm = LinearFit.logistic(x, probabilities: t, l2: l2,
                                          start: .init(weights: fit.weights.map { $0 + 0.3 }, intercept: fit.intercept - 0.2))
            #expect(zip(warm.weights, fit.weights).allSatisfy { abs($0 - $1) < 1e-7 } && abs(warm.intercept - fit.intercept) < 1e-7)
        }
    }

    @Test("With 0/1 targets it is the labels' logistic regression")
    func hardTargets() {
        let (x, t) = Self.data
        let labels = t.map { $0 >= 0.5 ? 1 : 0 }
        let soft = LinearFit.logistic(x, probabilities: labels.map(Double.init), l2: 1)
        let hard = LinearFit.logistic(x, labels: labels, l2: 1)
        #expect(zip(soft.weights, hard.weights).allSatisfy { abs($0 - $1) < 1e-6 } && abs(soft.intercept - hard.intercept) < 1e-6)
    }
}
