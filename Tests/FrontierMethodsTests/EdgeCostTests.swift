import Foundation
import Testing
import FrontierML
import FrontierSettings
import FrontierSupport
@testable import FrontierMethods

@Suite("Edge cost of a trained point, and f's width multiplier")
struct EdgeCostTests {
    @Test("A run reports f's size, latency percentiles and peak training memory, also as objectives")
    func reported() throws {
        let run = try MethodRun(method: SingleTaskMethod(),
                                tree: .map(["hidden": .list([.number(32), .number(16)]), "epochs": .number(2),
                                            "latency_passes": .number(200), "latency_warmup": .number(10)]),
                                at: "", seed: 1)
        let report = try run.run(on: TrainingMethodTests.toy)
        let cost = try #require(report.edgeCost)
        // 3 inputs -> 32 -> 16 -> 1: (3·32 + 32) + (32·16 + 16) + (16 + 1) = 673 parameters, 4 bytes each.
        #expect(cost.parameters == 673 && cost.modelBytes == 2692)
        #expect(cost.latencyPasses == 200)
        let p50 = try #require(cost.latencyP50Ms), p99 = try #require(cost.latencyP99Ms)
        #expect(p50 > 0 && p50 <= p99 && p99 < 1000)
        if FileManager.default.fileExists(atPath: "/proc/self/status") {
            let peak = try #require(cost.peakMemoryMb)
            #expect(peak > 1 && cost.trainingMemoryDeltaMb! >= 0 && cost.trainingMemoryDeltaMb! <= peak)
            #expect(cost.peakMemoryScope == "training" || cost.peakMemoryScope == "process")
        }
        let objectives = report.point.objectives
        #expect(Set(objectives.keys).isSuperset(of: ["error_rate", "global_fidelity", "parameters", "model_bytes",
                                                     "latency_p50_ms", "latency_p99_ms"]))
        #expect(objectives["parameters"] == 673 && objectives["latency_p50_ms"] == p50)
        let json = String(decoding: try report.json(), as: UTF8.self)
        #expect(json.contains("\"latency_p50_ms\"") && json.contains("\"model_bytes\" : 2692"))
        // The report reads back to itself (what `plot heatmap` and the result tables read).
        let decoded = try RunReport.decode(json: try report.json())
        #expect(try decoded.json() == (try report.json()) && decoded.edgeCost == cost)
    }

    @Test("latency_passes 0 skips the timing; the size is still reported")
    func skipped() throws {
        let run = try MethodRun(method: LinearMethod(), tree: .map(["latency_passes": .number(0)]),
                                at: "", seed: 1)
        let cost = try #require(try run.run(on: TrainingMethodTests.toy).edgeCost)
        #expect(cost.latencyP50Ms == nil && cost.latencyPasses == 0 && cost.parameters == 4)
        #expect(cost.objectives["latency_p50_ms"] == nil && cost.objectives["model_bytes"] == 16)
    }

    @Test("Percentiles by nearest rank")
    func nearestRank() {
        let values = (1...100).map(Double.init)
        #expect(FrontierSupport.nearestRank(values, 0.5) == 50 && FrontierSupport.nearestRank(values, 0.99) == 99)
        #expect(FrontierSupport.nearestRank([7], 0.99) == 7 && FrontierSupport.nearestRank([1, 2, 3], 0.5) == 2)
    }

    @Test("The width multiplier scales every hidden layer, rounds, keeps at least one unit, and marks the point")
    func widthMultiplier() throws {
        let quarter = try NetworkSettings.read(.map(["width_multiplier": .number(0.25)]), at: "")
        #expect(quarter.scaledHidden == [128, 64, 32])
        #expect(quarter.architecture(inputs: 4, outputs: 1).hiddenWidths == [128, 64, 32])
        #expect(try NetworkSettings.read(.map(["width_multiplier": .number(0.001)]), at: "").scaledHidden == [1, 1, 1])
        #expect(NetworkSettings().scaledHidden == [512, 256, 128] && NetworkSettings().pointParameters.isEmpty)
        let joint = try JointMethod.Settings.read(.map(["width_multiplier": .number(0.5), "alpha": .number(0.2)]), at: "")
        #expect(joint.pointParameters == ["alpha": 0.2, "width_multiplier": 0.5])
        #expect { try NetworkSettings.read(.map(["width_multiplier": .number(0)]), at: "n") } throws: {
            ($0 as? SettingsError)?.path == "n.width_multiplier"
        }
    }
}
