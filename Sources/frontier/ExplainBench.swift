import ArgumentParser
import Foundation
import FrontierData
import FrontierExplain
import FrontierJobs
import FrontierML
import FrontierMethods
import FrontierModels
import FrontierSettings

/// `frontier bench explain`: milliseconds per explanation and peak memory of each explainer on
/// a dataset's MLP, beside the floor its model evaluations set.
struct ExplainBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Milliseconds per explanation and peak RSS of each explainer, beside its model-evaluation floor.",
        discussion: """
        Trains the paper's MLP on the dataset (STL, 512-256-128, seed 1; kept in the model cache, so \
        a second run reuses it) unless --model names one, writes the first --rows raw test rows to a \
        CSV file, and runs `frontier explain --csv` once per explainer in a fresh process, so each \
        peak RSS is that explainer's own process (model, rows and explanation). The floor of an \
        explainer is its model evaluations times the batched forward cost per row, plus its gradient \
        evaluations times the batched gradient cost per row, both measured here (best of 5 over \
        4096-row batches). Each explain process also reports the time it spent inside the model:         the floor as that run met it, which a shared machine's load moves with the run.

        fex is run twice: the first run trains its explainer network and keeps it beside the model \
        (PPO, several minutes on adult), the second, measured, only explains.

        Examples:
          frontier bench explain --dataset adult
          frontier bench explain --dataset adult --explainers fex,kernelshap,lime
          frontier bench explain --dataset adult --explainers kernelshap,lime --set lime.samples=5000 --json
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "Shipped dataset (default adult).")
    var dataset: String = "adult"

    @OptionGroup var model: ModelOptions

    @Option(help: "Test rows explained.")
    var rows: Int = 100

    @Option(help: "Explainers, comma separated (default: all).")
    var explainers: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("An explainer setting (repeatable), e.g. lime.samples=5000.", valueName: "explainer.key=value"))
    var settings: [String] = []

    @Option(help: "OpenBLAS threads, here and in each explain process.")
    var threads: Int = 1

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    struct Measurement: Codable {
        var explainer: String
        var settings: [String]
        var msPerExplanation: Double
        var modelEvaluationsPerExplanation: Double
        var gradientEvaluationsPerExplanation: Double
        var floorMs: Double
        /// Milliseconds over the floor (nil when the explainer evaluates nothing).
        var ratioToFloor: Double?
        var shareInsideModel: Double
        var peakResidentMiB: Double?
        /// Peak RSS minus the RSS when explaining began (model and rows loaded): what explaining added.
        var explanationResidentMiB: Double?
    }

    struct Report: Codable {
        var dataset: String
        var model: String
        var rows: Int
        var threads: Int
        var forwardMicrosecondsPerRow: Double
        var gradientMicrosecondsPerRow: Double
        var measurements: [Measurement]
    }

    func run() throws {
        BLAS.threadCount = threads
        let names = explainers.map { $0.split(separator: ",").map(String.init) } ?? Explainers.registry.names
        for name in names where Explainers.registry[name] == nil { throw ValidationError("--explainers: unknown explainer '\(name)'") }
        let (modelDirectory, saved) = try benchModel()
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("frontier-bench-explain-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let rowsFile = work.appendingPathComponent("rows.csv").path
        let x = try writeRows(saved, to: rowsFile)
        let network = try saved.explainableModel()
        let forward = Self.bestSecondsPerRow(x) { _ = network.outputs($0) }
        let gradient = Self.bestSecondsPerRow(x) { rows in
            _ = network.inputGradients(rows, outputWeights: Matrix(rows: rows.rows, cols: network.outputWidth, repeating: 1))
        }
        var measurements: [Measurement] = []
        for name in names {
            if !json { FileHandle.standardError.write(Data("bench: \(name)...\n".utf8)) }
            let own = settings.filter { $0.hasPrefix(name + ".") }.map { String($0.dropFirst(name.count + 1)) }
            // fex learns first: a first run trains its explainer and keeps it beside the model, so the
            // measured run explains only (its training is reported by `frontier explain` and the fex job).
            if name == FEX.name { _ = try explainInChild(name, settings: own, model: modelDirectory, rows: rowsFile) }
            let cost = try explainInChild(name, settings: own, model: modelDirectory, rows: rowsFile)
            let floor = (cost.modelEvaluationsPerExplanation * forward + cost.gradientEvaluationsPerExplanation * gradient) * 1000
            measurements.append(Measurement(
                explainer: name, settings: own, msPerExplanation: cost.msPerExplanation,
                modelEvaluationsPerExplanation: cost.modelEvaluationsPerExplanation,
                gradientEvaluationsPerExplanation: cost.gradientEvaluationsPerExplanation, floorMs: floor,
                ratioToFloor: floor > 0 ? cost.msPerExplanation / floor : nil,
                shareInsideModel: cost.wallSeconds > 0 ? cost.modelSeconds / cost.wallSeconds : 0,
                peakResidentMiB: cost.peakResidentBytes.map { Double($0) / 1_048_576 },
                explanationResidentMiB: cost.explanationBytes.map { Double($0) / 1_048_576 }))
        }
        let report = Report(dataset: dataset, model: modelDirectory, rows: x.rows, threads: threads,
                            forwardMicrosecondsPerRow: forward * 1e6, gradientMicrosecondsPerRow: gradient * 1e6,
                            measurements: measurements)
        if json {
            print(try JSONOutput.string(report))
            return
        }
        print("\(report.dataset): model \(report.model), \(report.rows) test rows, \(threads) BLAS thread(s); batched forward "
              + String(format: "%.2f us/row, gradient %.2f us/row", report.forwardMicrosecondsPerRow, report.gradientMicrosecondsPerRow))
        print("explainer               ms/expl   evals/expl   grads/expl   floor ms   x floor   in model   x model time   peak RSS   explain RSS")
        for m in measurements {
            let modelTime = m.shareInsideModel > 0 ? String(format: "%.2f", 1 / m.shareInsideModel) : "-"
            print((m.explainer + (m.settings.isEmpty ? "" : " " + m.settings.joined(separator: " "))).padding(toLength: 22, withPad: " ", startingAt: 0)
                  + String(format: m.msPerExplanation < 0.1 ? " %9.5f" : " %9.2f", m.msPerExplanation)
                  + String(format: " %12.0f %12.0f %10.2f %9@ %9.0f%% %14@ %10@ %13@", m.modelEvaluationsPerExplanation,
                           m.gradientEvaluationsPerExplanation, m.floorMs, m.ratioToFloor.map { String(format: "%.2f", $0) } ?? "-",
                           100 * m.shareInsideModel, modelTime, m.peakResidentMiB.map { String(format: "%.0f MiB", $0) } ?? "-",
                           m.explanationResidentMiB.map { String(format: "%.1f MiB", $0) } ?? "-"))
        }
        print("x floor: ms per explanation over the floor measured here (best of 5); x model time: over the time the same run "
              + "spent inside the model (the floor as that run met it, robust to a shared machine's load); explain RSS: peak RSS "
              + "minus RSS once model and rows were loaded (what explaining added)")
    }

    /// The model: --model, or the paper's MLP trained on the dataset through the model cache.
    func benchModel() throws -> (directory: String, model: SavedModel) {
        if let (saved, reference) = try model.load() { return (reference.directory, saved) }
        guard let recipe = DatasetRecipe.builtIn(named: dataset) else {
            throw ValidationError("--dataset \(dataset): not a shipped file-backed dataset (known: \(DatasetRecipe.builtIn.map(\.name).joined(separator: ", ")))")
        }
        let folder = (data.resolvedDirectory as NSString).appendingPathComponent((recipe.files.data as NSString).deletingLastPathComponent)
        let (manifest, prepared): (ShardManifest, PreparedDataset)
        do { (manifest, prepared) = try ShardLoader.loadPrepared(directory: folder) } catch { throw RuntimeFailure("\(error)") }
        let method = SingleTaskMethod()
        let run = try MethodRun(method: method, tree: .null, at: "", seed: 1, recipeDescription: recipe.provenance)
        let key = try ModelFiles.cacheKey(manifest: manifest, method: method.name, settings: run.settings.tree, seed: 1)
        let cached = try ModelCache(root: ModelCache.defaultRoot()).model(for: key) {
            if !json { FileHandle.standardError.write(Data("bench: training the \(dataset) MLP (kept in \(ModelCache.defaultRoot()))...\n".utf8)) }
            let (report, trained) = try run.runKeepingModel(on: prepared.dataset)
            return try ModelFiles.savedModel(trained, report: report, prepared: prepared, source: .recipe(recipe), cacheKey: key)
        }
        return (cached.reference.directory, cached.model)
    }

    /// Writes the first `rows` raw test rows of the model's dataset as CSV; returns their features.
    func writeRows(_ saved: SavedModel, to path: String) throws -> Matrix {
        let source = try DatasetSource.read(saved.metadata.dataset.recipe, at: "dataset.recipe")
        guard case .recipe(let recipe) = source else { throw ValidationError("bench explain needs a file-backed dataset") }
        do {
            let table = ModelSource.prefix(try recipe.testTable(try recipe.readTables(baseDirectory: data.resolvedDirectory)), rows)
            try table.csvText.write(toFile: path, atomically: true, encoding: .utf8)
            return try saved.metadata.preprocessing.features(of: table)
        } catch let error as DataError {
            throw RuntimeFailure("\(error)")
        }
    }

    /// Best of five timings of `body` over 4096-row batches (rows repeated to fill one), per row.
    static func bestSecondsPerRow(_ x: Matrix, _ body: (Matrix) -> Void) -> Double {
        let batch = MeteredModel.defaultChunkRows
        let rows = x.gatherRows((0..<batch).map { $0 % x.rows })
        var best = Double.infinity
        for _ in 0..<5 {
            let start = ContinuousClock.now
            body(rows)
            best = min(best, (ContinuousClock.now - start).seconds)
        }
        return best / Double(batch)
    }

    /// The cost fields of `frontier explain --json` run in a child process.
    func explainInChild(_ explainer: String, settings: [String], model: String, rows: String) throws -> ExplainCost {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0].contains("/")
                                    ? CommandLine.arguments[0] : "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["explain", "--model", model, "--csv", rows, "--explainer", explainer, "--json", "--quiet",
                             "--threads", String(threads)] + settings.flatMap { ["--set", $0] }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("frontier explain --explainer \(explainer) failed") }
        struct Reply: Decodable { var cost: ExplainCost }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Reply.self, from: data).cost
    }

    struct ExplainCost: Decodable {
        var msPerExplanation: Double
        var modelEvaluationsPerExplanation: Double
        var gradientEvaluations: Int
        var rows: Int
        var wallSeconds: Double
        var modelSeconds: Double
        var peakResidentBytes: Int?
        var residentBytesAtStart: Int?
        var explanationBytes: Int? { peakResidentBytes.flatMap { peak in residentBytesAtStart.map { max(0, peak - $0) } } }
        var gradientEvaluationsPerExplanation: Double { Double(gradientEvaluations) / Double(max(1, rows)) }
    }
}
