import Foundation
import Testing
@testable import FrontierPareto

@Suite("Exact hypervolume against hand values, inclusion-exclusion and Monte Carlo")
struct HypervolumeTests {
    @Test("2-D staircase: (1,3), (2,2), (3,1) against (4,4) is 6")
    func twoDHand() {
        #expect(Hypervolume.of([[1, 3], [2, 2], [3, 1]], reference: [4, 4]) == 6)
        // Order, duplicates and dominated points change nothing.
        #expect(Hypervolume.of([[3, 1], [2, 2], [2, 2], [3, 3], [1, 3]], reference: [4, 4]) == 6)
    }

    @Test("Points not strictly inside the reference contribute nothing")
    func outside() {
        #expect(Hypervolume.of([[4, 1], [1, 4], [5, 0]], reference: [4, 4]) == 0)
        #expect(Hypervolume.of([[1, 3], [4, 0], [.nan, 0]], reference: [4, 4]) == 3)
        #expect(Hypervolume.of([], reference: [1, 1, 1]) == 0)
        #expect(Hypervolume.of([[2]], reference: [5]) == 3)
    }

    @Test("3-D by hand: two overlapping boxes and a dominated point")
    func threeDHand() {
        // A = (1,1,2): box 2·2·1 = 4; C = (1,2,1): box 2·1·2 = 4; A∩C = box of (1,2,2) = 2·1·1 = 2.
        // B = (2,2,1) is dominated by C. Union = 4 + 4 - 2 = 6.
        let points: [[Double]] = [[1, 1, 2], [2, 2, 1], [1, 2, 1]]
        #expect(Hypervolume.of(points, reference: [3, 3, 3]) == 6)
        // Without C: A ∪ B = 4 + 2 - 1 (box of (2,2,2)) = 5.
        #expect(Hypervolume.of([[1, 1, 2], [2, 2, 1]], reference: [3, 3, 3]) == 5)
        #expect(Hypervolume.of([[0, 0, 0]], reference: [1, 2, 3]) == 6)
    }

    @Test("3-D and 4-D slicing equals inclusion-exclusion on small random sets")
    func inclusionExclusion() {
        var g = SplitMix(seed: 11)
        for d in [3, 4] {
            for _ in 0..<10 {
                let points = (0..<7).map { _ in (0..<d).map { _ in g.uniform() } }
                let reference = Array(repeating: 1.0, count: d)
                let exact = Hypervolume.of(points, reference: reference)
                #expect(abs(exact - Self.inclusionExclusion(points, reference)) < 1e-12)
            }
        }
    }

    @Test("Monte Carlo estimate agrees within a few percent", arguments: [2, 3, 4])
    func monteCarlo(dimensions d: Int) {
        var g = SplitMix(seed: UInt64(100 + d))
        // Points near the unit sphere's positive octant give a real trade-off front.
        let points: [[Double]] = (0..<30).map { _ in
            let v = (0..<d).map { _ in g.uniform() + 0.05 }
            let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
            return v.map { 1.1 * $0 / norm }
        }
        let reference = Array(repeating: 1.2, count: d)
        let exact = Hypervolume.of(points, reference: reference)
        let samples = 40_000
        var hits = 0
        for _ in 0..<samples {
            let z = (0..<d).map { _ in g.uniform() * 1.2 }
            if points.contains(where: { p in zip(p, z).allSatisfy { $0 <= $1 } }) { hits += 1 }
        }
        let estimate = Double(hits) / Double(samples) * pow(1.2, Double(d))
        #expect(exact > 0)
        #expect(abs(exact - estimate) / exact < 0.03, "exact \(exact), Monte Carlo \(estimate)")
    }

    @Test("200 points in 3-D stay fast")
    func scale() {
        var g = SplitMix(seed: 5)
        let points = (0..<200).map { _ -> [Double] in
            let a = g.uniform(), b = g.uniform() * (1 - a)
            return [a, b, 1 - a - b]
        }
        let v = Hypervolume.of(points, reference: [1.1, 1.1, 1.1])
        #expect(v > 0 && v < 1.331)
    }

    /// Union volume by inclusion-exclusion over all subsets: exponential, but an
    /// independent check for a handful of points.
    static func inclusionExclusion(_ points: [[Double]], _ reference: [Double]) -> Double {
        var total = 0.0
        for mask in 1..<(1 << points.count) {
            var corner = Array(repeating: -Double.infinity, count: reference.count)
            var size = 0
            for (i, p) in points.enumerated() where mask & (1 << i) != 0 {
                size += 1
                for j in corner.indices { corner[j] = max(corner[j], p[j]) }
            }
            let volume = zip(reference, corner).map { max(0, $0 - $1) }.reduce(1, *)
            total += size % 2 == 1 ? volume : -volume
        }
        return total
    }
}
