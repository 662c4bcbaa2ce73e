import Testing
import FrontierML
@testable import FrontierExplain

@Suite("Explanation context and k-means backgrounds")
struct ContextTests {
    /// Three well-separated blobs of 40, 25 and 10 rows, with a one-hot-like third column.
    func blobs(_ g: inout SeededGenerator) -> Matrix {
        var rows: [[Float]] = []
        for (centre, count) in [(Float(0), 40), (10, 25), (20, 10)] {
            for i in 0..<count {
                rows.append([centre + Float(g.nextNormal()) * 0.3, Float(g.nextNormal()) * 0.3, i % 3 == 0 ? 1 : 0])
            }
        }
        return Matrix(rows)
    }

    @Test("A k-means background is weighted by cluster size and snapped to values the features take")
    func background() throws {
        var g = SeededGenerator(seed: 4)
        // k-means averages the one-hot-like column; rounding puts it back to 0 or 1.
        let x = blobs(&g)
        let context = try ExplanationContext(training: x, background: BackgroundSettings(kind: .kmeans, size: 3),
                                             generator: SeededGenerator(seed: 2))
        let expectedWeights: [Double] = [10, 25, 40].map { $0 / 75 }
        #expect(context.backgroundWeights.sorted() == expectedWeights)
        let oneHot: Set<Float> = [0, 1]
        #expect((0..<3).allSatisfy { oneHot.contains(context.background[$0, 2]) })
        let column0 = Set(x.column(0))
        #expect((0..<3).allSatisfy { column0.contains(context.background[$0, 0]) })
        #expect(abs(context.featureMeans[2] - 27.0 / 75) < 1e-6)
        #expect(context.featureMaximums[2] == 1 && context.featureMinimums[2] == 0)
    }

    @Test("A sample background holds training rows, equally weighted; a size beyond the rows takes them all")
    func sample() throws {
        var g = SeededGenerator(seed: 5)
        let x = randomMatrix(30, 4, &g)
        let context = try ExplanationContext(training: x, background: BackgroundSettings(kind: .sample, size: 8),
                                             generator: SeededGenerator(seed: 1))
        let rows = Set((0..<30).map { Array(x.row($0)) })
        #expect(context.background.rows == 8 && (0..<8).allSatisfy { rows.contains(Array(context.background.row($0))) })
        #expect(context.backgroundWeights.allSatisfy { abs($0 - 0.125) < 1e-12 })
        let all = try ExplanationContext(training: x, background: BackgroundSettings(kind: .kmeans, size: 50),
                                         generator: SeededGenerator(seed: 1))
        #expect(all.background == x)
    }

    @Test("Contexts with mismatched parts are refused")
    func refusals() {
        #expect(throws: ExplainError.self) {
            try ExplanationContext(background: Matrix(rows: 2, cols: 3), featureMeans: [0, 0], featureMinimums: [0, 0, 0],
                                   featureMaximums: [0, 0, 0])
        }
        #expect(throws: ExplainError.self) {
            try ExplanationContext(background: Matrix(rows: 2, cols: 1), backgroundWeights: [1, -1], featureMeans: [0],
                                   featureMinimums: [0], featureMaximums: [0])
        }
    }
}
