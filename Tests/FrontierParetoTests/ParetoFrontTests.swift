import Testing
@testable import FrontierPareto

@Suite("Non-dominated sets on hand-made examples")
struct ParetoFrontTests {
    @Test("2-D: a staircase plus dominated points")
    func twoD() {
        let points: [[Double]] = [[1, 5], [2, 3], [3, 4], [4, 1], [5, 5], [2.5, 2]]
        // [3,4] is dominated by [2,3]; [5,5] by everything; [2.5,2] is new on the front.
        #expect(ParetoFront.nonDominated(points) == [0, 1, 3, 5])
    }

    @Test("2-D ties: duplicates all kept, equal x with larger y dropped")
    func twoDTies() {
        let points: [[Double]] = [[1, 2], [1, 2], [1, 3], [2, 1], [2, 1], [3, 1], [0.5, 9]]
        #expect(ParetoFront.nonDominated(points) == [0, 1, 3, 4, 6])
        // Equal y, larger x is dominated too.
        #expect(ParetoFront.nonDominated([[1, 1], [2, 1]]) == [0])
        #expect(ParetoFront.nonDominated([[1, 1], [1, 1], [1, 1]]) == [0, 1, 2])
    }

    @Test("NaN and infinite values make a point ineligible")
    func nonFinite() {
        let points: [[Double]] = [[.nan, 0], [1, 1], [0, .infinity], [2, -Double.infinity], [2, 0]]
        #expect(ParetoFront.nonDominated(points) == [1, 4])
        let points3: [[Double]] = [[.nan, 0, 0], [1, 1, 1], [2, 2, 2]]
        #expect(ParetoFront.nonDominated(points3) == [1])
        #expect(ParetoFront.nonDominated([[Double.nan, 1]]) == [])
        #expect(ParetoFront.nonDominated([]) == [])
    }

    @Test("3-D with ties and duplicates")
    func threeD() {
        let points: [[Double]] = [
            [1, 2, 3], [3, 2, 1], [2, 2, 2], [1, 2, 3], // three incomparable, one duplicate
            [2, 2, 3],                                  // dominated by [1,2,3] and [2,2,2]
            [1, 2, 2],                                  // dominates [1,2,3] and [2,2,2]
        ]
        #expect(ParetoFront.nonDominated(points) == [1, 5])
        #expect(ParetoFront.nonDominated(Array(points[0..<5])) == [0, 1, 2, 3])
    }

    @Test("Maximise direction flips the order of that objective")
    func maximise() {
        // (error to minimise, accuracy-like score to maximise)
        let points: [[Double]] = [[0.1, 0.5], [0.2, 0.9], [0.3, 0.8], [0.1, 0.4]]
        #expect(ParetoFront.nonDominated(points, directions: [.minimize, .maximize]) == [0, 1])
        #expect(ParetoFront.nonDominated(points, directions: [.minimize, .minimize]) == [3])
        #expect(ParetoFront.nonDominated(points, directions: [.maximize, .maximize]) == [1, 2])
        let three: [[Double]] = [[1, 1, 1], [2, 2, 2]]
        #expect(ParetoFront.nonDominated(three, directions: [.maximize, .maximize, .maximize]) == [1])
    }

    @Test("Sweep and pairwise algorithms agree on random 2-D sets with ties")
    func sweepMatchesPairwise() {
        var g = SplitMix(seed: 3)
        for _ in 0..<50 {
            let points = (0..<40).map { _ in [Double(g.next() % 8), Double(g.next() % 8)] }
            let pairwise = points.indices.filter { i in
                !points.indices.contains { j in ParetoFront.dominates(points[j], points[i]) }
            }
            #expect(ParetoFront.nonDominated(points) == pairwise)
        }
    }

    @Test func toMinimization() {
        #expect(Objective(name: "acc", direction: .maximize).toMinimization(0.9) == -0.9)
        #expect(Objective(name: "err").toMinimization(0.1) == 0.1)
        #expect(Objective.toMinimization([[1, 2]], directions: [.maximize, .minimize]) == [[-1, 2]])
    }
}
