import Foundation
import Testing
@testable import FrontierML

@Suite("Metrics and linear fits against hand-computed values")
struct MetricsTests {
    @Test func classification() {
        let predicted = [1, 0, 1, 1, 0, 0]
        let actual = [1, 0, 0, 1, 1, 0]
        #expect(Metrics.accuracy(predicted: predicted, actual: actual) == 4.0 / 6.0)
        // tp = 2, fp = 1, fn = 1 -> F1 = 4 / 6
        #expect(abs(Metrics.f1(predicted: predicted, actual: actual) - 4.0 / 6.0) < 1e-12)
        #expect(Metrics.f1(predicted: [0, 0], actual: [1, 0]) == 0)
        #expect(Metrics.argmaxLabels(Matrix([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]])) == [1, 0])
    }

    @Test func regression() {
        let p: [Float] = [1, 2, 3, 4]
        let y: [Float] = [1, 3, 2, 4]
        #expect(abs(Metrics.meanSquaredError(p, y) - 0.5) < 1e-12)
        // mean 2.5, SS_tot = 5, SS_res = 2 -> R^2 = 0.6
        #expect(abs(Metrics.rSquared(p, y) - 0.6) < 1e-12)
        #expect(Metrics.rSquared(y, y) == 1)
    }

    @Test("Least squares recovers exact coefficients")
    func leastSquares() {
        var g = SeededGenerator(seed: 2)
        let x = Matrix(rows: 50, cols: 3, scalars: g.normals(150))
        let y = (0..<50).map { r in 2 * Double(x[r, 0]) - Double(x[r, 1]) + 0.5 * Double(x[r, 2]) + 3 }
        let fit = LinearFit.ridge(x, y, ridge: 0)
        for (a, b) in zip(fit.weights, [2.0, -1.0, 0.5]) { #expect(abs(a - b) < 1e-5) }
        #expect(abs(fit.intercept - 3) < 1e-5)
    }

    @Test("Logistic regression finds the separating direction")
    func logistic() {
        var g = SeededGenerator(seed: 4)
        let x = Matrix(rows: 400, cols: 2, scalars: g.normals(800))
        var noise = SeededGenerator(seed: 9)
        let labels = (0..<400).map { r -> Int in
            let z = 3 * Double(x[r, 0]) - Double(x[r, 1]) + 0.5
            return noise.nextUniform() < 1 / (1 + exp(-z)) ? 1 : 0
        }
        let fit = LinearFit.logistic(x, labels: labels, l2: 1e-3)
        #expect(abs(fit.weights[0] / fit.weights[1] - (-3)) < 1.0)
        #expect(fit.weights[0] > 1.5 && fit.weights[0] < 5)
    }

    @Test("Seeded generator: reproducible, independent derived streams, unit normals")
    func generator() {
        var a = SeededGenerator(seed: 10), b = SeededGenerator(seed: 10)
        #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
        var c = SeededGenerator(seed: 10).derived("x"), d = SeededGenerator(seed: 10).derived("y")
        #expect(c.next() != d.next())
        var n = SeededGenerator(seed: 1)
        let values = (0..<20000).map { _ in n.nextNormal() }
        let mean = values.reduce(0, +) / 20000
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20000
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
        var p = SeededGenerator(seed: 3)
        #expect(p.permutation(100).sorted() == Array(0..<100))
    }

    @Test func matrixProduct() {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        let b = Matrix([[1, 0, 2], [0, 1, 3]])
        #expect(a.matmul(b) == Matrix([[1, 2, 8], [3, 4, 18], [5, 6, 28]]))
        #expect(a.matmul(a, transposeSelf: true) == Matrix([[35, 44], [44, 56]]))
        #expect(a.transposed.matmul(b, transposeOther: true) == Matrix([[11, 18], [14, 22]]))
    }
}
