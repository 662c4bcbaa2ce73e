import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FrontierPareto

@Suite("Three-objective fronts: exact front, exact hypervolume, incremental aggregation, projection plot")
struct ThreeObjectiveTests {
    /// Points on a small integer grid, so ties and duplicates are common and every volume is exact.
    static func gridPoints(_ count: Int, seed: UInt64, dimensions: Int = 3) -> [[Double]] {
        var g = SplitMix(seed: seed)
        return (0..<count).map { _ in (0..<dimensions).map { _ in Double(g.next() % 4) } }
    }

    @Test("The front of three objectives is exactly the brute-force set of undominated points, ties and duplicates kept")
    func frontMatchesBruteForce() {
        for seed in 0..<40 {
            let points = Self.gridPoints(12, seed: UInt64(seed))
            let brute = points.indices.filter { i in
                !points.indices.contains { j in
                    zip(points[j], points[i]).allSatisfy { $0 <= $1 } && zip(points[j], points[i]).contains { $0 < $1 }
                }
            }
            #expect(ParetoFront.nonDominated(points) == brute, "seed \(seed)")
            // Maximising an objective is minimising its negative.
            let flipped = points.map { [$0[0], -$0[1], $0[2]] }
            #expect(ParetoFront.nonDominated(flipped, directions: [.minimize, .maximize, .minimize]) == brute)
        }
    }

    @Test("Three-objective hypervolume equals inclusion-exclusion exactly on integer grids with ties")
    func hypervolumeExact() {
        for seed in 0..<40 {
            let points = Self.gridPoints(10, seed: UInt64(100 + seed))
            let reference: [Double] = [4, 4, 3]  // points with a 3 in the last objective add nothing
            #expect(Hypervolume.of(points, reference: reference) == HypervolumeTests.inclusionExclusion(points, reference),
                    "seed \(seed)")
        }
        // Duplicates and dominated points change nothing; a point on the reference's boundary adds nothing.
        let base: [[Double]] = [[0, 2, 1], [1, 0, 2], [2, 1, 0]]
        let value = Hypervolume.of(base, reference: [3, 3, 3])
        #expect(value == HypervolumeTests.inclusionExclusion(base, [3, 3, 3]))
        #expect(Hypervolume.of(base + base + [[2, 2, 2], [3, 0, 0]], reference: [3, 3, 3]) == value)
    }

    @Test("A three-objective aggregator keeps the same flags and hypervolume as a recomputation after every result")
    func aggregatorMatchesScratch() {
        let objectives = [Objective(name: "error_rate"), Objective(name: "global_fidelity"), Objective(name: "latency_p50_ms")]
        var aggregator = FrontAggregator(objectives: objectives)
        var g = SplitMix(seed: 77)
        var all: [PointResult] = []
        for task in 0..<60 {
            let ray = Double(task % 12) / 10
            let values = ["error_rate": Double(g.next() % 5) / 10, "global_fidelity": Double(g.next() % 5) / 100,
                          "latency_p50_ms": Double(g.next() % 3) / 10]
            let r = PointResult(taskID: "t\(task)", dataset: "adult", label: "epo", parameters: ["ray": ray],
                                objectives: values, replicate: "s\(task / 12)", worker: "w")
            all.append(r)
            aggregator.add(r)
            let snapshot = aggregator.snapshot()
            let means = snapshot.rows.map { row in objectives.map { row.mean($0.name)! } }
            let front = Set(ParetoFront.nonDominated(means))
            #expect(snapshot.rows.indices.allSatisfy { snapshot.rows[$0].onFront == front.contains($0) })
            let reference = objectives.map { snapshot.referencePoints["adult"]![$0.name]! }
            #expect(snapshot.hypervolumes["adult"] == Hypervolume.of(means, reference: reference))
        }
        #expect(all.count == 60 && aggregator.snapshot().rows.count == 12)
    }

    @Test("The projection plot has one panel per pair of objectives and marks the three-objective front in each")
    func projectionSVG() throws {
        let objectives = [Objective(name: "error_rate"), Objective(name: "global_fidelity"), Objective(name: "latency_p50_ms")]
        var aggregator = FrontAggregator(objectives: objectives)
        let values: [(Double, Double, Double)] = [(0.15, 0.001, 0.05), (0.14, 0.004, 0.05), (0.14, 0.002, 0.02),
                                                  (0.16, 0.003, 0.06), (0.13, 0.02, 0.01)]
        for (k, v) in values.enumerated() {
            aggregator.add(PointResult(taskID: "t\(k)", dataset: "adult <edge>", label: "epo", parameters: ["ray": Double(k) / 10],
                                       objectives: ["error_rate": v.0, "global_fidelity": v.1, "latency_p50_ms": v.2],
                                       replicate: "s0", worker: "w"))
        }
        let rows = aggregator.snapshot().rows
        let front = rows.filter(\.onFront).count
        #expect(front == 3)  // (0.14, 0.002, 0.02) dominates (0.14, 0.004, 0.05) and (0.16, 0.003, 0.06)
        let text = FrontExport.projectionSVG(rows, objectives: objectives, title: "edge & <front>")
        let parser = XMLParser(data: Data(text.utf8))
        let counter = SVGCounter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.classCounts["panel"] == 3 && counter.classCounts["projected-front"] == 3)
        #expect(counter.classCounts["marker"] == 3 * rows.count && counter.classCounts["pareto"] == 3 * front)
        #expect(counter.classCounts["colour-legend"] == 3)
        #expect(counter.texts.contains("edge & <front>") && counter.texts.contains("latency_p50_ms"))
        #expect(text == FrontExport.projectionSVG(rows, objectives: objectives, title: "edge & <front>"))
    }
}
