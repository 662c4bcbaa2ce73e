import Testing
@testable import FrontierML

@Suite("Fidelity inputs")
struct FidelityInputsTests {
    private func batch(rows: Int, cols: Int, seed: UInt64) -> Matrix {
        var g = SeededGenerator(seed: seed)
        return Matrix(rows: rows, cols: cols, scalars: g.normals(rows * cols))
    }

    @Test("The batch alone adds no rows")
    func batchAddsNothing() {
        var g = SeededGenerator(seed: 1)
        #expect(FidelityInputs.batch.extraRows(for: batch(rows: 8, cols: 3, seed: 2), generator: &g) == nil)
    }

    /// Every mixed row lies on the segment between its own row and another row of the batch.
    @Test("Mixup rows lie between two different rows of the batch")
    func mixupStaysBetweenRows() throws {
        let x = batch(rows: 16, cols: 5, seed: 3)
        var g = SeededGenerator(seed: 4)
        let mixed = try #require(FidelityInputs.mixup.extraRows(for: x, generator: &g))
        #expect(mixed.rows == 16 && mixed.cols == 5)
        for i in 0..<x.rows {
            let row = Array(mixed.row(i)), own = Array(x.row(i))
            let onSomeSegment = (0..<x.rows).filter { $0 != i }.contains { j in
                let other = Array(x.row(j))
                // λ from the first coordinate, then every coordinate must agree with it.
                let denominator = own[0] - other[0]
                guard abs(denominator) > 1e-4 else { return false }
                let lambda = (row[0] - other[0]) / denominator
                guard lambda >= -1e-4, lambda <= 1 + 1e-4 else { return false }
                return (0..<5).allSatisfy { k in abs(lambda * own[k] + (1 - lambda) * other[k] - row[k]) < 1e-4 }
            }
            #expect(onSomeSegment, "row \(i) is not a mix of row \(i) with another row")
        }
        #expect(mixed != x)
    }

    @Test("Noise has the asked deviation and the same seed gives the same rows")
    func noiseDeviationAndDeterminism() throws {
        let x = batch(rows: 400, cols: 10, seed: 5)
        var g1 = SeededGenerator(seed: 6), g2 = SeededGenerator(seed: 6)
        let a = try #require(FidelityInputs.noise(sigma: 0.3).extraRows(for: x, generator: &g1))
        let b = try #require(FidelityInputs.noise(sigma: 0.3).extraRows(for: x, generator: &g2))
        #expect(a == b)
        let differences = zip(a.scalars, x.scalars).map { Double($0 - $1) }
        let deviation = (differences.map { $0 * $0 }.reduce(0, +) / Double(differences.count)).squareRoot()
        #expect(abs(deviation - 0.3) < 0.01, "deviation \(deviation)")
        var g3 = SeededGenerator(seed: 7)
        #expect(FidelityInputs.noise(sigma: 0.3).extraRows(for: x, generator: &g3) != a)
    }
}
