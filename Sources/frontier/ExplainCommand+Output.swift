import ArgumentParser
import Foundation
import FrontierExplain
import FrontierML
import FrontierModels
import FrontierSettings

extension Explainer {
    /// The explainer's settings with every default filled in.
    var settingsTree: SettingValue { settings.tree }
}

extension ExplainCommand {
    func makeReport(_ explanation: Explanation, settings: SettingValue, rows: ExplainedRows, saved: SavedModel,
                    reference: ModelReference?, network: NetworkModel, scale: NetworkModel.Scale,
                    metrics: [String: Double]?) -> ExplanationReport {
        let outputs = network.outputs(rows.features)
        let metadata = saved.metadata
        var reportRows: [ExplanationReport.Row] = []
        for set in explanation.attributions {
            for r in 0..<set.rowCount {
                let k = set.outputs[r]
                reportRows.append(.init(
                    row: rows.names[r], output: k,
                    outputLabel: ExplanationReport.outputLabel(k, task: metadata.task, classLabels: metadata.classLabels, scale: scale),
                    prediction: Double(outputs[r, k]), baseValue: set.baseValues.map { Double($0[r]) },
                    attributions: set.values.row(r).map(Double.init)))
            }
        }
        return ExplanationReport(
            explainer: explanation.explainer, settings: settings, kind: explanation.attributions.first?.kind ?? .slope,
            scale: scale,
            model: .init(id: reference?.id, checksum: reference?.checksum, method: metadata.method.name,
                         dataset: metadata.dataset.name, seed: metadata.seed),
            featureNames: metadata.featureNames, rows: reportRows, metrics: metrics, poe: nil, cost: .init(explanation.cost))
    }

    func write(_ report: ExplanationReport, rows: ExplainedRows) throws {
        if let out {
            do { try report.csv.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw ValidationError("cannot write --out \(out): \(error.localizedDescription)")
            }
        }
        let views = report.rows.enumerated().map { i, row in
            AttributionView(row, featureNames: report.featureNames, raw: rows.raw[i % max(1, rows.raw.count)],
                            kind: report.kind, top: top)
        }
        if let svg {
            do {
                try FileManager.default.createDirectory(atPath: svg, withIntermediateDirectories: true)
                for (i, view) in views.enumerated() {
                    let name = report.rows.count > rows.names.count ? "row-\(i % rows.names.count + 1)-output-\(report.rows[i].output).svg"
                        : "row-\(i + 1).svg"
                    try AttributionSVG.render(view).write(toFile: (svg as NSString).appendingPathComponent(name), atomically: true,
                                                          encoding: .utf8)
                }
            } catch {
                throw ValidationError("cannot write --svg \(svg): \(error.localizedDescription)")
            }
        }
        if json {
            print(try JSONOutput.string(report))
            return
        }
        let colour = isatty(STDOUT_FILENO) == 1
        print("\(report.explainer) on \(report.model.dataset) (\(report.model.method), seed \(report.model.seed)"
              + (report.model.id.map { ", model \($0)" } ?? "") + ")")
        for view in views { print(""); print(AttributionBars.render(view, colour: colour)) }
        if let metrics = report.metrics {
            print("")
            print("metrics: " + metrics.sorted { $0.key < $1.key }.map { String(format: "%@ %.4g", $0.key, $0.value) }.joined(separator: ", "))
        }
        if let poe = report.poe {
            print("")
            print(poe.text)
        }
        let c = report.cost
        print("")
        print(String(format: "%d rows, %.2f ms per explanation, %.0f model evaluations each (%.1f%% of the time inside the model)",
                     c.rows, c.msPerExplanation, c.modelEvaluationsPerExplanation,
                     c.wallSeconds > 0 ? 100 * c.modelSeconds / c.wallSeconds : 0)
              + (c.peakResidentBytes.map { String(format: ", peak RSS %.0f MiB", Double($0) / 1_048_576) } ?? ""))
        if let out { print("attributions written to \(out)") }
        if let svg { print("plots written to \(svg)/") }
    }
}
