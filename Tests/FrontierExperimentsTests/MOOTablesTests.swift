import Foundation
import Testing
import FrontierData
import FrontierML
import FrontierMethods
import FrontierSettings
@testable import FrontierExperiments

@Suite("MOO result tables: the rays' hypervolume against the α grid's")
struct MOOTablesTests {
    /// A real run report (one epoch of a tiny single-task training), relabelled below as any method's point.
    static let template: RunReport = {
        var generator = SeededGenerator(seed: 1)
        let x = Matrix(rows: 60, cols: 2, scalars: generator.normals(120))
        let y = (0..<60).map { r -> Float in x[r, 0] + x[r, 1] > 0 ? 1 : 0 }
        let samples = LabeledSamples(features: x, targets: Matrix(column: y))
        let data = Dataset(name: "toy", task: .binaryClassification, featureNames: ["a", "b"], train: samples, test: samples)
        let tree: SettingValue = .map(["hidden": .list([.number(4)]), "epochs": .number(1), "latency_passes": .number(1)])
        return try! MethodRun(method: SingleTaskMethod(), tree: tree, at: "", seed: 1).run(on: data)
    }()

    static func run(_ method: String, _ parameter: String, _ value: Double, seed: UInt64, error: Double, gf: Double) -> RunReport {
        var r = template
        r.provenance.method = method
        r.provenance.seed = seed
        r.point.parameters = [parameter: value]
        r.point.objectives["error_rate"] = error
        r.metrics.globalFidelity = gf
        return r
    }

    @Test("Two αs against three rays: one reference from both families' nadir, hypervolumes by hand, an incomplete seed left out")
    func unequalFamilies() {
        let reports = [
            Self.run("joint", "alpha", 0.1, seed: 1, error: 0.5, gf: 0.2), Self.run("joint", "alpha", 0.9, seed: 1, error: 0.2, gf: 0.5),
            Self.run("stch", "ray", 0.1, seed: 1, error: 0.4, gf: 0.1), Self.run("stch", "ray", 0.5, seed: 1, error: 0.25, gf: 0.25),
            Self.run("stch", "ray", 0.9, seed: 1, error: 0.1, gf: 0.4),
            // Seed 2 lacks an α: it must not count, nor move the reference point (its ray lies far out).
            Self.run("joint", "alpha", 0.1, seed: 2, error: 0.5, gf: 0.2),
            Self.run("stch", "ray", 0.1, seed: 2, error: 0.9, gf: 0.9), Self.run("stch", "ray", 0.5, seed: 2, error: 0.9, gf: 0.9),
            Self.run("stch", "ray", 0.9, seed: 2, error: 0.9, gf: 0.9),
        ]
        let table = MOOTables(reports: reports, command: "test").hypervolumeTable(datasets: ["toy"], rays: "stch")
        let row = table.split(separator: "\n").first { $0.hasPrefix("| toy ") }.map(String.init) ?? ""
        // Reference: nadir (0.5, 0.5) plus 10% of the ranges (0.4 each) = (0.54, 0.54).
        // α grid: 0.34 · 0.04 + 0.04 · 0.30 = 0.0256; rays: 0.44 · 0.14 + 0.29 · 0.15 + 0.14 · 0.15 = 0.1261.
        #expect(row.hasPrefix("| toy | 2 / 3 | 1 | (0.54, 0.54) | "), "\(row)")
        #expect(row.hasSuffix("| 1 of 1 | 0.0256 / 0.1261 |"), "\(row)")
    }

    @Test("A ray front dominated by the α grid's loses on every seed")
    func dominatedRays() {
        var reports: [RunReport] = []
        for seed: UInt64 in [1, 2] {
            reports += [Self.run("joint", "alpha", 0.1, seed: seed, error: 0.3, gf: 0.1), Self.run("joint", "alpha", 0.9, seed: seed, error: 0.1, gf: 0.3),
                        Self.run("epo", "ray", 0.1, seed: seed, error: 0.35, gf: 0.15), Self.run("epo", "ray", 0.9, seed: seed, error: 0.15, gf: 0.35)]
        }
        let table = MOOTables(reports: reports, command: "test").hypervolumeTable(datasets: ["toy"])
        let row = table.split(separator: "\n").first { $0.hasPrefix("| toy ") }.map(String.init) ?? ""
        #expect(row.hasPrefix("| toy | 2 | 2 | "), "\(row)")
        #expect(row.contains("| 0 of 2 |"), "\(row)")
    }
}
