import ArgumentParser
import Foundation
import FrontierML
import FrontierMethods
import FrontierSettings

struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Re-run a paper's experiments and write its tables.",
        subcommands: [ReproduceMTL.self, ReproducePOE.self])
}

/// Reproduces "Exploring Multi-Task Learning for Explainability": the linear
/// baseline, STL and joint training for each alpha, over several seeds, on the
/// paper's five datasets; writes Tables 2-5 as Markdown.
struct ReproduceMTL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mtl",
        abstract: "Linear, STL and joint (alpha sweep) runs over seeds; writes the paper's Tables 2-5.",
        discussion: """
        Examples:
          frontier reproduce mtl --out docs/results/mtl-tables.md
          frontier reproduce mtl --datasets titanic,auto-mpg --seeds 2 --out /tmp/quick.md
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "Datasets, comma separated.")
    var datasets: String = "adult,wine-quality,california-housing,titanic,auto-mpg"

    @Option(help: "Number of seeds (1...N).")
    var seeds: Int = 5

    @Option(help: "Alphas of the joint runs, comma separated.")
    var alphas: String = "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9"

    @Option(help: "Test points per run for neighbourhood fidelity (Table 4); 0 skips it.")
    var gnfPoints: Int = 50

    @Option(help: "Perturbed samples per LIME explanation.")
    var limeSamples: Int = 1000

    @Option(help: "Runs in parallel (each with one BLAS thread).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Markdown file for the tables.")
    var out: String = "docs/results/mtl-tables.md"

    @Option(help: "JSON-lines file for every run's full report.")
    var raw: String = "frontier-out/mtl-runs.jsonl"

    @OptionGroup var training: TrainingOptions

    func run() throws {
        BLAS.threadCount = 1
        let names = datasets.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        let alphaValues = try alphas.split(separator: ",").map { s -> Double in
            guard let a = Double(s.trimmingCharacters(in: .whitespaces)), a > 0, a < 1 else {
                throw ValidationError("--alphas: '\(s)' is not a number in (0, 1)")
            }
            return a
        }
        guard seeds > 0, jobs > 0 else { throw ValidationError("--seeds and --jobs must be positive") }
        let loaded = try names.map { try data.load(name: $0) }

        let common = try training.tree()
        func run(_ name: String, _ extra: [String: SettingValue], gnf: Int, seed: UInt64) throws -> MethodRun {
            let tree = common.filtered(to: MethodRegistry.standard[name]!.knownSettings).merging(.map(extra))
                .merging(.map(["gnf_points": .number(Double(gnf)), "lime_samples": .number(Double(limeSamples))]))
            do { return try MethodRun(method: MethodRegistry.standard[name]!, tree: tree, at: "", seed: seed) } catch {
                throw error.asOption
            }
        }
        var plan: [(dataset: Int, run: MethodRun)] = []
        for seed in 1...UInt64(seeds) {
            for (d, _) in loaded.enumerated() {
                plan.append((d, try run("linear", [:], gnf: 0, seed: seed)))
                plan.append((d, try run("stl", [:], gnf: gnfPoints, seed: seed)))
                for a in alphaValues { plan.append((d, try run("joint", ["alpha": .number(a)], gnf: gnfPoints, seed: seed))) }
            }
        }
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: raw).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: raw, contents: nil),
              let rawFile = FileHandle(forWritingAtPath: raw) else { throw ValidationError("cannot write \(raw)") }

        let collector = RunCollector(count: plan.count)
        let start = ContinuousClock.now
        let work = plan
        // Workers pull the next run from a shared counter, so long Adult runs don't leave a core idle.
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            while let index = collector.claim() {
                var (d, run) = work[index]
                let dataset = loaded[d]
                run.recipeDescription = dataset.provenance
                let outcome = Result { () throws(MethodError) -> RunReport in try run.run(on: dataset.dataset) }
                collector.record(index: index, outcome: outcome, rawFile: rawFile)
            }
        }
        try rawFile.close()
        let reports = try collector.reports()
        let seconds = (ContinuousClock.now - start).seconds
        let command = "frontier reproduce mtl " + CommandLine.arguments.dropFirst(3).joined(separator: " ")
        let markdown = MTLTables(reports: reports, datasets: loaded.map(\.dataset), alphas: alphaValues,
                                 seeds: seeds, gnfPoints: gnfPoints, command: command, wallSeconds: seconds,
                                 jobs: jobs).render()
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: out).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try markdown.write(toFile: out, atomically: true, encoding: .utf8)
        print("wrote \(out) and \(raw) (\(reports.count) runs in \(String(format: "%.0f", seconds)) s)")
    }
}

/// Thread-safe store of finished runs; prints one progress line per run.
final class RunCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [Result<RunReport, MethodError>?]
    private var finished = 0
    private var claimed = 0

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    /// The next run to start, or nil when all have been handed out.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard claimed < outcomes.count else { return nil }
        claimed += 1
        return claimed - 1
    }

    func record(index: Int, outcome: Result<RunReport, MethodError>, rawFile: FileHandle) {
        lock.lock()
        defer { lock.unlock() }
        outcomes[index] = outcome
        finished += 1
        switch outcome {
        case .success(let r):
            if let line = try? JSONEncoder().encode(r) { rawFile.write(line); rawFile.write("\n") }
            let objectives = r.point.objectives.sorted { $0.key < $1.key }
                .map { String(format: "%@ %.4f", $0.key, $0.value) }.joined(separator: ", ")
            let alpha = r.point.parameters["alpha"].map { String(format: " alpha=%.1f", $0) } ?? ""
            FileHandle.standardError.write("[\(finished)/\(outcomes.count)] \(r.provenance.dataset) \(r.provenance.method)\(alpha) "
                + "seed \(r.provenance.seed): \(objectives) (\(r.timings.epochs) epochs, "
                + String(format: "%.1f s)\n", r.timings.trainingSeconds + r.timings.evaluationSeconds))
        case .failure(let e):
            FileHandle.standardError.write("[\(finished)/\(outcomes.count)] run \(index) failed: \(e)\n")
        }
    }

    func reports() throws -> [RunReport] {
        lock.lock()
        defer { lock.unlock() }
        return try outcomes.map { outcome in
            guard let outcome else { throw ValidationError("a run did not finish") }
            return try outcome.get()
        }
    }
}
