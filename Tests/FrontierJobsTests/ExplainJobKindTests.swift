import Foundation
import Testing
import FrontierData
import FrontierExplain
import FrontierML
import FrontierModels
import FrontierSettings
import FrontierSweep
@testable import FrontierJobs

@Suite("The explain job kind and saved models")
struct ExplainJobKindTests {
    static func registry() -> (JobKindRegistry, ModelCache) {
        let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("frontier-job-models-\(UUID().uuidString)")
        let cache = ModelCache(root: root)
        return (FrontierJobs.registry(models: cache), cache)
    }

    static let training = SettingValue.map(["method": .string("stl"), "hidden": .list([.number(16)]), "epochs": .number(2)])

    static func task(_ registry: JobKindRegistry, kind: String = "explain", settings: SettingValue, parameters: [String: Double] = [:],
                     seed: UInt64 = 1) throws -> TaskSpec {
        let spec = try #require(registry[kind]).validate(settings: settings, at: "settings")
        return TaskSpec(taskID: "t/0", sweepID: "t", index: 0, jobKind: kind, parameters: parameters, seed: seed,
                        shard: ShardReference(dataset: "synthetic-classification", shardID: 0), jobSpec: spec)
    }

    static func json(_ data: Data) throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]) }

    @Test("Explainers of one (shard, seed, training) share one model, trained once; metrics and cost are the objectives")
    func sharedModel() throws {
        let (registry, cache) = Self.registry()
        let shard = try ShardLoader.localShard(directory: JobKindTests.shardDirectory)
        let kind = try #require(registry["explain"])
        var reports: [TaskProgressReport] = []
        let lime = try Self.task(registry, settings: .map(["explainer": .string("lime"), "training": Self.training,
                                                           "rows": .number(20), "explainer_settings": .map(["samples": .number(200)])]),
                                 parameters: ["kernel_width": 2])
        #expect(lime.label == "lime samples=200")
        let first = try kind.run(lime, on: shard) { reports.append($0); return .proceed }
        let metrics = Set(ExplainJobSettings.referenceFreeMetrics)
        #expect(Set(first.objectives.keys) == metrics.union(["ms_per_explanation"]))
        #expect(first.objectives.values.allSatisfy(\.isFinite) && first.objectives["ms_per_explanation"]! > 0)
        #expect(reports.map(\.step) == [1, 2, 1, 2], "two training epochs, then explaining and measuring")
        let firstReport = try Self.json(first.report)
        #expect(firstReport["trained_model"] as? Bool == true && firstReport["rows"] as? Int == 20)
        #expect((firstReport["settings"] as? [String: Any])?["kernel_width"] as? Double == 2)

        let shap = try Self.task(registry, settings: .map(["explainer": .string("kernelshap"), "training": Self.training,
                                                           "rows": .number(5), "metrics": .list([.string("f_func"), .string("spearman_agreement")]),
                                                           "reference": .string("kernelshap")]))
        let second = try kind.run(shap, on: shard) { _ in .proceed }
        let secondReport = try Self.json(second.report)
        #expect(secondReport["trained_model"] as? Bool == false)
        let model = { (r: [String: Any]) in (r["model"] as? [String: Any])?["checksum"] as? String }
        #expect(model(firstReport) != nil && model(firstReport) == model(secondReport))
        #expect(abs(second.objectives["spearman_agreement"]! - 1) < 1e-12, "KernelSHAP agrees with itself (same seed)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.root).filter { !$0.hasPrefix(".") }.count == 1)

        // Another seed is another model.
        let third = try kind.run(try Self.task(registry, settings: .map(["explainer": .string("gradient"), "training": Self.training]),
                                               seed: 2), on: shard) { _ in .proceed }
        #expect(try Self.json(third.report)["trained_model"] as? Bool == true)
    }

    @Test("A training task with save_models keeps its model, which the explain kind then reuses")
    func saveModels() throws {
        let (registry, cache) = Self.registry()
        let shard = try ShardLoader.localShard(directory: JobKindTests.shardDirectory)
        var training = Self.training.mapValue!
        training["method"] = nil
        let stl = try Self.task(registry, kind: "stl", settings: SettingValue.map(training).merging(.map(["save_models": .bool(true)])))
        let outcome = try registry["stl"]!.run(stl, on: shard) { _ in .proceed }
        let note = try #require(try Self.json(outcome.report)["model"] as? [String: Any])
        let directory = try #require(note["directory"] as? String)
        let (saved, reference) = try SavedModel.read(from: directory)
        #expect(note["checksum"] as? String == reference.checksum && note["id"] as? String == reference.id)
        #expect(saved.metadata.method.name == "stl" && saved.metadata.featureNames.count == 8 && saved.g != nil)
        #expect(saved.metadata.metrics["error_rate"] == outcome.objectives["error_rate"])
        #expect(directory.hasPrefix(cache.root))
        let explained = try registry["explain"]!.run(
            try Self.task(registry, settings: .map(["explainer": .string("linear"), "training": Self.training, "rows": .number(4)])),
            on: shard) { _ in .proceed }
        #expect(try Self.json(explained.report)["trained_model"] as? Bool == false)
        // Without save_models nothing is kept and the report names no model.
        let plain = try registry["stl"]!.run(try Self.task(registry, kind: "stl", settings: .map(training)), on: shard) { _ in .proceed }
        #expect(try Self.json(plain.report)["model"] == nil)
    }

    @Test("Bad explain settings and swept values are refused at submit with the field's path",
          arguments: [
            (SettingValue.map([:]), "jobs[0].settings.explainer"),
            (.map(["explainer": .string("shapley")]), "jobs[0].settings.explainer"),
            (.map(["explainer": .string("lime"), "explainer_settings": .map(["samples": .number(1)])]), "jobs[0].settings.explainer_settings.samples"),
            (.map(["explainer": .string("lime"), "metrics": .list([.string("top_k_agreement")])]), "jobs[0].settings.reference"),
            (.map(["explainer": .string("lime"), "metrics": .list([.string("fidelity")])]), "jobs[0].settings.metrics[0]"),
            (.map(["explainer": .string("lime"), "training": .map(["method": .string("joint"), "alpha": .number(2)])]), "jobs[0].settings.training.alpha"),
            (.map(["explainer": .string("lime"), "rows": .number(0)]), "jobs[0].settings.rows"),
            (.map(["explainer": .string("lime"), "metric_settings": .map(["f_grad": .map([:])]), "metrics": .list([.string("f_func")])]),
             "jobs[0].settings.metric_settings.f_grad"),
          ])
    func badSettings(settings: SettingValue, path: String) {
        #expect {
            try FrontierJobs.registry["explain"]!.validate(settings: settings, at: "jobs[0].settings")
        } throws: { error in
            (error as? SweepSpecError)?.path == path
        }
    }

    @Test("A sweep of explainers: points labelled by explainer, swept values checked against the job's explainer")
    func sweep() throws {
        let yaml = """
            name: explainers
            dataset: synthetic-classification
            shard_count: 1
            jobs:
              - kind: explain
                settings: {explainer: lime, training: {hidden: [16], epochs: 2}}
                parameters: {kernel_width: {values: [1, 2]}, samples: {values: [100]}}
              - kind: explain
                settings: {explainer: smoothgrad, label: "SmoothGrad"}
                parameters: {noise: {values: [0.1, 0.2]}}
            objectives: [{name: f_func}, {name: ms_per_explanation}]
            reference_point: {f_func: 1, ms_per_explanation: 10000}
            """
        let plan = try SweepSpec.parse(yaml: yaml, registry: FrontierJobs.registry, datasets: RecipeDatasetResolver())
        let tasks = plan.tasks(sweepID: "s")
        #expect(tasks.map(\.label) == ["lime", "lime", "SmoothGrad", "SmoothGrad"])
        #expect(tasks.map(\.parameters) == [["kernel_width": 1, "samples": 100], ["kernel_width": 2, "samples": 100],
                                            ["noise": 0.1], ["noise": 0.2]])
        let wrong = yaml.replacingOccurrences(of: "{noise: {values: [0.1, 0.2]}}", with: "{kernel_width: {values: [1]}}")
        #expect(throws: SweepSpecError(path: "jobs[1].parameters.kernel_width",
                                       "smoothgrad has no setting 'kernel_width' (its settings: noise, noise_scale, samples)")) {
            try SweepSpec.parse(yaml: wrong, registry: FrontierJobs.registry, datasets: RecipeDatasetResolver())
        }
        let invalid = yaml.replacingOccurrences(of: "kernel_width: {values: [1, 2]}", with: "kernel_width: {values: [0]}")
        #expect {
            try SweepSpec.parse(yaml: invalid, registry: FrontierJobs.registry, datasets: RecipeDatasetResolver())
        } throws: { error in
            (error as? SweepSpecError)?.path == "jobs[0].parameters.kernel_width"
        }
        // The shipped example sweep reads, with one label per explainer.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: root.appendingPathComponent("cluster/sweeps/adult-explainers.yaml"), encoding: .utf8)
        let adult = try SweepSpec.parse(yaml: shipped, registry: FrontierJobs.registry, datasets: RecipeDatasetResolver())
        #expect(Set(adult.tasks(sweepID: "a").map(\.label)) == ["kernelshap", "lime", "smoothgrad", "integrated_gradients",
                                                                  "gradient", "gradient_x_input"])
        // A training kind's task keeps its kind as its label.
        #expect(try JobKindTests.task("stl", settings: JobKindTests.tiny).label == "stl")
    }
}
