import FrontierSettings
import Foundation
import FrontierPareto

/// Parses a sweep file (YAML) into a `SweepPlan`, refusing anything that could not
/// run with the path of the offending field.
///
/// ```yaml
/// name: adult-tradeoff            # required, 1-100 characters
/// dataset: adult                  # required: a shipped dataset, or {recipe: my-table.yaml} (inlined by the client)
/// shards: all                     # "all" (default) or [0, 1] or [{id: 0, sha256: <64 hex>}]
/// shard_count: 2                  # required with shards: all (ids 0..<n)
/// seeds: [1, 2, 3]                # or replicates: 3 (seeds 1...3); default [1]
/// settings: {hidden: [64, 32], epochs: 30}   # shared by every job; each kind validates its own
/// jobs:                           # required, at least one
///   - kind: stl
///   - kind: joint
///     parameters:
///       alpha: {linspace: {min: 0.1, max: 0.9, num: 9}}   # or alpha: {values: [0.1, 0.5]}
///     settings: {epochs: 50}      # merged over the shared settings
/// objectives:                     # default: the job kinds' natural ones, minimised
///   - {name: error_rate, direction: minimize}
///   - {name: global_fidelity, direction: minimize}
/// reference_point: {error_rate: 1.0, global_fidelity: 0.5}   # optional; default: the job kinds' reference values
/// max_attempts: 3                 # default 3, 1...10
/// ```
///
/// Paths look like `colour`, `jobs[1].parameters.alpha.linspace.num`, `jobs[1].settings.epochs`.
public enum SweepSpec {
    /// At most this many tasks per sweep.
    public static let maximumTasks = 100_000

    static let topLevelFields = ["name", "dataset", "shards", "shard_count", "seeds", "replicates", "settings", "jobs",
                                 "objectives", "reference_point", "max_attempts"]

    /// Validates `yaml` against the job kinds of `registry` and the datasets `datasets`
    /// knows (an unknown dataset is refused), and returns the plan; a spec breaking
    /// `limits` (size, nesting, alias expansion) is refused before it is expanded.
    public static func parse(yaml: String, registry: JobKindRegistry, datasets: any DatasetResolver,
                             limits: SpecLimits = .default) throws(SweepSpecError) -> SweepPlan {
        let root = try SpecNode.parse(yaml: yaml, limits: limits).map(at: "", allowed: topLevelFields)
        func required(_ key: String) throws(SweepSpecError) -> SpecNode {
            guard let value = root[key], value != .null else { throw SweepSpecError(path: key, "required field is missing") }
            return value
        }
        let name = try required("name").string(at: "name")
        guard (1...100).contains(name.count) else { throw SweepSpecError(path: "name", "must be 1 to 100 characters") }
        let resolved = try datasets.resolve(try required("dataset").settingValue(at: "dataset"), at: "dataset")
        let dataset = resolved.name
        let shards = try parseShards(root, dataset: dataset).map { shard in
            var pinned = shard
            pinned.recipeSHA256 = resolved.checksum
            return pinned
        }
        let seeds = try parseSeeds(root)
        var shared = SettingValue.map([:])
        if let node = root["settings"] {
            guard case .map = node else { throw SweepSpecError(path: "settings", "expected a map of settings") }
            shared = try node.settingValue(at: "settings")
        }
        let jobs = try parseJobs(try required("jobs"), shared: shared, registry: registry)
        let kinds = jobs.map { registry[$0.kind]! }
        let objectives = try parseObjectives(root["objectives"], kinds: kinds, dataset: resolved)
        let reference = try parseReferencePoint(root["reference_point"], objectives: objectives, kinds: kinds,
                                                dataset: dataset)
        var maxAttempts = 3
        if let node = root["max_attempts"] {
            maxAttempts = try node.int(at: "max_attempts")
            guard (1...10).contains(maxAttempts) else { throw SweepSpecError(path: "max_attempts", "must be 1...10, got \(maxAttempts)") }
        }
        let shardCount = try root["shard_count"].map { node throws(SweepSpecError) in try node.int(at: "shard_count") }
        var plan = SweepPlan(name: name, dataset: resolved, shards: shards, shardCount: shardCount, seeds: seeds, jobs: jobs, objectives: objectives,
                             referencePoint: reference, maxAttempts: maxAttempts, normalisedJSON: "")
        // Count in floating point: a product of large grids must not overflow before it is refused.
        let count = jobs.reduce(0.0) { $0 + Double($1.gridPoints.count) } * Double(shards.count) * Double(seeds.count)
        guard count <= Double(maximumTasks) else {
            throw SweepSpecError(path: "jobs", "the sweep expands to \(Int(count)) tasks; at most \(maximumTasks) are allowed")
        }
        plan.normalisedJSON = NormalisedSpec(plan).json
        return plan
    }

    static func parseShards(_ root: [String: SpecNode], dataset: String) throws(SweepSpecError) -> [ShardReference] {
        var count: Int?
        if let node = root["shard_count"] {
            let n = try node.int(at: "shard_count")
            guard (1...10_000).contains(n) else { throw SweepSpecError(path: "shard_count", "must be 1...10000, got \(n)") }
            count = n
        }
        let node = root["shards"] ?? .string("all")
        if case .string(let word) = node {
            guard word == "all" else { throw SweepSpecError(path: "shards", "expected \"all\" or a list of shard ids") }
            guard let count else { throw SweepSpecError(path: "shard_count", "required when shards is \"all\"") }
            return (0..<count).map { ShardReference(dataset: dataset, shardID: $0) }
        }
        let items = try node.list(at: "shards")
        guard !items.isEmpty else { throw SweepSpecError(path: "shards", "list at least one shard") }
        var shards: [ShardReference] = []
        for (i, item) in items.enumerated() {
            let path = "shards[\(i)]"
            var id: Int
            var sha: String?
            if case .map = item {
                let entry = try item.map(at: path, allowed: ["id", "sha256"])
                guard let idNode = entry["id"] else { throw SweepSpecError(path: "\(path).id", "required field is missing") }
                id = try idNode.int(at: "\(path).id")
                if let shaNode = entry["sha256"] {
                    let text = try shaNode.string(at: "\(path).sha256").lowercased()
                    guard text.count == 64, text.allSatisfy(\.isHexDigit) else {
                        throw SweepSpecError(path: "\(path).sha256", "expected 64 hexadecimal digits")
                    }
                    sha = text
                }
            } else {
                id = try item.int(at: path)
            }
            guard id >= 0, id < (count ?? Int.max) else {
                throw SweepSpecError(path: path, "shard id \(id) is outside 0..<\(count.map(String.init) ?? "∞")")
            }
            guard !shards.contains(where: { $0.shardID == id }) else { throw SweepSpecError(path: path, "duplicate shard \(id)") }
            shards.append(ShardReference(dataset: dataset, shardID: id, sha256: sha))
        }
        return shards
    }

    static func parseSeeds(_ root: [String: SpecNode]) throws(SweepSpecError) -> [UInt64] {
        switch (root["seeds"], root["replicates"]) {
        case (.some, .some): throw SweepSpecError(path: "replicates", "give seeds or replicates, not both")
        case (nil, .some(let node)):
            let n = try node.int(at: "replicates")
            guard (1...10_000).contains(n) else { throw SweepSpecError(path: "replicates", "must be 1...10000, got \(n)") }
            return (1...n).map(UInt64.init)
        case (.some(let node), nil):
            let items = try node.list(at: "seeds")
            guard !items.isEmpty else { throw SweepSpecError(path: "seeds", "list at least one seed") }
            var seeds: [UInt64] = []
            for (i, item) in items.enumerated() {
                let seed = try item.int(at: "seeds[\(i)]")
                guard seed >= 0 else { throw SweepSpecError(path: "seeds[\(i)]", "seeds are non-negative") }
                guard !seeds.contains(UInt64(seed)) else { throw SweepSpecError(path: "seeds[\(i)]", "duplicate seed \(seed)") }
                seeds.append(UInt64(seed))
            }
            return seeds
        case (nil, nil): return [1]
        }
    }

    static func parseJobs(_ node: SpecNode, shared: SettingValue,
                          registry: JobKindRegistry) throws(SweepSpecError) -> [SweepPlan.Job] {
        let items = try node.list(at: "jobs")
        guard !items.isEmpty else { throw SweepSpecError(path: "jobs", "list at least one job") }
        var jobs: [SweepPlan.Job] = []
        let sharedEntries = shared.mapValue ?? [:]
        var sharedRead: Set<String> = []
        for (i, item) in items.enumerated() {
            let path = "jobs[\(i)]"
            let entry = try item.map(at: path, allowed: ["kind", "parameters", "settings"])
            guard let kindNode = entry["kind"] else { throw SweepSpecError(path: "\(path).kind", "required field is missing") }
            let kindName = try kindNode.string(at: "\(path).kind")
            guard let kind = registry[kindName] else {
                throw SweepSpecError(path: "\(path).kind",
                                     "unknown job kind '\(kindName)'; known kinds: \(registry.names.joined(separator: ", "))")
            }
            var parameters: [String: [Double]] = [:]
            if let node = entry["parameters"] {
                guard case .map(let given) = node else {
                    throw SweepSpecError(path: "\(path).parameters", "expected a map of parameters")
                }
                for (name, values) in given {
                    guard kind.sweptParameters[name] != nil else {
                        let swept = kind.sweptParameters.keys.sorted()
                        throw SweepSpecError(path: "\(path).parameters.\(name)", "\(kindName) does not sweep '\(name)'; "
                                             + (swept.isEmpty ? "it sweeps nothing" : "it sweeps \(swept.joined(separator: ", "))"))
                    }
                    parameters[name] = try ParameterValues.parse(values, at: "\(path).parameters.\(name)", name: name, kind: kind)
                }
            }
            if let missing = kind.requiredParameters.sorted().first(where: { parameters[$0] == nil }) {
                throw SweepSpecError(path: "\(path).parameters.\(missing)", "required by \(kindName)")
            }
            let own = try entry["settings"]?.settingValue(at: "\(path).settings") ?? .map([:])
            guard own.mapValue != nil else { throw SweepSpecError(path: "\(path).settings", "expected a map of settings") }
            // Shared settings reach the jobs whose kind reads them (a linear job has no `hidden`).
            let known = kind.knownSettings ?? Set(sharedEntries.keys)
            let sharedForJob = sharedEntries.filter { known.contains($0.key) }
            sharedRead.formUnion(sharedForJob.keys)
            let settings = SettingValue.map(sharedForJob).merging(own)
            let jobSpec = try kind.validate(settings: settings, at: "\(path).settings")
            try kind.validate(settings: settings, parameters: parameters, at: path)
            jobs.append(SweepPlan.Job(kind: kindName, parameters: parameters, settings: settings, jobSpec: jobSpec))
        }
        if let unread = sharedEntries.keys.sorted().first(where: { !sharedRead.contains($0) }) {
            throw SweepSpecError(path: "settings.\(unread)", "no job of this sweep reads this setting")
        }
        return jobs
    }

    static func parseObjectives(_ node: SpecNode?, kinds: [any JobKind],
                                dataset: SweepDataset) throws(SweepSpecError) -> [Objective] {
        guard let node else {
            var names: [String] = []
            for kind in kinds { for name in kind.defaultObjectives(for: dataset) where !names.contains(name) { names.append(name) } }
            return names.map { Objective(name: $0) }
        }
        let reported = kinds.reduce(into: Set<String>()) { $0.formUnion($1.objectives) }
        let items = try node.list(at: "objectives")
        guard !items.isEmpty else { throw SweepSpecError(path: "objectives", "list at least one objective") }
        var objectives: [Objective] = []
        for (i, item) in items.enumerated() {
            let path = "objectives[\(i)]"
            let entry = try item.map(at: path, allowed: ["name", "direction"])
            guard let nameNode = entry["name"] else { throw SweepSpecError(path: "\(path).name", "required field is missing") }
            let name = try nameNode.string(at: "\(path).name")
            guard reported.contains(name) else {
                throw SweepSpecError(path: "\(path).name", "no job kind of this sweep reports '\(name)'; they report: "
                                     + reported.sorted().joined(separator: ", "))
            }
            guard !objectives.contains(where: { $0.name == name }) else { throw SweepSpecError(path: "\(path).name", "duplicate objective") }
            var direction = ObjectiveDirection.minimize
            if let directionNode = entry["direction"] {
                let text = try directionNode.string(at: "\(path).direction")
                guard let parsed = ObjectiveDirection(rawValue: text) else {
                    throw SweepSpecError(path: "\(path).direction", "expected minimize or maximize, found '\(text)'")
                }
                direction = parsed
            }
            objectives.append(Objective(name: name, direction: direction))
        }
        return objectives
    }
}
