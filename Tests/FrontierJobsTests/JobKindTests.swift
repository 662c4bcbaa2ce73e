import FrontierSettings
import Foundation
import Testing
import FrontierData
import FrontierML
import FrontierMethods
import FrontierSweep
@testable import FrontierJobs

@Suite("Job kinds")
struct JobKindTests {
    /// One synthetic-classification shard (2 of 2000/500 rows), written once for the suite.
    static let shardDirectory: String = {
        let out = (NSTemporaryDirectory() as NSString).appendingPathComponent("frontier-jobs-\(UUID().uuidString)")
        _ = try! ShardSplitter().split(.synthetic(SyntheticDataset(kind: .classification)), baseDirectory: "", parts: 2, seed: 1, into: out)
        return ShardSplitter.shardDirectory(out, dataset: "synthetic-classification", index: 0)
    }()

    static func task(_ kind: String, parameters: [String: Double] = [:], seed: UInt64 = 1, shardID: Int = 0,
                     sha256: String? = nil, settings: SettingValue) throws -> TaskSpec {
        let spec = try #require(FrontierJobs.registry[kind]).validate(settings: settings, at: "settings")
        return TaskSpec(taskID: "t/0", sweepID: "t", index: 0, jobKind: kind, parameters: parameters, seed: seed,
                        shard: ShardReference(dataset: "synthetic-classification", shardID: shardID, sha256: sha256),
                        jobSpec: spec)
    }

    static let tiny = SettingValue.map(["hidden": .list([.number(16)]), "epochs": .number(3)])

    @Test("joint on a synthetic shard reports every epoch and returns its trade-off point")
    func joint() throws {
        let shard = try ShardLoader.localShard(directory: Self.shardDirectory)
        let kind = try #require(FrontierJobs.registry["joint"])
        var reports: [TaskProgressReport] = []
        let outcome = try kind.run(try Self.task("joint", parameters: ["alpha": 0.5], settings: Self.tiny), on: shard) {
            reports.append($0)
            return .proceed
        }
        #expect(Set(outcome.objectives.keys).subtracting(["peak_memory_mb"])
                == ["error_rate", "global_fidelity", "parameters", "model_bytes", "latency_p50_ms", "latency_p99_ms"])
        #expect(outcome.objectives.values.allSatisfy { $0.isFinite && $0 >= 0 })
        #expect(outcome.objectives["error_rate"]! < 0.5)
        #expect(reports.map(\.step) == [1, 2, 3] && reports.allSatisfy { $0.totalSteps == 3 })
        #expect(reports.allSatisfy { Set($0.metrics.keys) == ["training_loss", "validation_loss", "learning_rate"] })
        let json = try #require(try JSONSerialization.jsonObject(with: outcome.report) as? [String: Any])
        let provenance = try #require(json["provenance"] as? [String: Any])
        #expect(provenance["train_rows"] as? Int == 2000)
        #expect((json["point"] as? [String: Any])?["parameters"] as? [String: Double] == ["alpha": 0.5])
        #expect(outcome.trainingSeconds > 0)
    }

    @Test("A cancel answered to the first report stops the task with JobCancelled")
    func cancel() throws {
        let shard = try ShardLoader.localShard(directory: Self.shardDirectory)
        var reports = 0
        #expect(throws: JobCancelled(taskID: "t/0")) {
            try FrontierJobs.registry["stl"]!.run(try Self.task("stl", settings: Self.tiny), on: shard) { _ in
                reports += 1
                return .cancel
            }
        }
        #expect(reports == 1)
    }

    @Test("A task for another shard or other bytes is refused")
    func wrongShard() throws {
        let shard = try ShardLoader.localShard(directory: Self.shardDirectory)
        #expect(throws: JobFailed.self) {
            try FrontierJobs.registry["stl"]!.run(try Self.task("stl", shardID: 1, settings: Self.tiny), on: shard) { _ in .proceed }
        }
        let other = String(repeating: "0", count: 64)
        #expect(throws: JobFailed.self) {
            try FrontierJobs.registry["stl"]!.run(try Self.task("stl", sha256: other, settings: Self.tiny), on: shard) { _ in .proceed }
        }
    }

    @Test("Bad training settings are refused with the field's path",
          arguments: [
            (SettingValue.map(["hidden": .list([.number(0)])]), "jobs[0].settings.hidden[0]"),
            (.map(["hiden": .list([.number(16)])]), "jobs[0].settings.hiden"),
            (.map(["epochs": .number(2.5)]), "jobs[0].settings.epochs"),
            (.map(["learning_rate": .string("fast")]), "jobs[0].settings.learning_rate"),
            (.map(["validation_fraction": .number(1)]), "jobs[0].settings.validation_fraction"),
            (.list([]), "jobs[0].settings"),
            (.map(["init": .string("lecun")]), "jobs[0].settings.init"),
            (.map(["surrogate_start": .number(1)]), "jobs[0].settings.surrogate_start"),
          ])
    func badSettings(settings: SettingValue, path: String) {
        #expect {
            try FrontierJobs.registry["joint"]!.validate(settings: settings, at: "jobs[0].settings")
        } throws: { error in
            (error as? SweepSpecError)?.path == path
        }
    }

    @Test("Training settings default to the paper's, reach the method, and the task's parameters are laid over them")
    func settingsDefaults() throws {
        let kind = try #require(FrontierJobs.registry["joint"] as? MethodJobKind)
        let spec = try #require(try SettingValue.decode(json: kind.validate(settings: .null, at: "s")).mapValue)
        #expect(spec["hidden"] == .list([.number(512), .number(256), .number(128)]) && spec["epochs"] == .number(100))
        #expect(spec["learning_rate"] == .number(0.001) && spec["gnf_points"] == .number(0) && spec["lime_samples"] == .number(1000))
        let run = try kind.run(for: try Self.task("joint", parameters: ["alpha": 0.25], seed: 9,
                                                  settings: .map(["init": .string("he"), "surrogate_start": .string("zero")])),
                               recipeDescription: "").run
        let settings = try #require(run.settings as? JointMethod.Settings)
        #expect(settings.alpha == 0.25 && run.seed == 9 && settings.network == NetworkSettings().with(initialisation: .heNormal))
        #expect(settings.surrogateStart == .zero)
    }

    @Test("A job spec stored without newer fields reads with today's defaults")
    func olderJobSpec() throws {
        let kind = try #require(FrontierJobs.registry["joint"] as? MethodJobKind)
        var stored = try #require(try SettingValue.decode(json: kind.validate(settings: .null, at: "s")).mapValue)
        stored["init"] = nil
        stored["surrogate_start"] = nil
        var task = try Self.task("joint", parameters: ["alpha": 0.5], settings: .null)
        task.jobSpec = SettingValue.map(stored).canonicalJSON
        let settings = try #require(try kind.run(for: task, recipeDescription: "").run.settings as? JointMethod.Settings)
        #expect(settings == JointMethod.Settings(alpha: 0.5))
    }

    @Test("noop is deterministic, never reads the shard, and honours fail and cancel")
    func noop() throws {
        let nowhere = LocalShard(descriptor: ShardDescriptor(dataset: "d", shardID: 0, trainRows: 0, testRows: 0, sha256: "", recipe: ""),
                                 directory: "/nonexistent")
        let kind = NoOpJobKind()
        let task = try Self.task("noop", parameters: ["x": 3], seed: 2, settings: .null)
        let a = try kind.run(task, on: nowhere) { _ in .proceed }
        let b = try kind.run(task, on: nowhere) { _ in .proceed }
        #expect(a.objectives == b.objectives)
        #expect(a.objectives == ["loss": 9, "cost": 4.002])
        let failing = try Self.task("noop", settings: .map(["fail": .bool(true)]))
        #expect(throws: JobFailed.self) { try kind.run(failing, on: nowhere) { _ in .proceed } }
        let waiting = try Self.task("noop", settings: .map(["seconds": .number(5)]))
        var reports = 0
        let start = ContinuousClock.now
        #expect(throws: JobCancelled.self) {
            try kind.run(waiting, on: nowhere) { _ in
                reports += 1
                return reports == 3 ? .cancel : .proceed
            }
        }
        #expect(reports == 3 && ContinuousClock.now - start < .seconds(1))
        #expect(throws: SweepSpecError(path: "s.sleep", "unknown field; known fields: fail, seconds")) {
            try kind.validate(settings: .map(["sleep": .number(1)]), at: "s")
        }
    }

    @Test("A worker's descriptor of a shard matches its manifest; a whole-dataset directory is shard 0 of 1")
    func descriptors() throws {
        let manifest = try ShardLoader.manifest(directory: Self.shardDirectory)
        let descriptor = try ShardLoader.descriptor(directory: Self.shardDirectory)
        #expect(descriptor.dataset == "synthetic-classification" && descriptor.shardID == 0)
        #expect(descriptor.trainRows == 2000 && descriptor.testRows == 500 && descriptor.sha256 == manifest.sha256)
        #expect(descriptor.serves(ShardReference(dataset: "synthetic-classification", shardID: 0, sha256: manifest.sha256)))
        let titanic = try ShardLoader.descriptor(directory: DatasetCatalog.dataDirectory(explicit: nil) + "/titanic")
        #expect(titanic.dataset == "titanic" && titanic.shardID == 0 && titanic.trainRows == 1047 && titanic.testRows == 262)
    }

    @Test("The registry knows every kind; defaults suit the dataset")
    func registry() throws {
        #expect(FrontierJobs.registry.names == ["bilevel", "epo", "explain", "fex", "joint", "linear", "mgda", "noop", "poe", "stch", "stl"])
        #expect(FrontierJobs.registry["joint"]!.defaultObjectives(for: try RecipeDatasetResolver().resolve(.string("california-housing"), at: "dataset")) == ["mse", "global_fidelity"])
        #expect(FrontierJobs.registry["stl"]!.defaultObjectives(for: try RecipeDatasetResolver().resolve(.string("adult"), at: "dataset")) == ["error_rate", "global_fidelity"])
        #expect(FrontierJobs.registry["joint"]!.sweptParameters.keys.sorted() == ["alpha", "width_multiplier"])
        #expect(FrontierJobs.registry["epo"]!.sweptParameters.keys.sorted() == ["ray", "width_multiplier"])
        #expect(FrontierJobs.registry["stl"]!.sweptParameters.keys.sorted() == ["width_multiplier"])
        #expect(FrontierJobs.registry["linear"]!.sweptParameters.keys.sorted() == ["l2"])
        #expect(FrontierJobs.registry["epo"]!.objectives.isSuperset(of: ["latency_p50_ms", "model_bytes", "peak_memory_mb"]))
    }

    @Test("Edge costs have no default reference value: the shipped three-objective sweep names one, a sweep without it is refused")
    func edgeReference() throws {
        #expect(FrontierJobs.registry["epo"]!.referenceValue(forObjective: "error_rate", dataset: "digits") == 1)
        #expect(FrontierJobs.registry["epo"]!.referenceValue(forObjective: "latency_p50_ms", dataset: "digits") == nil)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: root.appendingPathComponent("cluster/sweeps/edge-digits.yaml"), encoding: .utf8)
        let plan = try SweepSpec.parse(yaml: shipped, registry: FrontierJobs.registry, datasets: RecipeDatasetResolver())
        #expect(plan.objectives.map(\.name) == ["error_rate", "global_fidelity", "latency_p50_ms"])
        #expect(plan.referencePoint == ["error_rate": 1, "global_fidelity": 1, "latency_p50_ms": 0.05])
        #expect(Set(plan.tasks(sweepID: "e").compactMap { $0.parameters["ray"] }) == [0.1, 0.5, 0.9])
        let unnamed = shipped.split(separator: "\n").filter { !$0.hasPrefix("reference_point") }.joined(separator: "\n")
        #expect {
            try SweepSpec.parse(yaml: unnamed, registry: FrontierJobs.registry, datasets: RecipeDatasetResolver())
        } throws: { error in
            (error as? SweepSpecError)?.path == "reference_point.latency_p50_ms"
        }
    }
}
