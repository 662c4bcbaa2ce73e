import Foundation
import FrontierExplain
import FrontierPareto

/// Writes POE's reproduction as Markdown (`docs/results/poe.md`) and SVG figures laid out
/// like the paper's Figures 2, 3 and 4.
public enum POEReport {
    /// Method display names, colours and markers, in legend order.
    static let styles: [(method: String, name: String, colour: String, marker: PanelScatterSVG.Marker)] = [
        ("smoothgrad", "SmoothGrad", PanelScatterSVG.palette[0], .circle),
        ("lime", "LIME", PanelScatterSVG.palette[1], .circle),
        ("kernelshap", "KernelSHAP", PanelScatterSVG.palette[6], .square),
        ("agg", "AGG", PanelScatterSVG.palette[2], .circle),
        ("agg_base", "AGG (base explanations)", PanelScatterSVG.palette[2], .cross),
        ("mofae", "MOFAE", PanelScatterSVG.palette[3], .circle),
        ("poe", "POE", PanelScatterSVG.palette[4], .line),
    ]

    /// Figure 2: F-grad across, R-avg up, one panel per function.
    public static func figure2(_ results: POEReproduction.Results) -> String {
        let panels = results.figure2.map { r in
            PanelScatterSVG.Panel(title: r.function.title, xLabel: "faithfulness loss (F-grad)", yLabel: "robustness loss (R-avg)",
                                  series: series(r.methods) { ($0.fGrad, $0.rAvg) })
        }
        return PanelScatterSVG.render(panels, columns: 4, title: "Faithfulness vs robustness (D = 3, N = \(results.settings.transductive.points))")
    }

    /// Figure 3: per function, F-grad vs R-avg (top) and complexity vs F-grad (bottom); POE one line per complexity weight.
    public static func figure3(_ results: POEReproduction.Results) -> String {
        var panels: [PanelScatterSVG.Panel] = []
        for (axes, labels) in [({ (p: LossPoint) in (p.fGrad, p.rAvg) }, ("F-grad", "R-avg")),
                               ({ (p: LossPoint) in (p.complexity, p.fGrad) }, ("complexity (L1)", "F-grad"))] {
            for r in results.figure3 {
                var s = series(r.methods.filter { $0.method != "poe" }, axes)
                if let poe = r.methods.first(where: { $0.method == "poe" }), let groups = poe.groups {
                    for (k, q) in Array(Set(groups)).sorted().enumerated() {
                        let points = zip(poe.points, groups).filter { $0.1 == q }.map { axes($0.0) }
                        s.append(.init(name: String(format: "POE, complexity %.2g", q), colour: PanelScatterSVG.palette[(4 + k) % 8],
                                       marker: .line, points: points.map { (x: $0.0, y: $0.1) }))
                    }
                }
                panels.append(.init(title: r.function.title, xLabel: labels.0, yLabel: labels.1, series: s))
            }
        }
        return PanelScatterSVG.render(panels, columns: max(results.figure3.count, 1), title: "Faithfulness, robustness and complexity")
    }

    /// Figure 4: relative error of the inductive solution against N, one panel per function, one line per R-avg weight.
    public static func figure4(_ results: POEReproduction.Results) -> String {
        let functions = results.settings.inductive.functions
        let panels = functions.map { kind in
            PanelScatterSVG.Panel(title: kind.title, xLabel: "inducing points N", yLabel: "relative error vs transductive",
                                  series: results.settings.inductive.robustnessWeights.enumerated().map { k, lr in
                let rows = results.figure4.filter { $0.function == kind && $0.robustnessWeight == lr }
                return .init(name: "lambda R-avg = \(lr)", colour: PanelScatterSVG.palette[k % 8], marker: .line,
                             points: rows.map { (x: Double($0.inducing), y: mean($0.relativeError)) })
            })
        }
        return PanelScatterSVG.render(panels, columns: min(functions.count, 3), title: "Inductive vs transductive solutions")
    }

    private static func series(_ methods: [MethodPoints], _ axes: (LossPoint) -> (Double, Double)) -> [PanelScatterSVG.Series] {
        styles.compactMap { style in
            guard let m = methods.first(where: { $0.method == style.method }) else { return nil }
            var points = m.points.map(axes)
            if style.marker == .line { points.sort { $0.0 < $1.0 } }
            return .init(name: style.name, colour: style.colour, marker: style.marker, points: points.map { (x: $0.0, y: $0.1) })
        }
    }

    /// The Markdown report.
    public static func markdown(_ results: POEReproduction.Results, command: String, machine: String) -> String {
        var out: [String] = []
        out.append("# POE: reproduction of the paper's transductive and inductive experiments")
        out.append("")
        out.append("Written by `\(command)` on \(machine) in \(String(format: "%.0f", results.seconds)) s. "
                   + "Where a number here differs from the paper, the settings below say how the run differs.")
        out.append("")
        out += settingsTable(results.settings)
        out.append("## Figure 2: faithfulness (F-grad) vs robustness (R-avg)")
        out.append("")
        out.append("![Figure 2](poe-figure2.svg)")
        out.append("")
        out.append("A baseline point counts as dominated by POE's front when a POE point, or the segment between two neighbouring "
                   + "front points (achievable by a convex combination of their explanations, both losses being convex), is no worse "
                   + "in both losses and better in one by more than 1e-6 of that loss's range over all points compared.")
        out.append("")
        out.append(dominanceTable(results.figure2))
        if !results.figure3.isEmpty {
            out.append("## Figure 3: with complexity")
            out.append("")
            out.append("![Figure 3](poe-figure3.svg)")
            out.append("")
            out.append("Three losses (F-grad, R-avg, complexity); dominance by single POE points only (no interpolation in three dimensions).")
            out.append("")
            out.append(dominanceTable(results.figure3))
        }
        out.append("## Figure 4: inductive vs transductive")
        out.append("")
        out.append("![Figure 4](poe-figure4.svg)")
        out.append("")
        out.append("The transductive reference minimises `(1/M) F-grad + l_R R-avg` on the M query points with the Gaussian kernel's "
                   + "precision as similarity (the objective the inductive solver's lambdas weigh, the F-grad sum made a mean); the "
                   + "inductive solution is the GP posterior mean at the queries from N inducing points. Relative error "
                   + "`|W_ind - W_trans| / |W_trans|` and excess loss `(J(W_ind) - J(W_trans)) / J(W_trans)`, mean ± sd over seeds.")
        out.append("")
        out.append(figure4Table(results))
        out += appendixGSection(results.appendixG)
        out += timeTable(results.figure2)
        return out.joined(separator: "\n")
    }

    /// The run's settings, as a table.
    private static func settingsTable(_ s: POEReproduction.Settings) -> [String] {
        var out: [String] = []
        out.append("| setting | value |")
        out.append("|---|---|")
        let t = s.transductive
        out.append("| query points (Figures 2, 3) | \(t.points) of the authors' grid on [-5, 5]^\(t.dimensions) |")
        out.append("| POE mixes | \(t.mixes) (Figure 2), \(t.mixesPerGroup) per complexity group (Figure 3); R-avg / F-grad log-spaced over 8 decades |")
        out.append("| similarity | uniform (S = 1 for every pair), as the paper's transductive experiments |")
        out.append("| SmoothGrad, LIME | \(t.deltas) deltas evenly from 1e-5 to 3, \(t.samples) Gaussian perturbations per row (the authors: 10 000) |")
        out.append("| AGG | base set: SmoothGrad and LIME at deltas 1e-5, 1.5, 3; the same mixes as POE |")
        out.append("| MOFAE | NSGA-II, population 100, \(t.mofaeGenerations) generations, SBX (eta 20, p 0.9), polynomial mutation (eta 20, p 1/(N D)); start: AGG's base set + 100 SmoothGrad |")
        out.append("| KernelSHAP | exact, the mean of the query points as the one reference (as the authors' code) |")
        out.append("| Figure 3 complexity groups | l_C / l_Fg = 2 q mean abs(grad f), q in \(t.complexityGroups) |")
        let i = s.inductive
        out.append("| Figure 4 | M = \(i.queries) query points uniform on [-5, 5]^\(i.dimensions), N = \(i.inducingCounts.map(String.init).joined(separator: ", ")) inducing points (prefixes of one uniform draw), length scale \(String(format: "%.3g", i.lengthScale)), R-avg weights \(i.robustnessWeights), \(i.seeds) seeds |")
        out.append("")
        return out
    }

    /// Appendix G's table, or nothing without its rows.
    private static func appendixGSection(_ rows: [InductiveComparison.LocalRow]) -> [String] {
        guard !rows.isEmpty else { return [] }
        var out: [String] = []
        out.append("## Appendix G: global vs local inducing points (D = 1)")
        out.append("")
        out.append("Mean squared error against the ground truth from 1000 evenly spread inducing points on [-10, 10], for 100 "
                   + "queries on [-5, 5]; length scale 0.25, R-avg weight 0.001; 100 global points, 100 local points per query "
                   + "on [x - R, x + R] (importance-weighted), or both.")
        out.append("")
        out.append("| function | R / length scale | Global | Local | Global+Local |")
        out.append("|---|---|---|---|---|")
        for r in rows {
            out.append("| \(r.function.title) | \(format(r.radiusOverLengthScale)) | \(format(r.global)) | \(format(r.local)) | \(format(r.globalLocal)) |")
        }
        out.append("")
        return out
    }

    /// Seconds per unit of each method on Figure 2's set-up.
    private static func timeTable(_ figure2: [POEReproduction.FunctionResult]) -> [String] {
        var out: [String] = []
        out.append("## Time per method (this run, Figure 2 set-up)")
        out.append("")
        out.append("| method | unit | seconds per unit (mean over functions) |")
        out.append("|---|---|---|")
        for style in styles where style.method != "agg_base" {
            let runs = figure2.compactMap { $0.methods.first { $0.method == style.method } }
            guard let first = runs.first else { continue }
            let each = runs.map { $0.seconds / Double(max($0.units, 1)) }
            out.append("| \(style.name) | per \(first.unit) | \(format(each.reduce(0, +) / Double(each.count))) |")
        }
        out.append("")
        return out
    }

    private static func dominanceTable(_ results: [POEReproduction.FunctionResult]) -> String {
        var out = ["| function | POE points | POE points dominated by a baseline | "
                   + POEReproduction.baselines.map { "\(displayName($0)) dominated by POE" }.joined(separator: " | ") + " |"]
        out.append("|---|---|---|" + String(repeating: "---|", count: POEReproduction.baselines.count))
        for r in results {
            let shares = POEReproduction.baselines.map { m -> String in
                let count = r.methods.first { $0.method == m }?.points.count ?? 0
                let share = r.shareDominatedByPOE[m] ?? 0
                return "\(Int((share * Double(count)).rounded()))/\(count) (\(String(format: "%.0f", 100 * share))%)"
            }
            out.append("| \(r.function.title) | \(r.poePoints) | \(r.poeDominated) | " + shares.joined(separator: " | ") + " |")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func figure4Table(_ results: POEReproduction.Results) -> String {
        let s = results.settings.inductive
        var header = "| N |"
        var rule = "|---|"
        for kind in s.functions {
            for lr in s.robustnessWeights { header += " \(kind.title), l_R \(lr) |"; rule += "---|" }
        }
        var out = [header, rule]
        for n in s.inducingCounts {
            var line = "| \(n) |"
            for kind in s.functions {
                for lr in s.robustnessWeights {
                    guard let row = results.figure4.first(where: { $0.function == kind && $0.robustnessWeight == lr && $0.inducing == n }) else {
                        line += " |"
                        continue
                    }
                    line += " \(format(mean(row.relativeError))) ± \(format(sd(row.relativeError))) (excess \(format(mean(row.excessLoss)))) |"
                }
            }
            out.append(line)
        }
        let kkt = results.figure4.map(\.transductiveKKT).max() ?? 0
        out.append("")
        out.append("Largest KKT residual of a transductive reference: \(format(kkt)).")
        return out.joined(separator: "\n") + "\n"
    }

    static func displayName(_ method: String) -> String { styles.first { $0.method == method }?.name ?? method }

    static func mean(_ v: [Double]) -> Double { v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count) }

    static func sd(_ v: [Double]) -> Double {
        guard v.count > 1 else { return 0 }
        let m = mean(v)
        return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
    }

    static func format(_ v: Double) -> String {
        if v == 0 { return "0" }
        return abs(v) >= 1e-3 && abs(v) < 1e4 ? String(format: "%.4g", v) : String(format: "%.2e", v)
    }
}
