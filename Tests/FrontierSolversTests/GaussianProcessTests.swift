import Foundation
import Testing
import FrontierML
@testable import FrontierSolvers

@Suite("Gaussian-process regression")
struct GaussianProcessTests {
    @Test("The posterior mean is k*(K + diag(noise))^-1 y, and the flat mean is the limit of a large constant kernel")
    func posteriorMean() throws {
        var g = SeededGenerator(seed: 31)
        let x = DenseMatrix(rows: 12, cols: 2, values: (0..<24).map { _ in 2 * g.nextNormal() })
        let q = DenseMatrix(rows: 4, cols: 2, values: (0..<8).map { _ in g.nextNormal() })
        let y = DenseMatrix(rows: 12, cols: 2, values: (0..<24).map { _ in 5 + g.nextNormal() })
        let noise = (0..<12).map { 0.1 + 0.2 * Double($0 % 3) }
        let k = GaussianKernel.matrix(x, x, lengthScale: 1.3), cross = GaussianKernel.matrix(q, x, lengthScale: 1.3)
        let plain = try GaussianProcessRegression(kernel: k, noise: noise, targets: y, flatMean: false)
        var a = k
        for i in 0..<12 { a[i, i] += noise[i] }
        let expected = cross.multiplied(by: try Cholesky(a).solve(y))
        #expect(maxDifference(plain.predict(crossKernel: cross), expected) < 1e-10)
        // Flat mean: the limit sigma^2 -> infinity of the kernel k + sigma^2.
        let flat = try GaussianProcessRegression(kernel: k, noise: noise, targets: y, flatMean: true)
        let sigma2 = 1e6
        let wide = try GaussianProcessRegression(kernel: DenseMatrix(rows: 12, cols: 12, values: k.values.map { $0 + sigma2 }),
                                                 noise: noise, targets: y, flatMean: false)
        let crossWide = DenseMatrix(rows: 4, cols: 12, values: cross.values.map { $0 + sigma2 })
        #expect(maxDifference(flat.predict(crossKernel: cross), wide.predict(crossKernel: crossWide)) < 1e-4)
        #expect(throws: SolverError.self) { try GaussianProcessRegression(kernel: k, noise: [Double](repeating: 0, count: 12), targets: y, flatMean: true) }
    }
}
