import Foundation
import Testing
import FrontierData
import FrontierPareto
import FrontierSettings
import FrontierSweep
@testable import FrontierJobs

@Suite("Local sweeps")
struct LocalSweepTests {
    static func plan(_ yaml: String) throws -> SweepPlan {
        try SweepSpec.parse(yaml: yaml, registry: FrontierJobs.registry, datasets: RecipeDatasetResolver())
    }

    @Test("A shipped dataset run whole uses its own data folder; otherwise the shards are cut once and reused")
    func shards() throws {
        let data = DatasetCatalog.dataDirectory(explicit: nil)
        let cache = (NSTemporaryDirectory() as NSString).appendingPathComponent("frontier-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let whole = try LocalShards.provide(for: try Self.plan("name: t\ndataset: titanic\nshard_count: 1\njobs: [{kind: stl}]"),
                                            given: [], baseDirectory: data, cacheDirectory: cache)
        #expect(whole.count == 1 && whole[0].directory.hasSuffix("/titanic"))
        #expect(!FileManager.default.fileExists(atPath: cache))
        let split = try Self.plan("name: t\ndataset: synthetic-regression\nshard_count: 2\njobs: [{kind: noop}]")
        let first = try LocalShards.provide(for: split, given: [], baseDirectory: data, cacheDirectory: cache)
        let again = try LocalShards.provide(for: split, given: [], baseDirectory: data, cacheDirectory: cache)
        #expect(first.map(\.descriptor) == again.map(\.descriptor) && first.map(\.descriptor.shardID) == [0, 1])
    }

    @Test("A local sweep runs every task once; its final front does not depend on the number of slots")
    func slots() throws {
        let data = DatasetCatalog.dataDirectory(explicit: nil)
        let cache = (NSTemporaryDirectory() as NSString).appendingPathComponent("frontier-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let plan = try Self.plan("""
            name: t
            dataset: synthetic-classification
            shard_count: 2
            seeds: [1, 2]
            jobs: [{kind: noop, parameters: {x: {linspace: {min: 0, max: 1, num: 5}}}}]
            """)
        let shards = try LocalShards.provide(for: plan, given: [], baseDirectory: data, cacheDirectory: cache)
        var changes = 0
        let one = try LocalSweep(plan: plan, sweepID: "t-local", registry: FrontierJobs.registry, shards: shards, slots: 1)
            .run(onChange: { _, _, _ in changes += 1 }, onRecord: { _ in })
        let three = try LocalSweep(plan: plan, sweepID: "t-local", registry: FrontierJobs.registry, shards: shards, slots: 3)
            .run(onChange: { _, _, _ in }, onRecord: { _ in })
        #expect(one.records.count == 20 && changes == 20 && one.failures.isEmpty)
        #expect(one.records.map(\.taskID) == three.records.map(\.taskID))
        #expect(one.front.snapshot() == three.front.snapshot())
        // noop's objectives are known: the front over x in [0, 1] is every point (loss = x², cost = (x - 1)² + ...).
        #expect(one.front.snapshot().rows.filter(\.onFront).count == 5)
    }

    @Test("A shard that holds other data is refused before anything runs")
    func wrongShard() throws {
        let data = DatasetCatalog.dataDirectory(explicit: nil)
        let plan = try Self.plan("name: t\ndataset: titanic\nshard_count: 1\njobs: [{kind: stl}]")
        let other = try ShardLoader.localShard(directory: (data as NSString).appendingPathComponent("wine-quality"))
        #expect(throws: SweepSpecError.self) {
            try LocalSweep(plan: plan, sweepID: "t", registry: FrontierJobs.registry, shards: [other], slots: 1)
        }
    }
}
