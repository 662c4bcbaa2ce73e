import Foundation
import Testing
import FrontierData
import FrontierExplain
import FrontierML
import FrontierModels
import FrontierSettings
import FrontierSweep
@testable import FrontierJobs

@Suite("The poe job kind")
struct POEJobKindTests {
    static let training = ExplainJobKindTests.training

    static func task(_ registry: JobKindRegistry, settings: SettingValue, parameters: [String: Double] = [:]) throws -> TaskSpec {
        try ExplainJobKindTests.task(registry, kind: "poe", settings: settings, parameters: parameters)
    }

    @Test("A lambda sweep on one model: more robustness weight trades F-grad for R-avg; losses and cost are the objectives")
    func lambdaSweep() throws {
        let (registry, _) = ExplainJobKindTests.registry()
        let shard = try ShardLoader.localShard(directory: JobKindTests.shardDirectory)
        let kind = try #require(registry["poe"])
        let settings = SettingValue.map(["training": Self.training, "rows": .number(30),
                                         "poe_settings": .map(["similarity": .string("gaussian"), "length_scale": .number(2)])])
        var outcomes: [TaskOutcome] = []
        for weight in [0.0001, 0.01, 1] {
            let task = try Self.task(registry, settings: settings, parameters: ["r_avg": weight])
            #expect(task.label == "poe length_scale=2 similarity=gaussian")
            outcomes.append(try kind.run(task, on: shard) { _ in .proceed })
        }
        let names = Set(POETaskReport.lossNames).union(["ms_per_explanation"])
        for outcome in outcomes {
            #expect(Set(outcome.objectives.keys) == names)
            #expect(outcome.objectives.values.allSatisfy { $0.isFinite && $0 >= 0 })
        }
        let fGrad = outcomes.map { $0.objectives["f_grad"]! }, rAvg = outcomes.map { $0.objectives["r_avg"]! }
        #expect(fGrad[0] < fGrad[1] && fGrad[1] < fGrad[2], "F-grad grows with the robustness weight: \(fGrad)")
        #expect(rAvg[0] > rAvg[1] && rAvg[1] > rAvg[2], "R-avg falls with the robustness weight: \(rAvg)")
        let reports = try outcomes.map { try ExplainJobKindTests.json($0.report) }
        #expect(reports.map { $0["trained_model"] as? Bool } == [true, false, false], "one model for the whole sweep")
        #expect((reports[2]["settings"] as? [String: Any])?["r_avg"] as? Double == 1)
        let objective = try #require(reports[2]["objective"] as? Double)
        #expect(abs(objective - (fGrad[2] + rAvg[2])) <= 1e-9 * objective, "the weighted objective is f_grad + 1 x r_avg")
    }

    @Test("POE's reported losses are the property metrics' values of its attributions")
    func lossesAreTheMetrics() throws {
        let (registry, _) = ExplainJobKindTests.registry()
        let shard = try ShardLoader.localShard(directory: JobKindTests.shardDirectory)
        let outcome = try registry["poe"]!.run(try Self.task(registry, settings: .map(["training": Self.training, "rows": .number(12)]),
                                                             parameters: ["r_avg": 0.1, "complexity_l1": 0.01]), on: shard) { _ in .proceed }
        // The same rows and model, explained again by POE and measured by the registry's metrics (uniform similarities).
        let (_, prepared) = try ShardCache().load(for: try Self.task(registry, settings: .map([:])), on: shard)
        let rows = ExplainJobKind.rows(of: prepared.dataset, count: 12, seed: 1)
        let report = try ExplainJobKindTests.json(outcome.report)
        let model = try #require(report["model"] as? [String: Any])
        let directory = try #require(model["directory"] as? String)
        let (saved, _) = try SavedModel.read(from: directory)
        let network = try saved.explainableModel(), context = try saved.explanationContext()
        let poe = try POEExplainer(tree: .map(["r_avg": .number(0.1), "complexity_l1": .number(0.01)]), at: "poe")
        var generator = SeededGenerator(seed: 1).derived("explain")
        let attributions = try poe.explain(rows, model: network, context: context, generator: &generator).attributions[0]
        for name in POETaskReport.lossNames where name != "r_max" {
            var draws = SeededGenerator(seed: 1)
            let value = try PropertyMetrics.registry.make(name).measure(MetricInput(rows: rows, attributions: attributions),
                                                                        model: network, context: context, generator: &draws).value
            let reported = try #require(outcome.objectives[name])
            #expect(abs(reported - value) <= 1e-6 * max(1, abs(value)), "\(name): reported \(reported), metric \(value)")
        }
    }

    @Test("Bad poe settings and swept values are refused at submit with the field's path",
          arguments: [
            (SettingValue.map(["poe_settings": .map(["r_avg": .number(-1)])]), [String: [Double]](), "jobs[0].settings.poe_settings.r_avg"),
            (.map(["poe_settings": .map(["similarity": .string("cosine")])]), [:], "jobs[0].settings.poe_settings.similarity"),
            (.map(["rows": .number(0)]), [:], "jobs[0].settings.rows"),
            (.map(["output": .string("first")]), [:], "jobs[0].settings.output"),
            (.map(["poe_settings": .map(["mode": .string("inductive"), "similarity": .string("gaussian_precision")])]),
             ["r_max": [0.1]], "jobs[0].parameters.r_max"),
          ])
    func badSettings(settings: SettingValue, parameters: [String: [Double]], path: String) {
        #expect {
            let kind = FrontierJobs.registry["poe"]!
            _ = try kind.validate(settings: settings, at: "jobs[0].settings")
            try kind.validate(settings: settings, parameters: parameters, at: "jobs[0]")
        } throws: { error in
            (error as? SweepSpecError)?.path == path
        }
    }

    @Test("A sweep file with poe and explain jobs: lambdas and explainer settings each checked by their kind")
    func sweepFile() throws {
        let yaml = """
            name: poe-front
            dataset: synthetic-classification
            shard_count: 1
            settings: {training: {hidden: [16], epochs: 2}, rows: 20}
            jobs:
              - kind: poe
                settings: {poe_settings: {similarity: gaussian}}
                parameters: {r_avg: {values: [0.001, 0.1]}}
              - kind: explain
                settings: {explainer: smoothgrad}
                parameters: {noise: {values: [0.1]}}
            objectives: [{name: f_grad}, {name: r_avg}]
            reference_point: {f_grad: 1000, r_avg: 1000}
            """
        let plan = try SweepSpec.parse(yaml: yaml, registry: FrontierJobs.registry, datasets: RecipeDatasetResolver())
        let tasks = plan.tasks(sweepID: "s")
        #expect(tasks.map(\.label) == ["poe similarity=gaussian", "poe similarity=gaussian", "smoothgrad"])
        #expect(tasks.map(\.parameters) == [["r_avg": 0.001], ["r_avg": 0.1], ["noise": 0.1]])
        let wrong = yaml.replacingOccurrences(of: "{r_avg: {values: [0.001, 0.1]}}", with: "{noise: {values: [0.1]}}")
        #expect {
            try SweepSpec.parse(yaml: wrong, registry: FrontierJobs.registry, datasets: RecipeDatasetResolver())
        } throws: { error in
            (error as? SweepSpecError)?.path == "jobs[0].parameters.noise"
        }
    }
}
