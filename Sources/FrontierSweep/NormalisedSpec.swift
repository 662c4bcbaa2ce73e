import FrontierSettings
import Foundation
import FrontierPareto

/// A plan written back as a sweep spec with every default filled in and every
/// linspace expanded: stored by the coordinator, and equal for two submissions
/// that mean the same sweep.
struct NormalisedSpec: Codable {
    struct Shard: Codable { var id: Int; var sha256: String? }
    struct Job: Codable { var kind: String; var parameters: [String: [Double]]; var settings: SettingValue }

    var name: String
    var dataset: SweepDataset
    var shards: [Shard]
    var seeds: [UInt64]
    var jobs: [Job]
    var objectives: [Objective]
    var referencePoint: [String: Double]?
    var maxAttempts: Int

    enum CodingKeys: String, CodingKey {
        case name, dataset, shards, seeds, jobs, objectives, referencePoint = "reference_point", maxAttempts = "max_attempts"
    }

    init(_ plan: SweepPlan) {
        name = plan.name
        dataset = plan.dataset
        shards = plan.shards.map { Shard(id: $0.shardID, sha256: $0.sha256) }
        seeds = plan.seeds
        jobs = plan.jobs.map { Job(kind: $0.kind, parameters: $0.parameters, settings: $0.settings) }
        objectives = plan.objectives
        referencePoint = plan.referencePoint
        maxAttempts = plan.maxAttempts
    }

    /// Key-sorted, compact JSON.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain values and finite numbers cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
