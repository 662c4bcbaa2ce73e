import Testing
@testable import FrontierPareto

@Suite("Live aggregation of a sweep into fronts")
struct FrontAggregatorTests {
    @Test("Mean and sample standard deviation over replicates")
    func meanAndStd() throws {
        var a = FrontAggregator(objectives: sweepObjectives)
        a.add(result("t1", alpha: 0.3, error: 0.1, fidelity: 0.01, replicate: "s0", worker: "w1"))
        a.add(result("t2", alpha: 0.3, error: 0.2, fidelity: 0.02, replicate: "s1", worker: "w2"))
        a.add(result("t3", alpha: 0.3, error: 0.3, fidelity: 0.03, replicate: "s2", worker: "w3"))
        let row = try #require(a.row(FrontRowKey(dataset: "adult", label: "mtl", parameters: ["alpha": 0.3])))
        #expect(abs(row.mean("error_rate")! - 0.2) < 1e-12)
        #expect(abs(row.standardDeviation("error_rate")! - 0.1) < 1e-12)
        #expect(abs(row.standardDeviation("global_fidelity")! - 0.01) < 1e-12)
        #expect(row.replicates == 3)
        #expect(row.lastWorker == "w3")
        #expect(row.lastTaskID == "t3")
        #expect(a.snapshot().rows.count == 1)
        // A single replicate has std 0, not NaN.
        #expect(ObjectiveSummary([5]).standardDeviation == 0)
    }

    @Test("Non-finite objective values are skipped, and a row missing an objective is off the front")
    func nonFinite() throws {
        var a = FrontAggregator(objectives: sweepObjectives)
        a.add(result("t1", alpha: 1, error: 0.2, fidelity: 0.1))
        a.add(result("t2", alpha: 1, error: .nan, fidelity: 0.1, replicate: "s1"))
        let row = try #require(a.snapshot().rows.first)
        #expect(row.objectives["error_rate"]!.count == 1)
        #expect(row.replicates == 2)
        #expect(row.onFront)
        a.add(PointResult(taskID: "t3", dataset: "adult", label: "stl", objectives: ["error_rate": 0.01],
                          replicate: "s0", worker: "w1"))
        let stl = try #require(a.row(FrontRowKey(dataset: "adult", label: "stl")))
        #expect(!stl.onFront)
    }

    @Test("Adding a task ID twice is a no-op")
    func dedup() {
        var a = FrontAggregator(objectives: sweepObjectives)
        #expect(a.add(result("t1", alpha: 0.3, error: 0.1, fidelity: 0.01)) != nil)
        #expect(a.add(result("t1", alpha: 0.3, error: 0.9, fidelity: 0.9)) == nil)
        #expect(a.sequence == 1)
        #expect(a.contains(taskID: "t1"))
        #expect(a.snapshot().rows[0].replicates == 1)
        #expect(a.snapshot().rows[0].mean("error_rate") == 0.1)
    }

    @Test("On-front flags flip when a dominating point arrives; sequence goes up by one per change")
    func flags() throws {
        var a = FrontAggregator(objectives: sweepObjectives, referencePoints: ["adult": ["error_rate": 1, "global_fidelity": 1]])
        let c1Optional = a.add(result("t1", alpha: 0.1, error: 0.2, fidelity: 0.2))
        let c1 = try #require(c1Optional)
        let c2Optional = a.add(result("t2", alpha: 0.5, error: 0.1, fidelity: 0.3))
        let c2 = try #require(c2Optional)
        #expect(c1.sequence == 1 && c2.sequence == 2)
        #expect(c2.rows.map(\.displayName) == ["mtl α=0.5"])   // nothing flipped
        #expect(a.snapshot().rows.allSatisfy { $0.onFront })
        // STL dominates both: it is touched, and both alpha rows flip off the front.
        let c3Optional = a.add(result("t3", error: 0.05, fidelity: 0.1))
        let c3 = try #require(c3Optional)
        #expect(c3.sequence == 3)
        #expect(c3.rows.map(\.displayName) == ["mtl α=0.1", "mtl α=0.5", "stl"])
        #expect(c3.rows.map(\.onFront) == [false, false, true])
        #expect(abs(c3.hypervolume - 0.95 * 0.9) < 1e-12)
        // Another dataset does not touch adult's rows.
        let c4Optional = a.add(result("t4", "wine", error: 0.5, fidelity: 0.5))
        let c4 = try #require(c4Optional)
        #expect(c4.sequence == 4 && c4.dataset == "wine" && c4.rows.count == 1)
        // A replicate that worsens STL's error mean to 0.3 brings both alpha rows back.
        let c5Optional = a.add(result("t5", error: 0.55, fidelity: 0.1, replicate: "s1"))
        let c5 = try #require(c5Optional)
        #expect(c5.sequence == 5)
        #expect(c5.rows.map(\.displayName) == ["mtl α=0.1", "mtl α=0.5", "stl"])
        #expect(c5.rows.map(\.onFront) == [true, true, true])
        #expect(a.add(result("t5", error: 0, fidelity: 0)) == nil)
        #expect(a.sequence == 5)
    }

    @Test("Hypervolume per dataset with a given and with the derived reference point")
    func hypervolume() throws {
        var given = FrontAggregator(objectives: [Objective(name: "f"), Objective(name: "e")],
                                    referencePoints: ["d": ["f": 4, "e": 4]])
        var derived = FrontAggregator(objectives: [Objective(name: "f"), Objective(name: "e")])
        for (i, p) in [(1.0, 3.0), (2.0, 2.0), (3.0, 1.0)].enumerated() {
            let r = PointResult(taskID: "t\(i)", dataset: "d", label: "mtl", parameters: ["alpha": Double(i)],
                                objectives: ["f": p.0, "e": p.1], replicate: "s0", worker: "w")
            given.add(r)
            derived.add(r)
        }
        #expect(given.snapshot().hypervolumes["d"] == 6)
        // Nadir (3, 3) plus 10% of the range (2) in each objective: (3.2, 3.2).
        let reference = try #require(derived.snapshot().referencePoints["d"])
        #expect(abs(reference["f"]! - 3.2) < 1e-12 && abs(reference["e"]! - 3.2) < 1e-12)
        // 2.2·0.2 + 1.2·1 + 0.2·1 = 1.84
        #expect(abs(derived.snapshot().hypervolumes["d"]! - 1.84) < 1e-12)
    }

    @Test("Derived reference for a maximised objective lies below the worst value")
    func maximisedReference() {
        let objectives = [Objective(name: "acc", direction: .maximize), Objective(name: "gf")]
        let ref = ReferencePoint.derived(from: [[0.9, 0.1], [0.7, 0.3]], objectives: objectives)
        #expect(abs(ref["acc"]! - 0.68) < 1e-12)
        #expect(abs(ref["gf"]! - 0.32) < 1e-12)
        // A lone point gets a 10% margin of its magnitude.
        let lone = ReferencePoint.derived(from: [[0.5, 0]], objectives: objectives)
        #expect(abs(lone["acc"]! - 0.45) < 1e-12 && abs(lone["gf"]! - 0.1) < 1e-12)
        var a = FrontAggregator(objectives: objectives)
        a.add(PointResult(taskID: "x", dataset: "d", label: "stl", objectives: ["acc": 0.9, "gf": 0.1],
                          replicate: "s0", worker: "w"))
        a.add(PointResult(taskID: "y", dataset: "d", label: "mtl", parameters: ["alpha": 1],
                          objectives: ["acc": 0.7, "gf": 0.3], replicate: "s0", worker: "w"))
        #expect(a.snapshot().rows.allSatisfy { $0.label == "stl" ? $0.onFront : !$0.onFront })
        // Box of (−0.9, 0.1) against (−0.68, 0.32): 0.22 · 0.22.
        #expect(abs(a.snapshot().hypervolumes["d"]! - 0.22 * 0.22) < 1e-12)
    }
}
