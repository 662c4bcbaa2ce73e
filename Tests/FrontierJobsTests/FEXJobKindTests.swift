import Foundation
import Testing
import FrontierData
import FrontierExplain
import FrontierML
import FrontierModels
import FrontierSettings
import FrontierSweep
@testable import FrontierJobs

@Suite("The fex job kind and FEX explainer files")
struct FEXJobKindTests {
    /// A small, quick FEX: 3 epochs at most of a 16-unit explainer.
    static let fexSettings = SettingValue.map(["max_epochs": .number(3), "rows_per_batch": .number(64),
                                               "hidden_widths": .list([.number(16)])])

    static func settings(rows: Int = 10) -> SettingValue {
        .map(["training": ExplainJobKindTests.training, "rows": .number(Double(rows)), "explainer_settings": fexSettings])
    }

    @Test("A fex task trains f once, streams one report per PPO epoch, keeps the policy next to f and reads it back on a rerun")
    func trainsAndKeeps() throws {
        let (registry, _) = ExplainJobKindTests.registry()
        let shard = try ShardLoader.localShard(directory: JobKindTests.shardDirectory)
        let kind = try #require(registry["fex"])
        let task = try ExplainJobKindTests.task(registry, kind: "fex", settings: Self.settings(), parameters: ["sparsity": 0.1])
        #expect(task.label == "fex hidden_widths=[16] max_epochs=3 rows_per_batch=64")
        var reports: [TaskProgressReport] = []
        let first = try kind.run(task, on: shard) { reports.append($0); return .proceed }
        #expect(Set(first.objectives.keys) == ["deletion_auc", "insertion_auc", "spearman_agreement", "mean_mask_size",
                                               "ms_per_explanation"])
        #expect(first.objectives.values.allSatisfy { $0.isFinite })
        // 8 singleton groups: the expected mask keeps between none and all of them.
        #expect(first.objectives["mean_mask_size"]! > 0 && first.objectives["mean_mask_size"]! < 8)
        // Two epochs of f, then FEX's epochs (of at most 3), then the measured objectives.
        let fex = reports.dropFirst(2).dropLast()
        #expect(reports.prefix(2).map(\.step) == [1, 2] && !fex.isEmpty)
        #expect(fex.map(\.step) == Array(1...fex.count) && fex.allSatisfy { $0.totalSteps == 3 && $0.metrics["validation_score"] != nil })
        #expect(reports.last?.metrics == first.objectives)

        let report = try ExplainJobKindTests.json(first.report)
        #expect(report["trained_policy"] as? Bool == true && report["groups"] as? Int == 8)
        #expect(((report["training"] as? [String: Any])?["epochs"] as? [Any])?.count == fex.count)
        #expect(((report["explanation"] as? [String: Any])?["job"] as? String) == "fex")
        let directory = try #require(report["policy"] as? String)
        let (policy, history) = try FEXPolicyFiles.read(from: directory)
        #expect(policy.groups.count == 8 && history.epochs.count == fex.count)

        // The same task again reads the policy: same attributions, so the same quality metrics.
        var again: [TaskProgressReport] = []
        let second = try kind.run(task, on: shard) { again.append($0); return .proceed }
        #expect(try ExplainJobKindTests.json(second.report)["trained_policy"] as? Bool == false)
        #expect(again.count == 1, "neither f nor the policy is trained again")
        for name in ["deletion_auc", "insertion_auc", "spearman_agreement", "mean_mask_size"] {
            #expect(first.objectives[name] == second.objectives[name], "\(name)")
        }
        // Another sparsity is another policy, beside the same f.
        let other = try kind.run(try ExplainJobKindTests.task(registry, kind: "fex", settings: Self.settings(),
                                                              parameters: ["sparsity": 0.5]), on: shard) { _ in .proceed }
        let otherReport = try ExplainJobKindTests.json(other.report)
        #expect(otherReport["trained_policy"] as? Bool == true && otherReport["policy"] as? String != directory)
        let explainers = (directory as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: explainers).filter { !$0.hasPrefix(".") }.count == 2)
    }

    @Test("Cancelling during PPO ends the task as cancelled and keeps no policy")
    func cancel() throws {
        let (registry, cache) = ExplainJobKindTests.registry()
        let shard = try ShardLoader.localShard(directory: JobKindTests.shardDirectory)
        let task = try ExplainJobKindTests.task(registry, kind: "fex", settings: Self.settings())
        #expect(throws: JobCancelled.self) {
            try registry["fex"]!.run(task, on: shard) { $0.metrics["validation_score"] != nil ? .cancel : .proceed }
        }
        let models = try FileManager.default.contentsOfDirectory(atPath: cache.root).filter { !$0.hasPrefix(".") }
        #expect(models.count == 1, "f is kept")
        let explainers = ((cache.root as NSString).appendingPathComponent(models[0]) as NSString).appendingPathComponent("explainers")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: explainers)) ?? []).filter { !$0.hasPrefix(".") }.isEmpty)
    }

    @Test("Bad fex settings and swept values are refused at submit with the field's path; a fex sweep reads")
    func submit() throws {
        let kind = try #require(FrontierJobs.registry["fex"])
        for (settings, path) in [
            (SettingValue.map(["explainer": .string("lime")]), "settings.explainer"),
            (.map(["explainer_settings": .map(["sparsity": .number(-1)])]), "settings.explainer_settings.sparsity"),
            (.map(["metrics": .list([.string("nonsense")])]), "settings.metrics[0]"),
        ] {
            #expect { try kind.validate(settings: settings, at: "settings") } throws: { error in
                (error as? SweepSpecError)?.path == path
            }
        }
        let yaml = """
            name: fex-lambda
            dataset: synthetic-classification
            shard_count: 1
            jobs:
              - kind: fex
                settings: {training: {hidden: [16], epochs: 2}, rows: 20}
                parameters: {sparsity: {values: [0.05, 0.2, 0.8]}, entropy_bonus: {values: [0.1]}}
            objectives: [{name: deletion_auc}, {name: mean_mask_size}]
            reference_point: {deletion_auc: 1, mean_mask_size: 100}
            """
        let plan = try SweepSpec.parse(yaml: yaml, registry: FrontierJobs.registry, datasets: RecipeDatasetResolver())
        #expect(plan.tasks(sweepID: "s").map { $0.parameters["sparsity"]! } == [0.05, 0.2, 0.8])
        for (swept, path) in [("kernel_width: {values: [1]}", "jobs[0].parameters.kernel_width"),
                              ("entropy_bonus: {values: [-1]}", "jobs[0].parameters.entropy_bonus.values[0]")] {
            let bad = yaml.replacingOccurrences(of: "entropy_bonus: {values: [0.1]}", with: swept)
            #expect {
                try SweepSpec.parse(yaml: bad, registry: FrontierJobs.registry, datasets: RecipeDatasetResolver())
            } throws: { error in
                (error as? SweepSpecError)?.path == path || (error as? SettingsError)?.path == path
            }
        }
    }

    @Test("An explainer file round-trips, and one whose weights changed or whose key differs is trained again")
    func files() throws {
        var g = SeededGenerator(seed: 1)
        let x = Matrix(rows: 200, cols: 4, scalars: (0..<800).map { _ in Float(g.nextNormal()) })
        var f = MLP(MLPArchitecture(inputWidth: 4, hiddenWidths: [], outputWidth: 1), initialisation: .glorotUniform, generator: &g)
        f.parameters = [2, 0, 0, -1, 0]
        let model = try NetworkModel(f: f, task: .binaryClassification)
        let settings = try FEXSettings.read(Self.fexSettings, at: "fex")
        let train = { try FEXTrainer(settings: settings).train(model: model, training: x, groups: .singletons(featureCount: 4),
                                                                generator: SeededGenerator(seed: 2)) }
        let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("fex-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let key = FEXPolicyKey(modelChecksum: "abc", settings: settings, seed: 2)
        var trainings = 0
        let first = try FEXPolicyFiles.policy(for: key, modelDirectory: root) { trainings += 1; return try train() }
        let second = try FEXPolicyFiles.policy(for: key, modelDirectory: root) { trainings += 1; return try train() }
        #expect(trainings == 1 && first.trained && !second.trained && first.policy == second.policy && first.history == second.history)
        #expect(first.directory.hasPrefix((root as NSString).appendingPathComponent("explainers/fex-")))
        let weights = (first.directory as NSString).appendingPathComponent("weights.safetensors")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: weights))
        bytes[bytes.count - 1] ^= 1
        try bytes.write(to: URL(fileURLWithPath: weights))
        #expect(throws: ModelFileError.self) { try FEXPolicyFiles.read(from: first.directory) }
        _ = try FEXPolicyFiles.policy(for: key, modelDirectory: root) { trainings += 1; return try train() }
        #expect(trainings == 2)
        var other = key
        other.seed = 3
        #expect(other.id != key.id)
        #expect(throws: ModelFileError.self) { try FEXPolicyFiles.read(from: first.directory, key: other) }
    }
}
