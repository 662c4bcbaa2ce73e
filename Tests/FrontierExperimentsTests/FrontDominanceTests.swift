import Testing
@testable import FrontierExperiments

@Suite("Dominance between a POE front and baseline points")
struct FrontDominanceTests {
    let poe: [(Double, Double)] = [(0, 10), (2, 4), (4, 2), (10, 0)]

    @Test("A baseline point below the front dominates POE points; points above are dominated, by points or segments")
    func counts() {
        let dominance = FrontDominance()
        // (1, 3) is better than (2, 4) and (4, 2)? It beats (2, 4) in both; not (4, 2) (x worse).
        #expect(dominance.poePointsDominated(poe: poe, by: [(1, 3)]) == 1)
        #expect(dominance.poePointsDominated(poe: poe, by: [(5, 5), (11, 1)]) == 0)
        // (5, 5) is dominated by (4, 2); (3, 3.5) by the segment (2, 4)-(4, 2) (which has 3 at x = 3), not by a point.
        #expect(dominance.shareDominated(baseline: [(5, 5), (3, 3.5)], byFrontOf: poe) == 1)
        // (3, 2.9) lies below the segment: not dominated.
        #expect(dominance.shareDominated(baseline: [(3, 2.9), (5, 5)], byFrontOf: poe) == 0.5)
    }

    @Test("Ties within the tolerance are not dominance")
    func ties() {
        let dominance = FrontDominance(relativeTolerance: 1e-6)
        #expect(dominance.poePointsDominated(poe: poe, by: [(2 - 1e-9, 4)]) == 0)
        #expect(dominance.poePointsDominated(poe: poe, by: [(2 - 1e-3, 4)]) == 1)
    }

    @Test("In three losses: counts by single points")
    func threeLosses() {
        let dominance = FrontDominance()
        let poe: [[Double]] = [[0, 10, 5], [5, 5, 5], [10, 0, 5]]
        #expect(dominance.pointsDominated(poe, by: [[4, 4, 4]]) == 1)
        #expect(dominance.pointsDominated(poe, by: [[4, 4, 6]]) == 0)
        #expect(dominance.shareDominated([[6, 6, 6], [4, 4, 6]], byPointsOf: poe) == 0.5)
    }
}
