import ArgumentParser
import Foundation
import FrontierData
import FrontierJobs
import FrontierMethods
import FrontierML
import FrontierSettings

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one model and its explanation, print its metrics and write a JSON result.",
        discussion: """
        Methods: \(MethodRegistry.standard.names.map { "'\($0)' " + MethodRegistry.standard[$0]!.summary }
            .joined(separator: "; ")).

        Examples:
          frontier train
          frontier train --dataset adult --method joint --alpha 0.3 --seed 1 --output adult-0.3.json
          frontier train --dataset wine-quality --method stl --json > stl.json
          frontier train --dataset adult --method epo --ray 0.2     # the Pareto point on a preference ray
          frontier train --dataset digits --method mgda --heatmap digits-g.svg
          frontier train --dataset titanic --method bilevel --alpha 0.1 --set refit_steps=50
          frontier train --dataset adult --method stl --save-model models/adult-stl   # then predict, explain

        Every run also reports f's edge cost: parameters, model bytes, single-row latency \
        p50/p99 (--set latency_passes=N, default 1000 after 100 warm-up passes) and peak \
        training memory; `--set width_multiplier=0.25` scales f's hidden layers.
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "Shipped dataset (see `frontier datasets`; default synthetic-classification).")
    var dataset: String?

    @Option(help: "A recipe file (YAML) instead of --dataset; its paths resolve against its own folder.")
    var recipe: String?

    @Option(help: "Training method: \(MethodRegistry.standard.names.joined(separator: ", ")).")
    var method: String = "joint"

    @Option(help: "Weight of the prediction loss for --method joint, in (0, 1) (default \(JointMethod.Settings().alpha)).")
    var alpha: Double?

    @Option(help: "Preference for prediction along EPO's ray, in (0, 1) (--method epo; default \(EPOMethod.Settings().ray)).")
    var ray: Double?

    @Option(help: "Write g's coefficients as per-class heat maps (SVG) to this file; needs image data (pixel_<row>_<col> features, e.g. digits).")
    var heatmap: String?

    @Option(help: "Random seed: the same seed gives the same run on one machine.")
    var seed: UInt64 = 1

    @OptionGroup var training: TrainingOptions

    @Option(help: "OpenBLAS threads: 1 by default, so a seed gives the same run whatever the core count; `frontier bench train --threads 1,2` shows whether more are faster here.")
    var threads: Int = 1

    @Option(help: "Test points on which neighbourhood fidelity (GNF) of g and LIME is measured; 0 skips it.")
    var gnfPoints: Int = 100

    @Option(help: "Perturbed samples per LIME explanation (default \(EvaluationOptions().lime.samples), as the lime package).")
    var limeSamples: Int?

    @Option(help: "Write the JSON result to this file.")
    var output: String?

    @Option(help: ArgumentHelp("Save the trained model (f, g, the fitted preprocessing, an explanation context) as a model directory, for `frontier predict` and `frontier explain`.", valueName: "dir"))
    var saveModel: String?

    @Flag(help: "Print the JSON result on standard output instead of the table.")
    var json = false

    @Flag(help: "No progress display.")
    var quiet = false

    /// The run these options describe (settings checked before any data is read).
    func methodRun(recipeDescription: String = "") throws -> MethodRun {
        let method: any TrainingMethod
        do { method = try MethodRegistry.standard.method(named: self.method) } catch { throw ValidationError("--\(error)") }
        var tree = try training.tree()
        if var entries = tree.mapValue {
            entries["alpha"] = alpha.map { .number($0) }
            entries["ray"] = ray.map { .number($0) }
            tree = .map(entries)
        }
        tree = tree.merging(.map(["gnf_points": .number(Double(gnfPoints)),
                                  "lime_samples": limeSamples.map { .number(Double($0)) } ?? .null]))
        do {
            return try MethodRun(method: method, tree: tree, at: "", seed: seed, recipeDescription: recipeDescription)
        } catch where error.message.hasPrefix("unknown field") {
            throw ValidationError("\(error.asOption.message.prefix { $0 != ":" }) does not apply to --method \(self.method)")
        } catch {
            throw error.asOption
        }
    }

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        _ = try methodRun()
    }

    func run() throws {
        BLAS.threadCount = threads
        let loaded = try data.load(name: recipe == nil ? dataset ?? "synthetic-classification" : dataset, recipe: recipe)
        var run = try methodRun(recipeDescription: loaded.provenance)
        run.recipeDescription = loaded.provenance
        if heatmap != nil { try ExplanationHeatmapFile.check(featureNames: loaded.dataset.featureNames) }
        let parameters = run.settings.pointParameters.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let progress = ProgressDisplay(label: "\(loaded.dataset.name) \(method)\(parameters)", quiet: quiet || json)
        var (report, model) = try run.runKeepingModel(on: loaded.dataset) { progress.epoch($0); return .proceed }
        if let saveModel {
            let saved = try ModelFiles.savedModel(model, report: report, prepared: PreparedDataset(dataset: loaded.dataset,
                                                  preprocessing: loaded.preprocessing), source: loaded.source)
            let reference = try saved.write(to: saveModel)
            report.model = .init(id: reference.id, checksum: reference.checksum, directory: reference.directory)
        }
        progress.finish(String(format: "%d epochs (best %d), %.1f s", report.timings.epochs,
                               report.timings.bestEpoch, report.timings.trainingSeconds))
        if let heatmap {
            try ExplanationHeatmapFile.write(report.explanation, title: "\(loaded.dataset.name) \(method)\(parameters): g's coefficients",
                                             to: heatmap)
        }
        let encoded = try report.json()
        if let output {
            do { try encoded.write(to: URL(fileURLWithPath: output)) } catch {
                throw ValidationError("cannot write --output \(output): \(error.localizedDescription)")
            }
        }
        if json {
            FileHandle.standardOutput.write(encoded)
            FileHandle.standardOutput.write("\n")
        } else {
            print(ReportTable(report).render())
            if let output { print("result written to \(output)") }
            if let heatmap { print("heat maps written to \(heatmap)") }
            if let note = report.model { print("model saved to \(note.directory) (id \(note.id), sha256 \(note.checksum))") }
        }
    }
}
