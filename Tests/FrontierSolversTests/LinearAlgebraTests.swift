import Foundation
import Testing
import FrontierML
@testable import FrontierSolvers

func randomSymmetric(_ n: Int, _ g: inout SeededGenerator, positive: Bool = true) -> DenseMatrix {
    var a = DenseMatrix(rows: n, cols: n)
    for i in 0..<(n * n) { a.values[i] = g.nextNormal() }
    var s = a.multiplied(by: a, transposeOther: true)
    if positive { for i in 0..<n { s[i, i] += 0.1 } }
    return s
}

func maxDifference(_ a: DenseMatrix, _ b: DenseMatrix) -> Double {
    zip(a.values, b.values).map { abs($0 - $1) }.max() ?? 0
}

@Suite("Dense linear algebra through LAPACK")
struct LinearAlgebraTests {
    @Test("Eigendecomposition reconstructs the matrix with orthonormal vectors, ascending values")
    func eigen() throws {
        var g = SeededGenerator(seed: 3)
        let a = randomSymmetric(7, &g)
        let e = try SymmetricEigen(a)
        #expect(maxDifference(e.function { $0 }, a) < 1e-10)
        #expect(maxDifference(e.vectors.multiplied(by: e.vectors, transposeSelf: true), .identity(7)) < 1e-12)
        #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test("Cholesky solves a positive-definite system and refuses an indefinite one")
    func cholesky() throws {
        var g = SeededGenerator(seed: 4)
        let a = randomSymmetric(6, &g)
        let b = DenseMatrix(rows: 6, cols: 2, values: (0..<12).map { Double($0) - 5 })
        let x = try Cholesky(a).solve(b)
        #expect(maxDifference(a.multiplied(by: x), b) < 1e-9)
        #expect(throws: SolverError.self) { try Cholesky(DenseMatrix([[1, 2], [2, 1]])) }
    }

    @Test("Conjugate gradients solve an SPD system, with and without a preconditioner")
    func conjugateGradient() throws {
        var g = SeededGenerator(seed: 5)
        let a = randomSymmetric(30, &g)
        let b = (0..<30).map { _ in g.nextNormal() }
        let exact = try Cholesky(a).solve(b)
        let plain = ConjugateGradient.solve(apply: { a.multiplied(by: $0) }, rhs: b, tolerance: 1e-12, maxIterations: 500)
        let diagonal = (0..<30).map { a[$0, $0] }
        let jacobi = ConjugateGradient.solve(apply: { a.multiplied(by: $0) }, rhs: b,
                                             preconditioner: { r in r.indices.map { r[$0] / diagonal[$0] } }, tolerance: 1e-12)
        for result in [plain, jacobi] {
            #expect(result.converged)
            #expect(zip(result.solution, exact).map { abs($0 - $1) }.max()! < 1e-7 * exact.map(abs).max()!)
        }
    }

    @Test("Laplacian spectra: the constant vector first, complete graph in closed form equal to the dense one")
    func spectra() throws {
        var g = SeededGenerator(seed: 6)
        var s = DenseMatrix(rows: 8, cols: 8)
        for i in 0..<8 { for j in 0..<i { let v = g.nextUniform(); s[i, j] = v; s[j, i] = v } }
        let dense = try DenseSpectrum.laplacian(of: s)
        let first = (0..<8).map { dense.eigen.vectors[$0, 0] }
        #expect(first.allSatisfy { abs(abs($0) - 1 / 8.0.squareRoot()) < 1e-12 })
        #expect(dense.eigenvalues[0] == 0)
        let l = try Laplacian.of(s)
        #expect(maxDifference(dense.eigen.function { $0 }, l) < 1e-12)
        // A Laplacian with two components (two zero eigenvalues) still puts the constant first.
        var split = DenseMatrix(rows: 4, cols: 4)
        split[0, 1] = 1; split[1, 0] = 1; split[2, 3] = 1; split[3, 2] = 1
        let two = try DenseSpectrum.laplacian(of: split)
        #expect((0..<4).allSatisfy { abs(two.eigen.vectors[$0, 0] - two.eigen.vectors[0, 0]) < 1e-12 })
        // The complete graph's Householder basis diagonalises n I - 1 1^T.
        let complete = CompleteGraphSpectrum(size: 8)
        let x = DenseMatrix(rows: 8, cols: 3, values: (0..<24).map { _ in g.nextNormal() })
        let viaDense = try DenseSpectrum.laplacian(of: DenseMatrix(rows: 8, cols: 8, repeating: 1)).apply({ $0 }, to: x)
        #expect(maxDifference(complete.apply({ $0 }, to: x), viaDense) < 1e-12)
        #expect(maxDifference(complete.fromEigenbasis(complete.toEigenbasis(x)), x) < 1e-12)
        // A similarity with a negative Laplacian eigenvalue is refused.
        #expect(throws: SolverError.self) { try DenseSpectrum.laplacian(of: DenseMatrix([[0, -1, 0], [-1, 0, 2], [0, 2, 0]])) }
    }

    @Test("Kronecker solves equal the assembled system's solution")
    func kronecker() throws {
        var g = SeededGenerator(seed: 7)
        let (n, d) = (6, 4)
        var s = DenseMatrix(rows: n, cols: n), t = DenseMatrix(rows: d, cols: d)
        for i in 0..<n { for j in 0..<i { let v = g.nextUniform(); s[i, j] = v; s[j, i] = v } }
        for i in 0..<d { for j in 0..<i { let v = g.nextUniform(); t[i, j] = v; t[j, i] = v } }
        let solver = KroneckerSolver(rows: try DenseSpectrum.laplacian(of: s), columns: try DenseSpectrum.laplacian(of: t))
        let rhs = DenseMatrix(rows: n, cols: d, values: (0..<(n * d)).map { _ in g.nextNormal() })
        let (a, b, c) = (0.7, 1.3, 0.4)
        let mu = solver.rows.eigenvalues, nu = solver.columns.eigenvalues
        let w = try solver.solve(eigenRHS: solver.toEigenbasis(rhs), denominator: { a + b * mu[$0] + c * nu[$1] })
        // a W + b L W + c W L~ = rhs
        let ls = try Laplacian.of(s), lt = try Laplacian.of(t)
        let back = a * w + b * ls.multiplied(by: w) + c * w.multiplied(by: lt)
        #expect(maxDifference(back, rhs) < 1e-10)
        #expect(throws: SolverError.self) { try solver.solve(eigenRHS: rhs, denominator: { _, _ in -1 }) }
    }

    @Test("The Gaussian kernel matrix")
    func gaussianKernel() {
        let a = DenseMatrix([[0, 0], [1, 1]]), b = DenseMatrix([[0, 0], [0, 2], [3, 0]])
        let k = GaussianKernel.matrix(a, b, lengthScale: 2)
        #expect(abs(k[0, 0] - 1) < 1e-15)
        #expect(abs(k[1, 1] - exp(-2 / 8.0)) < 1e-14)
        #expect(abs(k[1, 2] - exp(-5 / 8.0)) < 1e-14)
    }
}
