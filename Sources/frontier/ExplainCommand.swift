import ArgumentParser
import Foundation
import FrontierData
import FrontierExplain
import FrontierJobs
import FrontierML
import FrontierMethods
import FrontierModels
import FrontierSettings

/// `frontier explain`: attributions of a trained model's predictions for some rows.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a model's predictions for rows: feature attributions by any explainer, as bars, JSON, CSV or SVG plots.",
        discussion: """
        The model is a model directory (--model, from `frontier train --save-model`), or is trained \
        first on --dataset/--recipe (--method, --alpha, --seed and --train key=value for its settings). \
        The rows are the first --rows test rows of the model's dataset (read from --data-dir and encoded \
        with the model's fitted preprocessing) or the raw rows of a CSV file (--csv, a header naming \
        the recipe's columns). The background set and feature statistics explainers read are the ones \
        stored in the model file (k-means centroids of the training rows).

        Explainers: \(Explainers.registry.names.joined(separator: ", ")). Their settings are given with \
        --set key=value (see docs/explainers.md); property metrics of the explanation with --metric NAME \
        (\(PropertyMetrics.registry.names.joined(separator: ", "))).

        Examples:
          frontier train --dataset adult --method stl --save-model models/adult
          frontier explain --model models/adult --explainer kernelshap --rows 5
          frontier explain --model models/adult --explainer lime --set samples=5000 --set kernel_width=3 --csv people.csv
          frontier explain --model models/adult --explainer integrated_gradients --set steps=128 --rows 100 --json > ig.json
          frontier explain --model models/adult --rows 20 --out attributions.csv --svg plots/
          frontier explain --dataset titanic --method joint --alpha 0.5 --explainer linear --rows 3
          frontier explain --model models/adult --explainer smoothgrad --rows 100 --metric infidelity --metric r_avg
          frontier explain --model models/adult --explainer poe --set r_avg=0.01 --set similarity=gaussian --rows 100
          frontier explain --model models/adult --explainer fex --set sparsity=0.1 --rows 100 --metric deletion_auc \\
              --metric-set deletion_auc.unit=group

        fex trains its explainer network (PPO on the model's training rows, read from --data-dir) the \
        first time and keeps it beside the model (DIR/explainers/fex-KEY/), so later runs with the same \
        settings and seed explain in one forward pass per row.
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var model: ModelOptions

    @Option(help: "Train first on this shipped dataset (instead of --model).")
    var dataset: String?

    @Option(help: "Train first on this recipe file (instead of --model).")
    var recipe: String?

    @Option(help: "Training method when training first: \(MethodRegistry.standard.names.joined(separator: ", ")).")
    var method: String = "stl"

    @Option(help: "Weight of the prediction loss for --method joint.")
    var alpha: Double?

    @Option(name: .customLong("train"), help: ArgumentHelp("A training setting when training first, as in a sweep file (repeatable), e.g. hidden=[64,32].", valueName: "key=value"))
    var trainSettings: [String] = []

    @Option(help: ArgumentHelp("When training first: also save the model here.", valueName: "dir"))
    var saveModel: String?

    @Option(help: "Random seed of the training and of the explainer's draws (default: the model's seed).")
    var seed: UInt64?

    @Option(help: "The explainer: \(Explainers.registry.names.joined(separator: ", ")).")
    var explainer: String = "kernelshap"

    @Option(name: .customLong("set"), help: ArgumentHelp("An explainer setting (repeatable), e.g. samples=500.", valueName: "key=value"))
    var explainerSettings: [String] = []

    @Option(help: "Explain the first N test rows of the model's dataset (default 5 unless --csv).")
    var rows: Int?

    @Option(help: ArgumentHelp("Explain the raw rows of this CSV file instead.", valueName: "file"))
    var csv: String?

    @Option(name: .customLong("class"), help: "Which output to explain: predicted (default), all, an output index or a class label.")
    var explainedClass: String = "predicted"

    @Flag(help: "Explain raw outputs (logits) instead of probabilities.")
    var raw = false

    @Option(name: .customLong("metric"), help: ArgumentHelp("A property metric of the explanation (repeatable).", valueName: "name"))
    var metrics: [String] = []

    @Option(name: .customLong("metric-set"), help: ArgumentHelp("A property metric's setting (repeatable), e.g. deletion_auc.unit=group.", valueName: "metric.key=value"))
    var metricSettings: [String] = []

    @Option(help: "Reference explainer for the agreement metrics (spearman_agreement, top_k_agreement).")
    var reference: String?

    @Option(help: "Features shown per row (text and SVG).")
    var top: Int = 10

    @Flag(help: "Print JSON (snake_case) instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Write every row's attributions as CSV.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Write one SVG plot per row (waterfall for contributions, bars for slopes) into this directory.", valueName: "dir"))
    var svg: String?

    @Option(help: "OpenBLAS threads.")
    var threads: Int = 1

    @Flag(help: "No progress display.")
    var quiet = false

    func validate() throws {
        guard (model.model == nil) != (dataset == nil && recipe == nil) else {
            throw ValidationError("give --model DIR, or --dataset NAME / --recipe FILE to train first")
        }
        guard rows == nil || csv == nil else { throw ValidationError("give --rows N or --csv FILE, not both") }
        guard (rows ?? 1) >= 1, top >= 1, threads >= 1 else { throw ValidationError("--rows, --top and --threads must be at least 1") }
        _ = try makeExplainer()
    }

    func makeExplainer() throws -> any Explainer {
        do {
            return try Explainers.registry.make(explainer, settings: try SettingAssignments.tree(explainerSettings, option: "--set"))
        } catch let error as SettingsError {
            throw ValidationError(error.path.isEmpty ? "--explainer: \(error.message)" : "--set \(error.path): \(error.message)")
        }
    }

    func run() throws {
        BLAS.threadCount = threads
        var explainer = try makeExplainer()
        let source = try modelSource()
        let saved = source.model
        let rows = try csv.map { try source.csvRows($0) }
            ?? source.testRows(self.rows ?? 5, dataDirectory: data.resolvedDirectory)
        let scale: NetworkModel.Scale = raw ? .raw : .output
        let network = try saved.explainableModel(scale: scale)
        let context = try saved.explanationContext()
        if let fex = explainer as? FEX, fex.policy == nil {
            // Trained on the output scale (the score reads probabilities) whatever --raw says.
            explainer = try fexExplainer(fex.settings, source: source, network: try saved.explainableModel(), context: context)
        }
        let root = SeededGenerator(seed: seed ?? saved.metadata.seed)
        var generator = root.derived("explain")
        let explanation = try explainer.explain(rows.features, model: network, context: context,
                                                output: try explainedOutput(saved), generator: &generator)
        let measured = try measure(explanation, rows: rows.features, network: network, context: context, root: root,
                                   output: try explainedOutput(saved))
        var report = makeReport(explanation, settings: explainer.settingsTree, rows: rows, saved: saved,
                                reference: source.reference, network: network, scale: scale, metrics: measured)
        report.poe = try POELossReport(explainer, explanation: explanation, rows: rows.features, network: network)
        try write(report, rows: rows)
    }

    func modelSource() throws -> ModelSource {
        if let (saved, reference) = try model.load() { return ModelSource(model: saved, reference: reference, prepared: nil) }
        let loaded = try data.load(name: recipe == nil ? dataset : dataset, recipe: recipe)
        let method: any TrainingMethod
        do { method = try MethodRegistry.standard.method(named: self.method) } catch { throw ValidationError("--\(error)") }
        var tree = try SettingAssignments.tree(trainSettings, option: "--train")
        if let alpha { tree = tree.merging(.map(["alpha": .number(alpha)])) }
        let run: MethodRun
        do { run = try MethodRun(method: method, tree: tree, at: "", seed: seed ?? 1, recipeDescription: loaded.provenance) } catch {
            throw ValidationError("--train \(error)")
        }
        return try ModelSource.train(run, on: loaded, saveTo: saveModel, quiet: quiet || json)
    }

    /// `--class`: predicted, all, an output index, or a class label.
    func explainedOutput(_ saved: SavedModel) throws -> ExplainedOutput {
        switch explainedClass {
        case "predicted": return .predicted
        case "all": return .all
        default:
            if let index = Int(explainedClass) { return .output(index) }
            let labels = saved.metadata.classLabels ?? []
            if saved.metadata.task == .binaryClassification, explainedClass == labels.last { return .output(0) }
            if case .multiclass = saved.metadata.task, let index = labels.firstIndex(of: explainedClass) { return .output(index) }
            throw ValidationError("--class \(explainedClass): expected predicted, all, an output index or "
                                  + (saved.metadata.task == .binaryClassification ? "the positive class '\(labels.last ?? "1")' (f outputs its probability)"
                                     : "a class label (\(labels.joined(separator: ", ")))"))
        }
    }

    /// The `--metric` values of the explanation (the first set of attributions).
    func measure(_ explanation: Explanation, rows: Matrix, network: NetworkModel, context: ExplanationContext,
                 root: SeededGenerator, output: ExplainedOutput) throws -> [String: Double]? {
        guard !metrics.isEmpty, let attributions = explanation.attributions.first else { return nil }
        var referenceAttributions: Attributions?
        if let reference {
            let referenceExplainer: any Explainer
            do { referenceExplainer = try Explainers.registry.make(reference) } catch { throw ValidationError("--reference: \(error.message)") }
            var draws = root.derived("reference")
            referenceAttributions = try referenceExplainer.explain(rows, model: network, context: context, output: output,
                                                                   generator: &draws).attributions.first
        }
        var values: [String: Double] = [:]
        for name in metrics {
            let metric: any PropertyMetric
            let own = metricSettings.filter { $0.hasPrefix(name + ".") }.map { String($0.dropFirst(name.count + 1)) }
            do {
                metric = try PropertyMetrics.registry.make(name, settings: try SettingAssignments.tree(own, option: "--metric-set"))
            } catch let error as SettingsError { throw ValidationError("--metric \(name): \(error.message)") }
            var draws = root.derived("metric-\(name)")
            values[name] = try metric.measure(MetricInput(rows: rows, attributions: attributions, reference: referenceAttributions),
                                              model: network, context: context, generator: &draws).value
        }
        return values
    }
}
