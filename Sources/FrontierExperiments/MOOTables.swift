import Foundation
import FrontierML
import FrontierMethods
import FrontierSettings

/// The tables of docs/results/moo-tables.md from the reports of `scripts/moo-experiments`: the
/// paper's headline on our data, local explainability (GNF with LIME), the cost of each
/// method; `MOOFronts` adds the fronts, hypervolumes and figures.
public struct MOOTables {
    let reports: [RunReport]
    let command: String

    /// `command` is what the header says made the tables.
    public init(reports: [RunReport], command: String) {
        self.reports = reports
        self.command = command
    }

    /// A configuration of a method: its name and swept parameters.
    struct Config: Hashable {
        var method: String
        var parameters: [String: Double] = [:]

        var title: String {
            let p = parameters.sorted { $0.key < $1.key }.map { "\(Self.short($0.key))=\(SettingsReader.text($0.value))" }
            return p.isEmpty ? method : "\(method) " + p.joined(separator: " ")
        }

        static func short(_ name: String) -> String {
            ["alpha": "α", "ray": "r", "width_multiplier": "width"][name] ?? name
        }
    }

    static let tabular = ["adult", "titanic", "wine-quality", "california-housing", "auto-mpg", "digits"]
    /// The configurations the headline and GNF tables report, in order.
    static let headline: [Config] = [
        Config(method: "mgda"), Config(method: "bilevel", parameters: ["alpha": 0.1]),
        Config(method: "bilevel", parameters: ["alpha": 0.5]), Config(method: "joint", parameters: ["alpha": 0.1]),
        Config(method: "joint", parameters: ["alpha": 0.5]),
        Config(method: "epo", parameters: ["ray": 0.1]), Config(method: "epo", parameters: ["ray": 0.5]),
        Config(method: "epo", parameters: ["ray": 0.9]),
    ]

    func runs(_ dataset: String, _ config: Config) -> [RunReport] {
        reports.filter { $0.provenance.dataset == dataset && $0.provenance.method == config.method
            && $0.point.parameters == config.parameters }
    }

    func datasets(among names: [String]) -> [String] {
        names.filter { name in reports.contains { $0.provenance.dataset == name } }
    }

    /// The prediction objective to minimise: error rate or MSE.
    static func error(_ r: RunReport) -> Double { r.point.objectives["error_rate"] ?? r.point.objectives["mse"] ?? .nan }

    func mean(_ runs: [RunReport], _ value: (RunReport) -> Double) -> Double? {
        SeedStatistics.stats(runs.map(value))?.mean
    }

    /// The header: what produced the file, on what machine, from how many runs.
    func header() -> String {
        let dates = reports.map(\.provenance.startedAt).sorted()
        let formatter = ISO8601DateFormatter()
        let seconds = reports.map { $0.timings.trainingSeconds + $0.timings.evaluationSeconds }.reduce(0, +)
        return """
        # Multi-objective joint training: result tables

        Tables produced by `\(command)` (Frontier \(FrontierVersion.current)) from \(reports.count) runs of \
        `scripts/moo-experiments` (`frontier train --json` runs and local sweeps, two runs at a time, 1 OpenBLAS \
        thread each), \
        started \(dates.first.map(formatter.string) ?? "?") to \(dates.last.map(formatter.string) ?? "?") on \
        \(reports.first?.provenance.processors ?? 0) cores (\(BLAS.configuration)); \
        \(String(format: "%.0f", seconds)) s of training and evaluation in all. Every run uses the paper's recipe \
        (MLP 512-256-128, Adam 1e-3, batch 32, early stopping 3, plateau 1, up to 100 epochs) and its method's \
        defaults (docs/moo.md). Values are mean ± standard deviation over the seeds run (the count is in each \
        table). Accuracy and error are on the test split; GF and GNF compare f and g on the output scale \
        (probabilities for classification); MSE is in units of the standardised target's variance.


        """
    }

    /// The paper's headline per dataset and configuration: GF reduction against STL and the
    /// change in accuracy (points) or MSE (%); the verdict asks for at least 99% and less than 3 points.
    func headlineTable() -> String {
        var lines = ["## 1. The paper's headline on our data", "",
                     "Claim: over 99% lower GF than single-task training with less than 3 points (absolute) of accuracy lost. "
                        + "The verdict applies that bar to classification; for regression the MSE change is shown.", "",
                     "| dataset | configuration | seeds | accuracy / MSE | GF | GF reduction vs STL | change vs STL | meets the claim |",
                     "|---|---|---|---|---|---|---|---|"]
        for d in datasets(among: Self.tabular) {
            let stl = runs(d, Config(method: "stl"))
            guard let stlGF = mean(stl, { $0.metrics.globalFidelity }), let stlPerf = mean(stl, \.performance) else { continue }
            lines.append("| \(d) | stl | \(stl.count) | \(SeedStatistics.cell(stl.map(\.performance), digits: 4)) | "
                + "\(SeedStatistics.cell(stl.map { $0.metrics.globalFidelity })) | | | |")
            for config in Self.headline {
                let r = runs(d, config)
                guard let gf = mean(r, { $0.metrics.globalFidelity }), let perf = mean(r, \.performance) else { continue }
                let reduction = 1 - gf / stlGF
                let classification = r.allSatisfy(\.isClassification)
                let change = classification ? String(format: "%+.2f points", (perf - stlPerf) * 100)
                    : String(format: "%+.1f%% MSE", (perf / stlPerf - 1) * 100)
                let verdict = classification ? (reduction >= 0.99 && stlPerf - perf < 0.03 ? "yes" : "no") : "n/a"
                lines.append("| \(d) | \(config.title) | \(r.count) | \(SeedStatistics.cell(r.map(\.performance), digits: 4)) | "
                    + "\(SeedStatistics.cell(r.map { $0.metrics.globalFidelity })) | \(String(format: "%.1f%%", reduction * 100)) | "
                    + "\(change) | \(verdict) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// GNF of LIME's local explanations of f (and of g as every point's explanation), STL
    /// against each configuration, with LIME's gain against STL.
    func localTable() -> String {
        var lines = ["## 3. Local explainability: GNF with LIME (the MTL paper's Table 4)", "",
                     "GNF on 50 test points per run, 10 neighbours from N(x, 0.1²I), LIME with 1000 samples explaining f. "
                        + "The gain is 1 − GNF(config) / GNF(STL) for LIME; the edge-services paper reports \"up to 98.5%\".", "",
                     "| dataset | configuration | LIME GNF | gain vs STL | g's GNF |", "|---|---|---|---|---|"]
        for d in datasets(among: Self.tabular) {
            let stl = runs(d, Config(method: "stl"))
            guard let stlLIME = mean(stl, { $0.metrics.neighbourhood?.lime ?? .nan }) else { continue }
            lines.append("| \(d) | stl | \(SeedStatistics.cell(stl.compactMap { $0.metrics.neighbourhood?.lime })) | | "
                + "\(SeedStatistics.cell(stl.compactMap { $0.metrics.neighbourhood?.surrogate })) |")
            for config in Self.headline {
                let r = runs(d, config)
                guard let lime = mean(r, { $0.metrics.neighbourhood?.lime ?? .nan }) else { continue }
                lines.append("| \(d) | \(config.title) | \(SeedStatistics.cell(r.compactMap { $0.metrics.neighbourhood?.lime })) | "
                    + "\(String(format: "%.1f%%", (1 - lime / stlLIME) * 100)) | "
                    + "\(SeedStatistics.cell(r.compactMap { $0.metrics.neighbourhood?.surrogate })) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What each method costs to train, per dataset: epochs and seconds (mean over its runs).
    func costTable() -> String {
        let methods = ["stl", "joint", "mgda", "epo", "stch", "bilevel", "linear"].filter { m in
            reports.contains { $0.provenance.method == m }
        }
        var lines = ["## 6. Training cost per run", "",
                     "Mean epochs (for epo and stch: the single-task anchor phase plus the steered phase) and training seconds "
                        + "per run, over every run of the method on the dataset (1 OpenBLAS thread, 2 runs sharing 2 cores "
                        + "with other work on the machine).", "",
                     "| dataset | " + methods.joined(separator: " | ") + " |", "|---|" + String(repeating: "---|", count: methods.count)]
        let names = Set(reports.map(\.provenance.dataset)).filter { !$0.hasPrefix("edge") }.sorted()
        for d in names {
            let cells = methods.map { m -> String in
                let r = reports.filter { $0.provenance.dataset == d && $0.provenance.method == m
                    && $0.point.parameters["width_multiplier"] == nil }
                guard let epochs = mean(r, { Double($0.timings.epochs) }), let s = mean(r, { $0.timings.trainingSeconds }) else {
                    return "-"
                }
                return String(format: "%.0f ep, %.1f s", epochs, s)
            }
            lines.append("| \(d) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
