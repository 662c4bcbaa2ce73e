import Testing
@testable import FrontierML

@Suite("k-means")
struct KMeansTests {
    /// Three well-separated blobs of 40, 25 and 10 rows.
    func blobs(_ g: inout SeededGenerator) -> Matrix {
        let centres: [[Float]] = [[0, 0], [10, 0], [0, 10]]
        var rows: [[Float]] = []
        for (c, count) in zip(centres, [40, 25, 10]) {
            for _ in 0..<count { rows.append([c[0] + Float(g.nextNormal()) * 0.3, c[1] + Float(g.nextNormal()) * 0.3]) }
        }
        return Matrix(rows)
    }

    @Test("Finds separated clusters, their sizes and means, the same for the same seed")
    func separatedClusters() {
        var g = SeededGenerator(seed: 3)
        let x = blobs(&g)
        var a = SeededGenerator(seed: 1), b = SeededGenerator(seed: 1)
        let first = KMeans(clusters: 3).fit(x, generator: &a)
        let second = KMeans(clusters: 3).fit(x, generator: &b)
        #expect(first.sizes.sorted() == [10, 25, 40])
        #expect(first.centroids == second.centroids && first.assignments == second.assignments)
        for c in 0..<3 {
            let members = (0..<x.rows).filter { first.assignments[$0] == c }
            let mean = members.reduce(Float(0)) { $0 + x[$1, 0] } / Float(members.count)
            #expect(abs(mean - first.centroids[c, 0]) < 1e-4)
        }
        // One cluster per blob: the inertia is the blobs' own spread, about 75 x 2 x 0.09.
        #expect(first.inertia < 30)
    }

    @Test("As many clusters as rows puts every row in its own cluster")
    func oneRowEach() {
        var g = SeededGenerator(seed: 2)
        let x = Matrix([[0, 0], [1, 0], [0, 5]])
        let result = KMeans(clusters: 3, restarts: 2).fit(x, generator: &g)
        #expect(result.sizes == [1, 1, 1] && result.inertia < 1e-9)
    }
}
