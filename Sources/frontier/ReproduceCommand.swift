import ArgumentParser
import Foundation
import FrontierJobs
import FrontierMethods
import FrontierML
import FrontierPareto
import FrontierSettings
import FrontierSweep

struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Re-run a paper's experiments and write its tables.",
        subcommands: [ReproduceMTL.self, ReproducePOE.self, ReproduceMOO.self])
}

/// Reproduces "Exploring Multi-Task Learning for Explainability": the linear
/// baseline, STL and joint training for each alpha, over several seeds, on the
/// paper's five datasets; writes Tables 2-5 as Markdown. Each dataset is one local
/// sweep (`frontier sweep run`'s machinery): the same plan, job kinds and runner.
struct ReproduceMTL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mtl",
        abstract: "Linear, STL and joint (alpha sweep) runs over seeds; writes the paper's Tables 2-5.",
        discussion: """
        Each dataset is run as a local sweep (linear, stl and joint over the alphas, on the whole \
        dataset, seeds 1..N); every run's record goes to --raw, each dataset's front to --fronts.

        Examples:
          frontier reproduce mtl --out docs/results/mtl-tables.md
          frontier reproduce mtl --datasets titanic,auto-mpg --seeds 2 --out /tmp/quick.md
          frontier reproduce mtl --paper-columns --out docs/results/mtl-tables-authors-code.md \\
            --datasets adult-authors,wine-quality-authors,california-housing-authors,titanic-authors,auto-mpg-authors
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "Shipped datasets (names) or recipe files, comma separated.")
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

    @Option(help: "JSON-lines file for every run's record (its report included).")
    var raw: String = "frontier-out/mtl-runs.jsonl"

    @Option(help: "Directory for each dataset's front (CSV and SVG, like the paper's Figure 3).")
    var fronts: String = "frontier-out/mtl-fronts"

    @Flag(help: "Set the paper's published value beside each cell of Tables 2 and 3.")
    var paperColumns = false

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
        let common = try training.tree()
        let start = ContinuousClock.now
        var records: [RunRecord] = []
        var sweeps: [(dataset: String, records: [RunRecord], front: FrontAggregator)] = []
        let rawLines = try RawFile(raw)
        for name in names {
            let file = try specFile(dataset: name, alphas: alphaValues, common: common)
            let session: LocalSweepSession
            do {
                session = try LocalSweepSession(file: file, dataDirectory: data.resolvedDirectory, given: [],
                                                cacheDirectory: "frontier-out/shards", splitSeed: 1)
            } catch { throw RuntimeFailure("\(name): \(error)") }
            let total = session.plan.taskCount
            var finished = 0
            let outcome = try LocalSweep(plan: session.plan, sweepID: session.sweepID, registry: FrontierJobs.registry,
                                         shards: session.shards, slots: jobs)
                .run(onChange: { _, _, _ in }, onRecord: { record in
                    finished += 1
                    rawLines.write(record.jsonLine)
                    FileHandle.standardError.write(Data(Self.progressLine(record, finished, total).utf8))
                })
            if let failure = outcome.failures.first { throw RuntimeFailure("\(failure.taskID): \(failure.message)") }
            records += outcome.records
            sweeps.append((session.plan.dataset.name, outcome.records, outcome.front))
            try writeFront(outcome.front, dataset: session.plan.dataset.name, objectives: session.plan.objectives.map(\.name))
        }
        rawLines.close()
        let reports = try records.map { try RunReport.decode(tree: $0.report) }
        let seconds = (ContinuousClock.now - start).seconds
        let command = "frontier reproduce mtl " + CommandLine.arguments.dropFirst(3).joined(separator: " ")
        let markdown = MTLTables(reports: reports, datasets: sweeps.map { $0.dataset }, alphas: alphaValues, seeds: seeds,
                                 gnfPoints: gnfPoints, command: command, wallSeconds: seconds, jobs: jobs,
                                 paperColumns: paperColumns).render()
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: out).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try markdown.write(toFile: out, atomically: true, encoding: .utf8)
        print("wrote \(out), \(raw) and \(fronts)/ (\(reports.count) runs in \(String(format: "%.0f", seconds)) s)")
    }

    /// The sweep file of one dataset's reproduction (written under frontier-out, read back as any sweep file is).
    func specFile(dataset: String, alphas: [Double], common: SettingValue) throws -> String {
        var dataNode = SettingValue.string(dataset)
        var name = dataset
        if dataset.hasSuffix(".yaml") || dataset.hasSuffix(".yml") {
            dataNode = .map(["recipe": .string(URL(fileURLWithPath: dataset).absoluteURL.standardized.path)])
            name = URL(fileURLWithPath: dataset).deletingPathExtension().lastPathComponent
        }
        func job(_ kind: String, gnf: Int, _ extra: [String: SettingValue] = [:]) -> SettingValue {
            .map(["kind": .string(kind),
                  "settings": .map(["gnf_points": .number(Double(gnf))])].merging(extra) { $1 })
        }
        let spec = SettingValue.map([
            "name": .string("mtl-\(name)"),
            "dataset": dataNode,
            "shard_count": .number(1),
            "seeds": .list((1...seeds).map { .number(Double($0)) }),
            "settings": common.merging(.map(["lime_samples": .number(Double(limeSamples))])),
            "jobs": .list([job("linear", gnf: 0), job("stl", gnf: gnfPoints),
                           job("joint", gnf: gnfPoints,
                               ["parameters": .map(["alpha": .map(["values": .list(alphas.map { .number($0) })])])])]),
        ])
        let directory = "frontier-out/reproduce-mtl"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = "\(directory)/\(name).yaml"
        try spec.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func writeFront(_ front: FrontAggregator, dataset: String, objectives: [String]) throws {
        try FileManager.default.createDirectory(atPath: fronts, withIntermediateDirectories: true)
        let snapshot = front.snapshot()
        try FrontExport.csv(snapshot.rows, objectives: objectives).write(toFile: "\(fronts)/\(dataset).csv", atomically: true,
                                                                         encoding: .utf8)
        if let first = objectives.first, let last = objectives.last {
            try FrontExport.svg(snapshot.rows, x: last, y: first, title: "\(dataset): \(first) vs \(last)")
                .write(toFile: "\(fronts)/\(dataset).svg", atomically: true, encoding: .utf8)
        }
    }

    static func progressLine(_ r: RunRecord, _ finished: Int, _ total: Int) -> String {
        let objectives = r.objectives.sorted { $0.key < $1.key }.map { String(format: "%@ %.4f", $0.key, $0.value) }
        let alpha = r.parameters["alpha"].map { String(format: " alpha=%.1f", $0) } ?? ""
        return "[\(finished)/\(total)] \(r.dataset) \(r.jobKind)\(alpha) seed \(r.seed): " + objectives.joined(separator: ", ")
            + String(format: " (%.1f s)\n", (r.trainingSeconds ?? 0) + (r.evaluationSeconds ?? 0))
    }
}

/// A JSON-lines file written as runs finish.
final class RawFile {
    private let handle: FileHandle

    init(_ path: String) throws {
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("cannot write \(path)")
        }
        self.handle = handle
    }

    func write(_ line: String) { handle.write(Data((line + "\n").utf8)) }
    func close() { try? handle.close() }
}
