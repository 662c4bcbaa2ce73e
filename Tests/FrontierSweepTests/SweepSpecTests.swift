import FrontierSettings
import Foundation
import Testing
import FrontierJobs
import FrontierPareto
@testable import FrontierSweep

/// A kind sweeping two parameters, to pin down the grid's order.
private struct TwoParameterKind: JobKind {
    var name: String { "pair" }
    var sweptParameters: [String: ClosedRange<Double>] { ["b": 0...10, "a": 0...10] }
    var objectives: Set<String> { ["loss"] }
    func validate(settings: SettingValue, at path: String) throws(SweepSpecError) -> Data { Data() }
    func run(_ task: TaskSpec, on shard: LocalShard, report: (TaskProgressReport) -> TaskControl) throws -> TaskOutcome {
        TaskOutcome(objectives: [:], report: Data(), trainingSeconds: 0, evaluationSeconds: 0)
    }
}

@Suite("Sweep specs")
struct SweepSpecTests {
    let registry = FrontierJobs.registry

    static let full = """
    name: adult-tradeoff
    dataset: adult
    shards: all
    shard_count: 2
    seeds: [1, 2, 3]
    settings: {hidden: [64, 32], epochs: 30}
    jobs:
      - kind: stl
      - kind: joint
        parameters:
          alpha: {linspace: {min: 0.1, max: 0.9, num: 9}}
        settings: {epochs: 50}
    objectives:
      - {name: error_rate, direction: minimize}
      - {name: global_fidelity, direction: minimize}
    reference_point: {error_rate: 1.0, global_fidelity: 0.5}
    max_attempts: 4
    """

    @Test("A full spec expands job by job, grid point by grid point, shard by shard, seed by seed")
    func fullSpec() throws {
        let plan = try SweepSpec.parse(yaml: Self.full, registry: registry, datasets: RecipeDatasetResolver())
        #expect(plan.name == "adult-tradeoff" && plan.dataset.name == "adult" && plan.maxAttempts == 4)
        #expect(plan.objectives == [Objective(name: "error_rate"), Objective(name: "global_fidelity")])
        #expect(plan.referencePoint == ["error_rate": 1.0, "global_fidelity": 0.5])
        let tasks = plan.tasks(sweepID: "s1")
        #expect(tasks.count == (1 + 9) * 2 * 3 && plan.taskCount == tasks.count)
        #expect(tasks.map(\.taskID) == (0..<60).map { "s1/\($0)" })
        #expect(tasks.map(\.index) == Array(0..<60))
        // stl: shard 0 seeds 1-3, then shard 1 seeds 1-3.
        #expect(tasks[0..<6].map { "\($0.jobKind) \($0.shard.shardID) \($0.seed)" }
                == ["stl 0 1", "stl 0 2", "stl 0 3", "stl 1 1", "stl 1 2", "stl 1 3"])
        #expect(tasks[0].parameters.isEmpty && tasks[0].shard == ShardReference(dataset: "adult", shardID: 0, recipeSHA256: plan.dataset.checksum))
        #expect(tasks[6].jobKind == "joint" && tasks[6].parameters == ["alpha": 0.1] && tasks[6].seed == 1)
        #expect(tasks[12].parameters == ["alpha": 0.2])
        #expect(tasks[59].parameters == ["alpha": 0.9] && tasks[59].shard.shardID == 1 && tasks[59].seed == 3)
        #expect(tasks.allSatisfy { $0.sweepID == "s1" && $0.shard.sha256 == nil })
        // Deterministic: the same spec expands identically.
        #expect(try SweepSpec.parse(yaml: Self.full, registry: registry, datasets: RecipeDatasetResolver()).tasks(sweepID: "s1") == tasks)
    }

    @Test("Linspace gives exact endpoints and values rounded to 12 significant digits")
    func linspace() throws {
        let plan = try SweepSpec.parse(yaml: Self.full, registry: registry, datasets: RecipeDatasetResolver())
        #expect(plan.jobs[1].parameters["alpha"] == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
        #expect(ParameterValues.linspace(min: 0, max: 1, count: 11)[3] == 0.3)
        #expect(ParameterValues.linspace(min: 0.25, max: 0.25, count: 1) == [0.25])
        #expect(ParameterValues.linspace(min: -1, max: 1e9, count: 3) == [-1, 499_999_999.5, 1e9])
    }

    @Test("Job settings are merged over the shared settings")
    func settingsMerge() throws {
        let plan = try SweepSpec.parse(yaml: Self.full, registry: registry, datasets: RecipeDatasetResolver())
        let stl = try #require(try SettingValue.decode(json: plan.jobs[0].jobSpec).mapValue)
        let joint = try #require(try SettingValue.decode(json: plan.jobs[1].jobSpec).mapValue)
        #expect(stl["hidden"] == .list([.number(64), .number(32)]) && stl["epochs"] == .number(30))
        #expect(joint["hidden"] == .list([.number(64), .number(32)]) && joint["epochs"] == .number(50))
        // The job spec holds every default, so a worker runs exactly what was submitted.
        #expect(joint["batch_size"] == .number(32) && joint["surrogate_start"] == .string("linear-fit"))
        #expect(plan.tasks(sweepID: "x")[6].jobSpec == plan.jobs[1].jobSpec)
        #expect(SettingValue.map(["a": .map(["x": .number(1), "y": .number(2)])]).merging(.map(["a": .map(["y": .number(3)])]))
                == .map(["a": .map(["x": .number(1), "y": .number(3)])]))
    }

    @Test("Pinned shards carry their checksum; plain ids do not")
    func pinnedShards() throws {
        let sha = String(repeating: "AB", count: 32)
        let plan = try SweepSpec.parse(yaml: """
            name: pinned
            dataset: titanic
            shards: [{id: 2, sha256: \(sha)}, 0]
            replicates: 2
            jobs: [{kind: stl}]
            """, registry: registry, datasets: RecipeDatasetResolver())
        // Every shard also pins the dataset's recipe: titanic as shipped.
        let recipe = try RecipeDatasetResolver().resolve(.string("titanic"), at: "").checksum
        #expect(plan.shards == [ShardReference(dataset: "titanic", shardID: 2, sha256: sha.lowercased(), recipeSHA256: recipe),
                                ShardReference(dataset: "titanic", shardID: 0, recipeSHA256: recipe)])
        #expect(plan.seeds == [1, 2])
        let tasks = plan.tasks(sweepID: "p")
        #expect(tasks.map(\.shard.sha256) == [sha.lowercased(), sha.lowercased(), nil, nil])
    }

    @Test("Defaults: seed 1, three attempts, the datasets' natural objectives")
    func defaults() throws {
        let classification = try SweepSpec.parse(yaml: "name: a\ndataset: titanic\nshard_count: 1\njobs: [{kind: stl}]",
                                                 registry: registry, datasets: RecipeDatasetResolver())
        #expect(classification.seeds == [1] && classification.maxAttempts == 3)
        // No reference_point: the job kinds' defaults, fixed at submit.
        #expect(classification.referencePoint == ["error_rate": 1, "global_fidelity": 1])
        #expect(classification.objectives.map(\.name) == ["error_rate", "global_fidelity"])
        let regression = try SweepSpec.parse(yaml: "name: a\ndataset: wine-quality\nshard_count: 1\njobs: [{kind: stl}]",
                                             registry: registry, datasets: RecipeDatasetResolver())
        #expect(regression.objectives.map(\.name) == ["mse", "global_fidelity"])
        let noop = try SweepSpec.parse(yaml: "name: a\ndataset: synthetic-regression\nshard_count: 1\njobs: [{kind: noop}]", registry: registry, datasets: RecipeDatasetResolver())
        #expect(noop.objectives.map(\.name) == ["cost", "loss"])
    }

    @Test("Grid points follow sorted parameter names, values in the order given")
    func gridOrder() throws {
        let plan = try SweepSpec.parse(yaml: """
            name: grid
            dataset: digits
            shard_count: 1
            jobs:
              - kind: pair
                parameters: {b: {values: [2, 1]}, a: {values: [5, 3, 4]}}
            reference_point: {loss: 10}
            """, registry: JobKindRegistry([TwoParameterKind()]), datasets: RecipeDatasetResolver())
        let points = plan.tasks(sweepID: "g").map { "\(Int($0.parameters["a"]!))\(Int($0.parameters["b"]!))" }
        #expect(points == ["52", "51", "32", "31", "42", "41"])
    }

    @Test("The normalised spec expands linspace, so equivalent specs store alike")
    func normalised() throws {
        let a = try SweepSpec.parse(yaml: "name: n\ndataset: synthetic-regression\nshard_count: 1\njobs: [{kind: noop, parameters: {x: {linspace: {min: 0, max: 1, num: 3}}}}]",
                                    registry: registry, datasets: RecipeDatasetResolver())
        let b = try SweepSpec.parse(yaml: "name: n\ndataset: synthetic-regression\nshards: [0]\nseeds: [1]\nmax_attempts: 3\njobs: [{kind: noop, parameters: {x: {values: [0, 0.5, 1]}}}]",
                                    registry: registry, datasets: RecipeDatasetResolver())
        #expect(a.normalisedJSON == b.normalisedJSON)
        #expect(a.normalisedJSON.contains("\"x\":[0,0.5,1]"))
        let decoded = try JSONDecoder().decode(SweepPlan.self, from: JSONEncoder().encode(a))
        #expect(decoded == a)
    }

    static let base = "name: t\ndataset: titanic\nshard_count: 2\n"
    static let joint = "jobs:\n  - kind: joint\n    parameters:\n      alpha: {values: [0.5]}\n"

    static let errorCases: [(yaml: String, path: String, says: String)] = [
        (base + joint + "colour: red", "colour", "unknown field"),
        ("dataset: titanic\nshard_count: 1\n" + joint, "name", "missing"),
        ("name: t\nshard_count: 1\n" + joint, "dataset", "missing"),
        ("name: \(String(repeating: "n", count: 101))\ndataset: t\nshard_count: 1\n" + joint, "name", "1 to 100"),
        ("name: t\ndataset: titanic\n" + joint, "shard_count", "required"),
        (base + "jobs: {kind: stl}", "jobs", "expected a list"),
        (base + "name2: x\n" + joint, "name2", "unknown field"),
        (base + "seeds: [1, 2, 1]\n" + joint, "seeds[2]", "duplicate seed"),
        (base + "seeds: [1, two]\n" + joint, "seeds[1]", "integer"),
        (base + "seeds: [1]\nreplicates: 2\n" + joint, "replicates", "not both"),
        (base + "shards: [0, 0]\n" + joint, "shards[1]", "duplicate"),
        (base + "shards: [5]\n" + joint, "shards[0]", "outside"),
        (base + "shards: [{id: 0, sha256: abc}]\n" + joint, "shards[0].sha256", "64"),
        (base + "jobs: [{kind: joint, parameters: {alpha: {linspace: {min: 0.1, max: 0.9, num: 0}}}}]",
         "jobs[0].parameters.alpha.linspace.num", "1...1000"),
        (base + "jobs: [{kind: joint, parameters: {alpha: {linspace: {min: 0.1, max: 0.9, num: 1001}}}}]",
         "jobs[0].parameters.alpha.linspace.num", "1...1000"),
        (base + "jobs: [{kind: joint, parameters: {alpha: {linspace: {min: 0.9, max: 0.1, num: 3}}}}]",
         "jobs[0].parameters.alpha.linspace", "greater than max"),
        (base + "jobs: [{kind: joint, parameters: {alpha: {linspace: {min: 0.1, num: 3}}}}]",
         "jobs[0].parameters.alpha.linspace.max", "missing"),
        (base + "jobs: [{kind: joint, parameters: {alpha: {linspace: {min: 0, max: 0.5, num: 3}}}}]",
         "jobs[0].parameters.alpha.linspace.min", "strictly between"),
        (base + "jobs: [{kind: joint, parameters: {alpha: {values: [0.5, 1.0]}}}]",
         "jobs[0].parameters.alpha.values[1]", "strictly between"),
        (base + "jobs: [{kind: noop, parameters: {x: {values: [1, 2e9]}}}]", "jobs[0].parameters.x.values[1]", "outside"),
        (base + "jobs: [{kind: joint, parameters: {alpha: {values: [0.5], linspace: {min: 0.1, max: 0.2, num: 2}}}}]",
         "jobs[0].parameters.alpha", "exactly one"),
        (base + "jobs: [{kind: stl}, {kind: jiont}]", "jobs[1].kind", "bilevel, epo, explain, fex, joint, linear, mgda, noop, poe, stch, stl"),
        (base + "jobs: [{kind: stl, parameters: {alpha: {values: [0.5]}}}]", "jobs[0].parameters.alpha", "does not sweep"),
        (base + "jobs: [{kind: joint, settings: {alpha: 0.3}}]", "jobs[0].settings.alpha", "give it under parameters"),
        (base + "jobs: [{kind: stl, paramters: {}}]", "jobs[0].paramters", "unknown field"),
        (base + "jobs: [{kind: stl}, {kind: stl, settings: {epochs: 0}}]", "jobs[1].settings.epochs", "outside"),
        (base + "settings: {hiden: [8]}\njobs: [{kind: stl}]", "settings.hiden", "no job of this sweep reads"),
        (base + "jobs: [{kind: stl, settings: {hiden: [8]}}]", "jobs[0].settings.hiden", "unknown field"),
        (base + "jobs: [{kind: stl, settings: {hidden: [16, 0]}}]", "jobs[0].settings.hidden[1]", "outside"),
        (base + "jobs: [{kind: stl, settings: {epochs: many}}]", "jobs[0].settings.epochs", "integer"),
        (base + "jobs: [{kind: noop, settings: {fail: 1}}]", "jobs[0].settings.fail", "true or false"),
        (base + "settings: [1]\njobs: [{kind: stl}]", "settings", "map"),
        (base + joint + "objectives: [{name: accuracy}]", "objectives[0].name", "no job kind"),
        (base + joint + "objectives: [{name: error_rate, direction: up}]", "objectives[0].direction", "minimize or maximize"),
        (base + joint + "reference_point: {accuracy: 1}", "reference_point.accuracy", "unknown field"),
        (base + joint + "reference_point: {error_rate: true}", "reference_point.error_rate", "expected a number"),
        (base + joint + "max_attempts: 11", "max_attempts", "1...10"),
        (base + "replicates: 101\njobs: [{kind: noop, parameters: {x: {linspace: {min: 0, max: 1, num: 1000}}}}]",
         "jobs", "at most 100000"),
        ("name: [unclosed", "", "not valid YAML"),
    ]

    @Test("Every refusal names the offending field", arguments: errorCases.indices)
    func refusals(index: Int) {
        let (yaml, path, says) = Self.errorCases[index]
        do {
            let plan = try SweepSpec.parse(yaml: yaml, registry: registry, datasets: RecipeDatasetResolver())
            Issue.record("accepted (\(plan.taskCount) tasks); expected an error at \(path)")
        } catch {
            #expect(error.path == path, "\(error)")
            #expect(error.message.contains(says), "\(error)")
        }
    }
}
