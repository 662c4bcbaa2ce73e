import ArgumentParser
import Foundation
import FrontierCluster
import FrontierMethods
import FrontierPareto
import FrontierProtocol

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw saved results as SVG: a front's projections, g's coefficients as heat maps.",
        subcommands: [PlotFront.self, PlotHeatmap.self])
}

/// A sweep's front over three or more objectives as its pairwise 2-D projections.
struct PlotFront: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "front",
        abstract: "A front (from `sweep export --format json`) as one panel per pair of objectives.",
        discussion: """
        Rows on the front of all the objectives are filled; each panel also draws the front of \
        its own two objectives, and with three objectives colours each marker by the one it \
        leaves out. Two objectives give the usual front plot.

        Examples:
          frontier sweep export SWEEP --format json --out front.json
          frontier plot front front.json --out front.svg
          frontier plot front out/front.json --out front.svg       # a local sweep's front
          frontier plot front front.json --objectives error_rate,global_fidelity,latency_p50_ms --out edge.svg
        """)

    @Argument(help: "The front as `frontier sweep export --format json` writes it, or a local `sweep run --out` directory's front.json.")
    var file: String

    @Option(help: "Objectives to plot, comma separated (default: the sweep's, in its order).")
    var objectives: String?

    @Option(help: "Title (default: the file's name).")
    var title: String?

    @Option(help: "SVG file to write.")
    var out: String

    func run() throws {
        let (known, rows) = try Self.front(in: file)
        var chosen = known
        if let objectives {
            chosen = try objectives.split(separator: ",").map { name in
                let name = name.trimmingCharacters(in: .whitespaces)
                guard let objective = known.first(where: { $0.name == name }) else {
                    throw ValidationError("--objectives: the front has no objective '\(name)'; it has \(known.map(\.name).joined(separator: ", "))")
                }
                return objective
            }
        }
        guard chosen.count >= 2 else { throw ValidationError("a plot needs at least two objectives; the front has \(chosen.count)") }
        let heading = title ?? URL(fileURLWithPath: file).lastPathComponent
        let text = chosen.count == 2
            ? FrontExport.svg(rows, x: chosen[1].name, y: chosen[0].name, title: heading)
            : FrontExport.projectionSVG(rows, objectives: chosen, title: heading)
        do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
            throw ValidationError("cannot write \(out): \(error.localizedDescription)")
        }
        FileHandle.standardError.write("wrote \(out) (\(rows.count) rows, \(chosen.count) objectives)\n")
    }

    /// The objectives and rows of a front file: `sweep export --format json`'s (the protocol's
    /// snapshot), or the `front.json` a local `sweep run --out` writes (`FrontExport.json`).
    static func front(in file: String) throws -> (objectives: [Objective], rows: [FrontierPareto.FrontRow]) {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw RuntimeFailure("cannot read \(file): \(error.localizedDescription)")
        }
        do {
            let snapshot = try FrontierProtocol.FrontSnapshot(jsonString: text)
            return (FrontMessages.objectives(of: snapshot), snapshot.rows.map(\.paretoRow))
        } catch let exportError {
            guard let local = try? FrontExport.snapshot(fromJSON: Data(text.utf8)) else {
                throw RuntimeFailure("\(file): neither a front from `sweep export --format json` nor a local sweep's "
                    + "front.json: \(exportError)")
            }
            return (local.objectives, local.rows)
        }
    }
}

/// g's coefficients of a saved run, drawn per class over the image.
struct PlotHeatmap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heatmap",
        abstract: "g's coefficients of a run on image data (`train --output` JSON) as one heat map per class.",
        discussion: """
        Features must be named pixel_<row>_<col> (the digits and mnist-10k recipes). Red pushes \
        a class's logit up, blue down, on one scale for all classes.

        Examples:
          frontier train --dataset digits --method epo --ray 0.3 --output digits.json
          frontier plot heatmap digits.json --out digits-g.svg
        """)

    @Argument(help: "A run's JSON result (`frontier train --output FILE` or `--json`).")
    var file: String

    @Option(help: "Title (default: dataset, method and parameters of the run).")
    var title: String?

    @Option(help: "SVG file to write.")
    var out: String

    func run() throws {
        let report: RunReport
        do { report = try RunReport.decode(json: Data(contentsOf: URL(fileURLWithPath: file))) } catch {
            throw RuntimeFailure("\(file): not a run's JSON result: \(error)")
        }
        let parameters = report.point.parameters.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        try ExplanationHeatmapFile.write(report.explanation,
                                         title: title ?? "\(report.provenance.dataset) \(report.provenance.method)\(parameters): g's coefficients",
                                         to: out)
        FileHandle.standardError.write("wrote \(out) (\(report.explanation.count) heat maps)\n")
    }
}
