import Foundation
import FrontierMethods
import FrontierPareto
import FrontierSettings

/// The front-level results of docs/results/moo-tables.md: EPO's rays against the alpha grid by
/// hypervolume, the image datasets, the three-objective edge front, and the figures.
extension MOOTables {
    /// The (error, GF) points of `method`'s runs on `dataset` with `seed`, by the value of its
    /// swept parameter `parameter` (runs with a width multiplier left out).
    func points(_ dataset: String, _ method: String, _ parameter: String, seed: UInt64) -> [Double: [Double]] {
        var points: [Double: [Double]] = [:]
        for r in reports where r.provenance.dataset == dataset && r.provenance.method == method && r.provenance.seed == seed
            && r.point.parameters["width_multiplier"] == nil {
            if let value = r.point.parameters[parameter] { points[value] = [Self.error(r), r.metrics.globalFidelity] }
        }
        return points
    }

    /// Hypervolume of the rays of `rays` (EPO's, or STCH's) against the alpha grid's, per seed and of the seed means,
    /// against one reference point per dataset (the nadir of both families' points over all
    /// seeds, moved 10% of each range outwards: `ReferencePoint.derived`). Only seeds with
    /// every alpha and every ray of the dataset count; the column "trainings per front" says
    /// how many each family has (one number when they are equal).
    func hypervolumeTable(datasets names: [String], rays: String = "epo") -> String {
        let objectives = [Objective(name: "error"), Objective(name: "global_fidelity")]
        var lines = ["| dataset | trainings per front | seeds | reference (error, GF) | HV α grid (joint) | HV rays (\(rays)) "
                        + "| seeds with \(rays) ≥ α | HV of the seed-mean fronts: α / \(rays) |", "|---|---|---|---|---|---|---|---|"]
        for d in datasets(among: names) {
            let seeds = Set(reports.filter { $0.provenance.dataset == d }.map(\.provenance.seed)).sorted()
            let families = seeds.map { (points(d, "joint", "alpha", seed: $0), points(d, rays, "ray", seed: $0)) }
            let sizes = (families.map(\.0.count).max() ?? 0, families.map(\.1.count).max() ?? 0)
            let complete = families.filter { $0.0.count == sizes.0 && $0.1.count == sizes.1 }
            guard sizes.0 > 0, sizes.1 > 0, !complete.isEmpty else { continue }
            let size = sizes.0 == sizes.1 ? "\(sizes.0)" : "\(sizes.0) / \(sizes.1)"
            let reference = ReferencePoint.derived(from: complete.flatMap { Array($0.0.values) + Array($0.1.values) },
                                                   objectives: objectives)
            let r = objectives.map { reference[$0.name]! }
            let alpha = complete.map { Hypervolume.of(Array($0.0.values), reference: r) }
            let epo = complete.map { Hypervolume.of(Array($0.1.values), reference: r) }
            let wins = zip(epo, alpha).filter { $0 >= $1 }.count
            let meanFront = { (family: [[Double: [Double]]]) in
                family[0].keys.sorted().map { key in [0, 1].map { j in family.map { $0[key]![j] }.reduce(0, +) / Double(family.count) } }
            }
            let meanAlpha = Hypervolume.of(meanFront(complete.map(\.0)), reference: r)
            let meanEPO = Hypervolume.of(meanFront(complete.map(\.1)), reference: r)
            lines.append("| \(d) | \(size) | \(complete.count) | (\(String(format: "%.4g", r[0])), \(String(format: "%.4g", r[1]))) | "
                + "\(SeedStatistics.cell(alpha, digits: 5)) | \(SeedStatistics.cell(epo, digits: 5)) | \(wins) of \(complete.count) | "
                + String(format: "%.5g / %.5g", meanAlpha, meanEPO) + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Where EPO's runs ended in the normalised loss plane (training split), per ray: on the
    /// ray, `ray · l_pred` equals `(1 − ray) · l_fid`.
    func rayTable(datasets names: [String]) -> String {
        let rays = Set(reports.filter { $0.provenance.method == "epo" }.compactMap { $0.point.parameters["ray"] }).sorted()
        guard !rays.isEmpty else { return "" }
        var lines = ["| dataset | " + rays.map { "ray \(SettingsReader.text($0))" }.joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: rays.count)]
        for d in datasets(among: names) {
            let cells = rays.map { ray -> String in
                let r = runs(d, Config(method: "epo", parameters: ["ray": ray]))
                guard let lp = mean(r, { $0.diagnostics?["prediction_normalised"] ?? .nan }),
                      let lf = mean(r, { $0.diagnostics?["fidelity_normalised"] ?? .nan }) else { return "-" }
                return String(format: "%.3f : %.3f", ray * lp, (1 - ray) * lf)
            }
            lines.append("| \(d) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Accuracy, GF and g's accuracy of every configuration on an image dataset, with the
    /// linear model's accuracy: the bound on an f that g matches exactly.
    func imageTable(_ dataset: String) -> String {
        let configs = Set(reports.filter { $0.provenance.dataset == dataset && $0.point.parameters["width_multiplier"] == nil }
            .map { Config(method: $0.provenance.method, parameters: $0.point.parameters) })
            .sorted { ($0.method, $0.parameters.values.first ?? 0) < ($1.method, $1.parameters.values.first ?? 0) }
        var lines = ["| configuration | seeds | accuracy of f | GF | accuracy of g |", "|---|---|---|---|---|"]
        for config in configs {
            let r = runs(dataset, config)
            lines.append("| \(config.title) | \(r.count) | \(SeedStatistics.cell(r.map(\.performance), digits: 4)) | "
                + "\(SeedStatistics.cell(r.map { $0.metrics.globalFidelity })) | "
                + "\(SeedStatistics.cell(r.compactMap { $0.metrics.surrogate.accuracy }, digits: 4)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The runs of `dataset` as front rows over `objectives` (seeds averaged): every run
    /// whose configuration passes `include`, labelled by method.
    func front(_ dataset: String, objectives: [Objective], include: (RunReport) -> Bool) -> FrontSnapshot {
        var aggregator = FrontAggregator(objectives: objectives)
        for (i, r) in reports.enumerated() where r.provenance.dataset == dataset && include(r) {
            aggregator.add(PointResult(taskID: "run-\(i)", dataset: dataset, label: r.provenance.method,
                                       parameters: r.point.parameters, objectives: r.point.objectives,
                                       replicate: "s\(r.provenance.seed)", worker: "local"))
        }
        return aggregator.snapshot()
    }

    /// The three-objective front of the edge runs (digits, f's width swept): error, GF and
    /// single-row latency, with each row's size and memory, and the front's hypervolume.
    func edgeSection() -> (text: String, svg: String)? {
        let objectives = [Objective(name: "error_rate"), Objective(name: "global_fidelity"), Objective(name: "latency_p50_ms")]
        let edge = { (r: RunReport) in
            r.provenance.seed <= 2 && (r.provenance.method == "stl" || [0.1, 0.5, 0.9].contains(r.point.parameters["ray"] ?? -1))
        }
        guard reports.contains(where: { $0.provenance.dataset == "digits" && $0.point.parameters["width_multiplier"] != nil })
        else { return nil }
        let snapshot = front("digits", objectives: objectives, include: edge)
        var lines = ["| configuration | seeds | error rate | GF | latency p50 (ms) | latency p99 (ms) | parameters | model bytes | peak training memory (MiB) | on the 3-objective front |",
                     "|---|---|---|---|---|---|---|---|---|---|"]
        for row in snapshot.rows {
            let cells = ["error_rate", "global_fidelity", "latency_p50_ms", "latency_p99_ms"].map { name in
                row.mean(name).map { String(format: "%.4g", $0) } ?? "-"
            }
            let size = ["parameters", "model_bytes", "peak_memory_mb"].map { row.mean($0).map { String(format: "%.0f", $0) } ?? "-" }
            lines.append("| \(Config(method: row.label, parameters: row.parameters).title) | \(row.replicates) | "
                + (cells + size).joined(separator: " | ") + " | \(row.onFront ? "yes" : "") |")
        }
        let reference = snapshot.referencePoints["digits"] ?? [:]
        lines.append("")
        lines.append("Hypervolume of the three-objective front: \(String(format: "%.5g", snapshot.hypervolumes["digits"] ?? 0)) "
            + "against (" + objectives.map { String(format: "%.4g", reference[$0.name] ?? .nan) }.joined(separator: ", ") + ").")
        let svg = FrontExport.projectionSVG(snapshot.rows, objectives: objectives,
                                            title: "digits: error, GF and latency (f's width and EPO's ray swept)")
        return (lines.joined(separator: "\n") + "\n", svg)
    }
}

extension MOOTables {
    /// The whole Markdown file, and the figures (file name, SVG text) it links to; with
    /// `figures` false no figure is drawn or linked. A section whose table would have no
    /// rows (the runs given hold none of its configurations) is left out.
    public func render(figures drawn: Bool = true) -> (markdown: String, figures: [(name: String, svg: String)]) {
        var figures: [(name: String, svg: String)] = []
        var out = header() + Self.unlessEmpty(headlineTable()) + hypervolumeSection() + Self.unlessEmpty(localTable())
        let images = imageSection(drawn: drawn)
        out += images.text
        figures += images.figures
        if let edge = edgeSection() {
            out += "## 5. Edge cost as a third objective\n\n" + edge.text + "\n"
            if drawn {
                figures.append(("moo-edge-front.svg", edge.svg))
                out += "Projections of the three-objective front: [moo-edge-front.svg](moo-edge-front.svg)\n\n"
            }
        }
        out += costTable() + "\n"
        guard drawn else { return (out, figures) }
        let fronts = datasets(among: Self.tabular + ["mnist-10k"]).map { d in ("moo-\(d)-front.svg", frontFigure(d)) }
        figures += fronts
        out += "Fronts per dataset (seed means; α: joint, ray: epo): "
            + fronts.map { "[\($0.0)](\($0.0))" }.joined(separator: ", ") + "\n"
        return (out, figures)
    }

    /// `table` and a blank line, or nothing when it has no rows below its header.
    static func unlessEmpty(_ table: String) -> String {
        table.split(separator: "\n").filter { $0.hasPrefix("|") }.count > 2 ? table + "\n" : ""
    }

    /// Section 2: EPO's (and, when run, STCH's) rays against the α grid, and where EPO's runs ended.
    func hypervolumeSection() -> String {
        var out = Self.unlessEmpty("""
        ## 2. Hypervolume at an equal number of trainings: EPO's rays against the α grid

        Per dataset and seed, the front of the joint method's α = 0.1, ..., 0.9 against the front of EPO's rays \
        0.1, ..., 0.9: nine trainings each (EPO's single-task anchor is the `stl` baseline's own run, bit for bit; \
        its cost is in section 6). Objectives: test error rate (MSE for regression) and GF, both minimised; one \
        reference point per dataset for both methods and every seed. Larger is better.


        """ + hypervolumeTable(datasets: Self.tabular))
        out += Self.unlessEmpty("The same comparison for smooth Tchebycheff's rays (`stch`), against the same α grid "
            + "(its own reference points):\n\n" + hypervolumeTable(datasets: Self.tabular, rays: "stch"))
        out += Self.unlessEmpty("""
        Where EPO's runs ended, as `ray · l_pred : (1 − ray) · l_fid` on the training split (seed means; \
        normalised as the run's `normalisation` says: anchors, or the start for digits and MNIST). Equal \
        numbers are the ray; EPO's descent mode takes over within about 1.4% of it.


        """ + rayTable(datasets: Self.tabular + ["mnist-10k"]))
        return out
    }

    /// Section 4: per image dataset its table and g's heat maps, then the α grid against EPO's rays.
    func imageSection(drawn: Bool) -> (text: String, figures: [(name: String, svg: String)]) {
        let names = datasets(among: ["digits", "mnist-10k"])
        guard !names.isEmpty else { return ("", []) }
        var out = "## 4. Image data\n\n"
        var figures: [(name: String, svg: String)] = []
        for d in names {
            out += "### \(d)\n\n" + imageTable(d) + "\n"
            for config in [Config(method: "stl"), Config(method: "epo", parameters: ["ray": 0.5])] where drawn {
                guard let run = runs(d, config).first(where: { $0.provenance.seed == 1 }),
                      let svg = heatmap(run, title: "\(d), \(config.title), seed 1: g's coefficients") else { continue }
                let name = "moo-\(d)-g-\(config.method).svg"
                figures.append((name, svg))
                out += "g's coefficients, \(config.title), seed 1: [\(name)](\(name))\n"
            }
            out += "\n"
        }
        out += Self.unlessEmpty("Hypervolume, α grid against EPO's rays, on the image data:\n\n"
            + hypervolumeTable(datasets: ["digits", "mnist-10k"]))
        return (out, figures)
    }

    /// One dataset's front of seed means over the stl, joint, epo, mgda and linear runs, as SVG.
    func frontFigure(_ d: String) -> String {
        let error = reports.first { $0.provenance.dataset == d }.map { $0.isClassification ? "error_rate" : "mse" }!
        let snapshot = front(d, objectives: [Objective(name: "global_fidelity"), Objective(name: error)]) {
            ["stl", "joint", "epo", "mgda", "linear"].contains($0.provenance.method) && $0.point.parameters["width_multiplier"] == nil
        }
        return FrontExport.svg(snapshot.rows, x: "global_fidelity", y: error, title: "\(d): joint (α), epo (ray), mgda, stl")
    }

    /// g's coefficients of an image run as heat maps, or nil when its features are not pixels.
    func heatmap(_ run: RunReport, title: String) -> String? {
        guard let panels = try? ExplanationHeatmaps.panels(run.explanation), !panels.isEmpty else { return nil }
        return HeatmapSVG.svg(panels, title: title)
    }
}
