import Foundation
import Testing
import FrontierML
@testable import FrontierSolvers

@Suite("First-order methods, proximal maps and the simplex QP")
struct OptimisationTests {
    /// A random lasso `1/2 x^T H x - b^T x + l |x|_1`.
    struct Lasso {
        var h: DenseMatrix
        var b: [Double]
        var lambda: Double

        func objective(_ x: [Double]) -> Double {
            0.5 * Vector.dot(x, h.multiplied(by: x)) - Vector.dot(b, x) + lambda * x.reduce(0) { $0 + abs($1) }
        }

        /// The KKT violation: `Hx - b + l sign(x)` on the support, `max(0, |Hx - b| - l)` off it.
        func kkt(_ x: [Double]) -> Double {
            let g = Vector.subtract(h.multiplied(by: x), b)
            return x.indices.map { i in x[i] != 0 ? abs(g[i] + lambda * (x[i] > 0 ? 1 : -1)) : max(0, abs(g[i]) - lambda) }.max()!
        }
    }

    func lasso(seed: UInt64, n: Int = 12) -> Lasso {
        var g = SeededGenerator(seed: seed)
        return Lasso(h: randomSymmetric(n, &g), b: (0..<n).map { _ in 3 * g.nextNormal() }, lambda: 1.5)
    }

    @Test("FISTA and ADMM solve the same lasso to its KKT conditions")
    func lassoSolvers() throws {
        let p = lasso(seed: 11)
        let n = p.b.count
        let lipschitz = try SymmetricEigen(p.h).values.last!
        let fista = FISTA.minimise(from: [Double](repeating: 0, count: n), gradient: { Vector.subtract(p.h.multiplied(by: $0), p.b) },
                                   lipschitz: lipschitz, prox: { ProximalOperators.softThreshold($0, $1 * p.lambda) },
                                   scale: Vector.norm(p.b), tolerance: 1e-12, maxIterations: 100_000)
        #expect(fista.converged)
        #expect(p.kkt(fista.solution) < 1e-8)
        let problem = ADMM.Problem(
            applyA: { $0 }, applyAT: { $0 },
            xUpdate: { v, rho, _ in
                var shifted = p.h
                for i in 0..<n { shifted[i, i] += rho }
                return try! Cholesky(shifted).solve(Vector.add(p.b, Vector.scaled(v, by: rho)))
            },
            zUpdate: { ProximalOperators.softThreshold($0, p.lambda / $1) })
        let zero = [Double](repeating: 0, count: n)
        let admm = ADMM.solve(problem, from: ADMM.State(x: zero, z: zero, u: zero, rho: 1),
                              options: ADMM.Options(absoluteTolerance: 1e-12, relativeTolerance: 1e-11, maxIterations: 50_000))
        #expect(admm.converged)
        #expect(p.kkt(admm.z) < 1e-6)
        #expect(zip(admm.z, fista.solution).map { abs($0 - $1) }.max()! < 1e-6)
        // Soft thresholding really zeroes entries here.
        #expect(fista.solution.contains(0))
    }

    @Test("The max-squared-norm prox beats every nearby point and sets the maximum to its level")
    func maxProx() {
        var g = SeededGenerator(seed: 12)
        let (k, width) = (6, 3)
        let v = (0..<(k * width)).map { _ in 2 * g.nextNormal() }
        let s = (0..<k).map { $0 == 2 ? 0 : 0.5 + g.nextUniform() }
        let tau = 0.8
        func objective(_ d: [Double]) -> Double {
            var fit = 0.0, largest = 0.0
            for i in 0..<(k * width) { fit += 0.5 * (d[i] - v[i]) * (d[i] - v[i]) }
            for i in 0..<k { largest = max(largest, s[i] * (0..<width).reduce(0) { $0 + d[i * width + $1] * d[i * width + $1] }) }
            return fit + tau * largest
        }
        let (d, level) = ProximalOperators.maxSquaredNorm(v, width: width, weights: s, tau: tau)
        let best = objective(d)
        let largest = (0..<k).map { i in s[i] * (0..<width).reduce(0) { $0 + d[i * width + $1] * d[i * width + $1] } }.max()!
        #expect(abs(largest - level * level) < 1e-10)
        // The weight-0 vector is left alone.
        #expect((0..<width).allSatisfy { d[2 * width + $0] == v[2 * width + $0] })
        for _ in 0..<2000 {
            let scale = 0.1 * g.nextUniform()
            let trial = d.map { $0 + scale * g.nextNormal() }
            #expect(objective(trial) >= best - 1e-12)
        }
    }

    @Test("The simplex QP matches enumeration of every support")
    func simplexQP() throws {
        for seed in UInt64(20)..<UInt64(26) {
            var g = SeededGenerator(seed: seed)
            let m = 5
            var a = DenseMatrix(rows: 3, cols: m)
            for i in 0..<a.count { a.values[i] = g.nextNormal() }
            let h = a.multiplied(by: a, transposeSelf: true)  // rank 3: singular
            let c = (0..<m).map { _ in g.nextNormal() }
            let result = try SimplexQP.minimise(hessian: h, linear: c)
            #expect(abs(result.weights.reduce(0, +) - 1) < 1e-12)
            #expect(result.weights.allSatisfy { $0 >= 0 })
            #expect(result.kktResidual < 1e-9)
            #expect(result.objective <= bruteForce(h, c) + 1e-10)
            // A warm start from any feasible point ends at the same minimum.
            let warm = try SimplexQP.minimise(hessian: h, linear: c, start: [Double](repeating: 0.2, count: m))
            #expect(abs(warm.objective - result.objective) < 1e-10)
        }
    }

    /// The minimum over every support S of the equality-constrained QP on S (a grid would be too coarse).
    func bruteForce(_ h: DenseMatrix, _ c: [Double]) -> Double {
        let m = c.count
        var best = Double.infinity
        for mask in 1..<(1 << m) {
            let s = (0..<m).filter { mask & (1 << $0) != 0 }
            // Minimise on the affine set by parametrising a_S = e_first + sum t_i (e_i - e_first), a dense least-norm solve.
            var kkt = DenseMatrix(rows: s.count + 1, cols: s.count + 1)
            var rhs = [Double](repeating: 0, count: s.count + 1)
            for (p, i) in s.enumerated() {
                for (q, j) in s.enumerated() { kkt[p, q] = h[i, j] }
                kkt[p, s.count] = 1; kkt[s.count, p] = 1
                rhs[p] = -c[i]
            }
            rhs[s.count] = 1
            guard let e = try? SymmetricEigen(kkt) else { continue }
            let top = e.values.map(abs).max()!
            let x = e.function { abs($0) > 1e-12 * top ? 1 / $0 : 0 }.multiplied(by: rhs)
            var a = [Double](repeating: 0, count: m)
            for (p, i) in s.enumerated() { a[i] = x[p] }
            guard a.allSatisfy({ $0 >= -1e-12 }), abs(a.reduce(0, +) - 1) < 1e-9 else { continue }
            best = min(best, 0.5 * Vector.dot(a, h.multiplied(by: a)) + Vector.dot(c, a))
        }
        return best
    }
}
