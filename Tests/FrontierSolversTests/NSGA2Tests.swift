import Foundation
import Testing
import FrontierML
@testable import FrontierSolvers

@Suite("NSGA-II and its operators")
struct NSGA2Tests {
    @Test("Non-dominated sorting and crowding distance on a known set")
    func sorting() {
        let scores: [[Double]] = [[1, 5], [2, 3], [4, 1], [3, 4], [5, 5], [2, 3]]
        let fronts = NSGA2.nonDominatedSort(scores)
        #expect(fronts == [[0, 1, 2, 5], [3], [4]])
        let crowding = NSGA2.crowdingDistance([[0, 4], [1, 2], [2, 1], [4, 0]], front: [0, 1, 2, 3])
        #expect(crowding[0] == .infinity && crowding[3] == .infinity)
        // Point 1: (2 - 0)/4 + (4 - 1)/4 = 1.25; point 2: (4 - 1)/4 + (2 - 0)/4 = 1.25.
        #expect(abs(crowding[1] - 1.25) < 1e-12 && abs(crowding[2] - 1.25) < 1e-12)
    }

    @Test("SBX and polynomial mutation stay within bounds; SBX keeps the parents' mean")
    func operators() {
        var g = SeededGenerator(seed: 41)
        let lower = [Double](repeating: -1, count: 50), upper = [Double](repeating: 2, count: 50)
        for _ in 0..<200 {
            let p1 = (0..<50).map { _ in -1 + 3 * g.nextUniform() }, p2 = (0..<50).map { _ in -1 + 3 * g.nextUniform() }
            let (c1, c2) = NSGA2.simulatedBinaryCrossover(p1, p2, lower: lower, upper: upper, eta: 15, generator: &g)
            #expect(c1.allSatisfy { $0 >= -1 && $0 <= 2 } && c2.allSatisfy { $0 >= -1 && $0 <= 2 })
            let mutated = NSGA2.polynomialMutation(p1, lower: lower, upper: upper, eta: 20, probability: 0.5, generator: &g)
            #expect(mutated.allSatisfy { $0 >= -1 && $0 <= 2 })
        }
        // Far from the bounds the two spread factors coincide: the children are symmetric about the parents' mean.
        let far = [Double](repeating: 1e9, count: 50)
        let p1 = (0..<50).map { _ in g.nextNormal() }, p2 = (0..<50).map { _ in g.nextNormal() }
        let (c1, c2) = NSGA2.simulatedBinaryCrossover(p1, p2, lower: far.map { -$0 }, upper: far, eta: 15, generator: &g)
        for i in 0..<50 { #expect(abs((c1[i] + c2[i]) - (p1[i] + p2[i])) < 1e-6) }
        #expect((0..<50).contains { c1[$0] != p1[$0] })
    }

    @Test("It finds and spreads along the front of a convex two-objective problem, the same for the same seed")
    func convergence() throws {
        // f1 = |x|^2, f2 = |x - (2, 2, 2)|^2: the front is the segment from 0 to (2, 2, 2).
        let objectives: ([Double]) -> [Double] = { x in
            [x.reduce(0) { $0 + $1 * $1 }, x.reduce(0) { $0 + ($1 - 2) * ($1 - 2) }]
        }
        var g = SeededGenerator(seed: 42)
        let start = (0..<20).map { _ in (0..<3).map { _ in -3 + 8 * g.nextUniform() } }
        let options = NSGA2.Options(populationSize: 40, generations: 150)
        var g1 = SeededGenerator(seed: 7), g2 = SeededGenerator(seed: 7)
        let a = try NSGA2.minimise(initial: start, lower: [-3, -3, -3], upper: [5, 5, 5], options: options, generator: &g1, objectives: objectives)
        let b = try NSGA2.minimise(initial: start, lower: [-3, -3, -3], upper: [5, 5, 5], options: options, generator: &g2, objectives: objectives)
        #expect(a.population == b.population)
        // Pareto optimal points have equal coordinates in [0, 2]: sqrt(f1) + sqrt(f2) = 2 sqrt(3).
        let gaps = a.front.map { i in a.objectives[i][0].squareRoot() + a.objectives[i][1].squareRoot() - 2 * 3.0.squareRoot() }
        // NSGA-II's typical member is close to the front; the extremes, kept for their infinite
        // crowding distance, lag (an independent Python port of the same operators gives the same picture).
        #expect(gaps.sorted()[gaps.count / 2] < 0.05)
        #expect(gaps.max()! < 0.3)
        let spread = a.front.map { a.objectives[$0][0] }
        #expect(spread.min()! < 0.5 && spread.max()! > 8)
    }
}
