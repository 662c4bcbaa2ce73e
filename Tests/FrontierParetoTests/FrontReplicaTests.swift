import Foundation
import Testing
@testable import FrontierPareto

@Suite("Client replica: snapshot plus later changes reproduces the aggregator")
struct FrontReplicaTests {
    /// A seeded stream of results over two datasets, three alphas, STL and three
    /// replicates, with one duplicate delivery.
    static func results() -> [PointResult] {
        var g = SplitMix(seed: 42)
        var out: [PointResult] = []
        for replicate in 0..<3 {
            for dataset in ["adult", "wine"] {
                for alpha in [nil, 0.1, 0.5, 0.9] as [Double?] {
                    let base = alpha ?? 0
                    out.append(result("\(dataset)-\(alpha ?? -1)-\(replicate)", dataset, alpha: alpha,
                                      error: 0.1 + 0.1 * base + 0.05 * g.uniform(),
                                      fidelity: 0.2 - 0.15 * base + 0.05 * g.uniform(),
                                      replicate: "s\(replicate)", worker: "w\(g.next() % 3)"))
                }
            }
        }
        out.insert(out[3], at: 10)
        return out
    }

    @Test("Snapshot mid-sweep plus the later changes equals the final state, stale changes ignored")
    func reproduces() {
        var aggregator = FrontAggregator(objectives: sweepObjectives)
        var changes: [FrontChange] = []
        var snapshot: FrontSnapshot?
        for (i, r) in Self.results().enumerated() {
            if let c = aggregator.add(r) { changes.append(c) }
            if i == 9 { snapshot = aggregator.snapshot() }
        }
        #expect(changes.map(\.sequence) == (1...UInt64(changes.count)).map { $0 })
        #expect(changes.count == Self.results().count - 1)
        var replica = FrontReplica(snapshot: snapshot!)
        // The subscription started before the snapshot: every change arrives.
        var outcomes: [FrontReplica.Outcome] = []
        for c in changes { outcomes.append(replica.apply(c)) }
        #expect(outcomes.prefix(Int(snapshot!.sequence)).allSatisfy { $0 == .stale })
        #expect(outcomes.dropFirst(Int(snapshot!.sequence)).allSatisfy { $0 == .applied })
        #expect(replica.snapshot() == aggregator.snapshot())
        // An old change replayed later is ignored.
        #expect(replica.apply(changes[2]) == .stale)
        #expect(replica.snapshot() == aggregator.snapshot())
        // From the empty snapshot, too.
        var fromStart = FrontReplica(snapshot: FrontAggregator(objectives: sweepObjectives).snapshot())
        for c in changes { fromStart.apply(c) }
        #expect(fromStart.snapshot() == aggregator.snapshot())
    }

    @Test("A skipped sequence number is reported and nothing past it applied; reset resynchronises")
    func gap() {
        var aggregator = FrontAggregator(objectives: sweepObjectives)
        let changes = Self.results().compactMap { aggregator.add($0) }
        var replica = FrontReplica(snapshot: FrontAggregator(objectives: sweepObjectives).snapshot())
        #expect(replica.apply(changes[0]) == .applied)
        #expect(replica.apply(changes[2]) == .gap(expected: 2, received: 3))
        #expect(replica.sequence == 1)
        #expect(replica.apply(changes[1]) == .applied)
        #expect(replica.apply(changes[2]) == .applied)
        replica.reset(to: aggregator.snapshot())
        #expect(replica.snapshot() == aggregator.snapshot())
    }

    @Test("Snapshots and changes survive a JSON round trip")
    func codable() throws {
        var aggregator = FrontAggregator(objectives: sweepObjectives)
        let changes = Self.results().compactMap { aggregator.add($0) }
        let snapshot = aggregator.snapshot()
        let data = try FrontExport.json(snapshot)
        #expect(try FrontExport.snapshot(fromJSON: data) == snapshot)
        // Sorted keys: the same state encodes to the same bytes.
        #expect(try FrontExport.json(FrontReplica(snapshot: snapshot).snapshot()) == data)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"std\""))
        let change = try JSONDecoder().decode(FrontChange.self, from: JSONEncoder().encode(changes[5]))
        #expect(change == changes[5])
    }
}
