import Foundation
import Testing
import FrontierJobs
@testable import FrontierSweep

/// Hostile sweep files are refused before they cost the coordinator unbounded time or memory.
@Suite("Sweep spec limits")
struct SpecLimitTests {
    let registry = FrontierJobs.registry

    /// Ten aliases per level over `levels` levels under an unknown field: 10^levels
    /// strings once expanded, in a few hundred bytes (the "billion laughs").
    static func aliasBomb(levels: Int) -> String {
        var lines = ["name: bomb", "dataset: adult", "lol0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        for level in 1...levels {
            let aliases = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("lol\(level): &l\(level) [\(aliases)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("A YAML alias bomb is refused before it is expanded")
    func aliasBomb() {
        let bomb = Self.aliasBomb(levels: 6)
        #expect(bomb.utf8.count < 700)
        let error = #expect(throws: SweepSpecError.self) { try SweepSpec.parse(yaml: bomb, registry: registry, datasets: RecipeDatasetResolver()) }
        #expect(error?.message.contains("expands to more than") == true, "\(String(describing: error))")
    }

    @Test("Nesting deeper than the limit is refused, aliases included")
    func deepNesting() {
        let deep = "name: deep\ndataset: adult\nsettings: {x: " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60) + "}\n"
        let error = #expect(throws: SweepSpecError.self) { try SweepSpec.parse(yaml: deep, registry: registry, datasets: RecipeDatasetResolver()) }
        #expect(error?.message.contains("nests deeper") == true, "\(String(describing: error))")

        // 21 levels each, fine alone; 42 once b's alias of a is expanded.
        let open = String(repeating: "[", count: 20), close = String(repeating: "]", count: 20)
        let viaAlias = "a: &a \(open)1\(close)\nb: \(open)*a\(close)\nname: x\n"
        let aliasError = #expect(throws: SweepSpecError.self) { try SweepSpec.parse(yaml: viaAlias, registry: registry, datasets: RecipeDatasetResolver()) }
        #expect(aliasError?.message.contains("nests deeper") == true, "\(String(describing: aliasError))")
    }

    @Test("A spec larger than the size limit is refused without parsing")
    func tooLarge() {
        let large = "name: big\n# " + String(repeating: "x", count: 300_000) + "\n"
        let error = #expect(throws: SweepSpecError.self) { try SweepSpec.parse(yaml: large, registry: registry, datasets: RecipeDatasetResolver()) }
        #expect(error?.message.contains("bytes") == true, "\(String(describing: error))")
    }

    @Test("Anchors and aliases within the limits still work")
    func aliasesWithinLimits() throws {
        let yaml = """
            name: shared
            dataset: adult
            shard_count: 1
            jobs:
              - kind: stl
                settings: &small {hidden: [8], epochs: 2}
              - kind: joint
                parameters: {alpha: {values: [0.5]}}
                settings: *small
            """
        let plan = try SweepSpec.parse(yaml: yaml, registry: registry, datasets: RecipeDatasetResolver())
        #expect(plan.jobs.map(\.settings) == [plan.jobs[0].settings, plan.jobs[0].settings])
    }
}
