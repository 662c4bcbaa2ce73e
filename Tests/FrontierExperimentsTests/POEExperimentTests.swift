import Foundation
import Testing
import FrontierExplain
import FrontierPareto
@testable import FrontierExperiments

@Suite("POE's experiments on a small scale")
struct POEExperimentTests {
    @Test("Figure 2 on one function: every method has points, POE's sweep is a trade-off no baseline point beats")
    func figure2() throws {
        var settings = TransductiveComparison.Settings()
        settings.points = 27
        settings.mixes = 20
        settings.deltas = 3
        settings.samples = 100
        settings.mofaeGenerations = 5
        let methods = try TransductiveComparison(settings: settings).faithfulnessRobustness(.sine)
        #expect(Set(methods.map(\.method)) == ["poe", "smoothgrad", "lime", "kernelshap", "agg_base", "agg", "mofae"])
        let poe = methods.first { $0.method == "poe" }!.points
        // Along the sweep F-grad rises and R-avg falls: a trade-off, not a cloud.
        #expect(zip(poe, poe.dropFirst()).allSatisfy { $0.fGrad <= $1.fGrad + 1e-9 && $0.rAvg >= $1.rAvg - 1e-9 })
        let others = methods.filter { POEReproduction.baselines.contains($0.method) }.flatMap { $0.points.map(\.faithfulnessRobustness) }
        #expect(FrontDominance().poePointsDominated(poe: poe.map(\.faithfulnessRobustness), by: others) == 0)
    }

    @Test("Figure 4 on a small scale: the inductive error falls as inducing points grow")
    func figure4() throws {
        var settings = InductiveComparison.Settings()
        settings.functions = [.sine]
        settings.queries = 150
        settings.dimensions = 2
        settings.inducingCounts = [20, 80, 320]
        settings.robustnessWeights = [0.01]
        settings.lengthScale = 1
        settings.seeds = 2
        let rows = try InductiveComparison(settings: settings).figure4()
        let errors = rows.map { POEReport.mean($0.relativeError) }
        #expect(errors[0] > errors[1] && errors[1] > errors[2], "\(errors)")
        #expect(rows.allSatisfy { $0.transductiveKKT < 1e-6 })
        #expect(rows.allSatisfy { $0.excessLoss.allSatisfy { $0 >= -1e-9 } }, "the transductive optimum is the lowest loss")
    }

    @Test("Panels render as SVG with one group per panel and series")
    func svg() {
        let panel = PanelScatterSVG.Panel(title: "A & B", xLabel: "x", yLabel: "y", series: [
            .init(name: "POE", colour: "#E69F00", marker: .line, points: [(0, 1), (1, 0)]),
            .init(name: "LIME", colour: "#D55E00", marker: .cross, points: [(0.5, 0.5)]),
        ])
        let svg = PanelScatterSVG.render([panel, panel], columns: 2, title: "t")
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.components(separatedBy: "class=\"panel\"").count == 3)
        #expect(svg.contains("A &amp; B"))
        #expect(svg.components(separatedBy: "class=\"marker\"").count - 1 == 2 * 3 + 2)
    }
}
