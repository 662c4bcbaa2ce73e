import Testing
@testable import FrontierPareto

/// The incremental aggregator against a recomputation from scratch (the
/// aggregator's original algorithm, kept here as the oracle) on seeded random
/// sequences of results: every change and the final snapshot must be identical,
/// hypervolumes bit for bit.
@Suite("Incremental front maintenance equals recomputation from scratch")
struct IncrementalFrontTests {
    @Test("Two objectives, mixed directions, ties, replicates, missing and non-finite values", arguments: 0..<40)
    func twoObjectives(seed: UInt64) {
        compare(seed: seed, objectiveCount: 2)
    }

    @Test("One and three objectives take the full path and still agree", arguments: 0..<12)
    func otherObjectiveCounts(seed: UInt64) {
        compare(seed: seed, objectiveCount: seed % 2 == 0 ? 1 : 3)
    }

    @Test("A row whose mean overflows leaves the plane and the full path takes over")
    func overflowingMean() {
        let objectives = [Objective(name: "a"), Objective(name: "b", direction: .maximize)]
        let fixed = ["d": ["a": 10.0, "b": -10.0]]
        var incremental = FrontAggregator(objectives: objectives, referencePoints: fixed)
        var scratch = ScratchAggregator(objectives: objectives, referencePoints: fixed)
        let values: [(String, Double, Double)] = [
            ("p", 1, 2), ("q", 2, 3), ("r", 1.7e308, 1), ("r", -1.7e308, 1), ("p", 0.5, 2), ("s", 3, 5), ("q", 2, 3),
        ]
        for (i, (label, a, b)) in values.enumerated() {
            let result = PointResult(taskID: "t\(i)", dataset: "d", label: label, objectives: ["a": a, "b": b],
                                     replicate: "s\(i)", worker: "w")
            #expect(incremental.add(result) == scratch.add(result), "result \(i)")
        }
        #expect(incremental.snapshot() == scratch.snapshot())
    }

    private func compare(seed: UInt64, objectiveCount: Int) {
        var random = SplitMix(seed: 0xF00D + seed)
        let names = ["loss", "cost", "size"]
        let objectives = (0..<objectiveCount).map { j in
            Objective(name: names[j], direction: random.next() % 3 == 0 ? .maximize : .minimize)
        }
        // Some datasets get a reference point: complete, partial, or none.
        var fixed: [String: [String: Double]] = [:]
        switch random.next() % 3 {
        case 0: fixed["d0"] = Dictionary(uniqueKeysWithValues: objectives.map { ($0.name, $0.direction == .minimize ? 2.0 : -2.0) })
        case 1: fixed["d1"] = [objectives[0].name: objectives[0].direction == .minimize ? 0.8 : -0.8]
        default: break
        }
        var incremental = FrontAggregator(objectives: objectives, referencePoints: fixed)
        var scratch = ScratchAggregator(objectives: objectives, referencePoints: fixed)
        // Few distinct values and settings, so that means tie, repeat and cross.
        let levels: [Double] = [0, -0.0, 0.25, 0.5, 0.75, 1, 1.5, -0.5]
        let rowCount = 3 + Int(random.next() % 40)
        let resultCount = 50 + Int(random.next() % 250)
        for i in 0..<resultCount {
            let setting = Int(random.next() % UInt64(rowCount))
            var values: [String: Double] = [:]
            for objective in objectives {
                switch random.next() % 20 {
                case 0: continue  // missing
                case 1: values[objective.name] = .nan
                case 2: values[objective.name] = .infinity
                case 3, 4, 5: values[objective.name] = random.uniform() * 2 - 0.5
                default: values[objective.name] = levels[Int(random.next() % UInt64(levels.count))]
                }
            }
            if random.next() % 10 == 0 { values["extra"] = random.uniform() }
            // Now and then a task ID comes again (a resent result).
            let taskID = i > 0 && random.next() % 15 == 0 ? "t\(random.next() % UInt64(i))" : "t\(i)"
            let result = PointResult(
                taskID: taskID, dataset: "d\(setting % 3)", label: setting % 5 == 0 ? "stl" : "mtl",
                parameters: setting % 5 == 0 ? [:] : ["alpha": Double(setting / 5) / 4, "beta": Double(setting % 5)],
                objectives: values, replicate: "s\(i)", worker: "w\(i % 7)")
            let got = incremental.add(result)
            let expected = scratch.add(result)
            #expect(got == expected, "seed \(seed), result \(i)")
            if got != expected { return }
            if i % 25 == 0 { #expect(incremental.snapshot() == scratch.snapshot(), "seed \(seed), result \(i)") }
        }
        #expect(incremental.snapshot() == scratch.snapshot(), "seed \(seed)")
        #expect(incremental.sequence == scratch.sequence)
    }
}

/// The aggregator's original algorithm: recompute each dataset's front, reference
/// point and hypervolume from all its rows after every result.
private struct ScratchAggregator {
    let objectives: [Objective]
    let fixedReferencePoints: [String: [String: Double]]
    var sequence: UInt64 = 0
    private var rows: [FrontRowKey: FrontRow] = [:]
    private var seenTaskIDs: Set<String> = []
    private var referencePoints: [String: [String: Double]] = [:]
    private var hypervolumes: [String: Double] = [:]

    init(objectives: [Objective], referencePoints: [String: [String: Double]]) {
        self.objectives = objectives
        self.fixedReferencePoints = referencePoints
    }

    mutating func add(_ result: PointResult) -> FrontChange? {
        guard seenTaskIDs.insert(result.taskID).inserted else { return nil }
        let key = result.rowKey
        var row = rows[key] ?? FrontRow(key: key)
        for (name, value) in result.objectives {
            var summary = row.objectives[name] ?? ObjectiveSummary()
            summary.add(value)
            row.objectives[name] = summary
        }
        row.replicates += 1
        row.lastWorker = result.worker
        row.lastTaskID = result.taskID
        rows[key] = row
        let flipped = refreshFront(of: result.dataset)
        sequence += 1
        var touched = Set(flipped)
        touched.insert(key)
        return FrontChange(sequence: sequence, dataset: result.dataset, rows: touched.sorted().map { rows[$0]! },
                           referencePoint: referencePoints[result.dataset] ?? [:],
                           hypervolume: hypervolumes[result.dataset] ?? 0)
    }

    func snapshot() -> FrontSnapshot {
        FrontSnapshot(sequence: sequence, objectives: objectives, rows: rows.keys.sorted().map { rows[$0]! },
                      referencePoints: referencePoints, hypervolumes: hypervolumes)
    }

    private mutating func refreshFront(of dataset: String) -> [FrontRowKey] {
        let keys = rows.keys.filter { $0.dataset == dataset }.sorted()
        var eligible: [FrontRowKey] = []
        var means: [[Double]] = []
        for key in keys {
            let values = objectives.compactMap { rows[key]!.mean($0.name) }
            if values.count == objectives.count {
                eligible.append(key)
                means.append(values)
            }
        }
        let onFront = Set(ParetoFront.nonDominated(means, directions: objectives.map(\.direction)).map { eligible[$0] })
        var flipped: [FrontRowKey] = []
        for key in keys where rows[key]!.onFront != onFront.contains(key) {
            rows[key]!.onFront.toggle()
            flipped.append(key)
        }
        let fixed = fixedReferencePoints[dataset] ?? [:]
        var reference: [String: Double]
        if objectives.allSatisfy({ fixed[$0.name] != nil }) {
            reference = Dictionary(uniqueKeysWithValues: objectives.map { ($0.name, fixed[$0.name]!) })
        } else {
            reference = ReferencePoint.derived(from: means, objectives: objectives)
            if !reference.isEmpty {
                for objective in objectives {
                    if let value = fixed[objective.name] { reference[objective.name] = value }
                }
            }
        }
        referencePoints[dataset] = reference
        if reference.isEmpty {
            hypervolumes[dataset] = 0
        } else {
            let ref = objectives.map { $0.toMinimization(reference[$0.name]!) }
            let minimised = Objective.toMinimization(means, directions: objectives.map(\.direction))
            hypervolumes[dataset] = Hypervolume.of(minimised, reference: ref)
        }
        return flipped
    }
}
