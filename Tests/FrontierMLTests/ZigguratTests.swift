import Foundation
import Testing
@testable import FrontierML

@Suite("Ziggurat normals and the shared-Gram ridge")
struct ZigguratTests {
    @Test("Ziggurat draws are standard normal: moments, tails beyond the base layer, Kolmogorov-Smirnov distance")
    func distribution() {
        var g = SeededGenerator(seed: 11)
        let n = 1_000_000
        let x = g.zigguratNormals(n).map(Double.init)
        let mean = x.reduce(0, +) / Double(n)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        #expect(abs(mean) < 0.005 && abs(variance - 1) < 0.01, "mean \(mean), variance \(variance)")
        // P(|x| > 3.6541528853610088) = 2.58e-4: the tail algorithm must be reached and be right.
        let tail = x.filter { abs($0) > Ziggurat.r }.count
        #expect((180...340).contains(tail), "\(tail) draws in the tail")
        #expect(x.filter { $0 > 0 }.count > n / 2 - 3000 && x.filter { $0 > 0 }.count < n / 2 + 3000)
        let sorted = x.sorted()
        var distance = 0.0
        for (i, v) in sorted.enumerated() where i % 97 == 0 {
            let cdf = 0.5 * erfc(-v / 2.0.squareRoot())
            distance = max(distance, abs(cdf - Double(i) / Double(n)), abs(cdf - Double(i + 1) / Double(n)))
        }
        #expect(distance < 0.002, "KS distance \(distance)")
    }

    @Test("The same generator state gives the same draws")
    func deterministic() {
        var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3)
        #expect(a.zigguratNormals(1000) == b.zigguratNormals(1000))
        #expect(a.next() == b.next())
    }

    @Test("The shared-Gram ridge solves the same regressions as the double-precision ridge")
    func sharedGram() {
        var g = SeededGenerator(seed: 5)
        let n = 3000, d = 40
        let x = Matrix(rows: n, cols: d, scalars: g.normals(n * d))
        let weights = (0..<n).map { _ in g.nextUniform() }
        let targets = (0..<2).map { t in (0..<n).map { i in
            Double(x[i, 0]) * 2 - Double(x[i, 3]) + 0.5 * Double(t) + 0.1 * g.nextNormal() } }
        let shared = LinearFit.ridge(x, targets: targets, sampleWeights: weights, ridge: 1)
        for (t, y) in targets.enumerated() {
            let reference = LinearFit.ridge(x, y, sampleWeights: weights, ridge: 1)
            let gap = zip(shared[t].weights, reference.weights).map { abs($0 - $1) }.max()!
            #expect(gap < 1e-5 && abs(shared[t].intercept - reference.intercept) < 1e-5, "target \(t): \(gap)")
        }
    }
}
