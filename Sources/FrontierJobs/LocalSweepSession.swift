import Foundation
import FrontierData
import FrontierPareto
import FrontierSettings
import FrontierSweep

/// What `frontier sweep run` does around `LocalSweep`: reads a sweep file (inlining a
/// recipe file it names), finds or cuts the shards, and writes the run's files
/// (`results.jsonl`, `front.csv`, `front.json`, `front.svg`, `sweep.yaml`).
public struct LocalSweepSession {
    public var plan: SweepPlan
    public var sweepID: String
    public var shards: [LocalShard]

    /// - Parameters:
    ///   - file: the sweep file; a `dataset: {recipe: FILE}` is read relative to its folder.
    ///   - dataDirectory: where shipped recipes' files are.
    ///   - given: shard directories named on the command line (none: found or cut here).
    public init(file: String, dataDirectory: String, given: [LocalShard], cacheDirectory: String,
                splitSeed: UInt64, registry: JobKindRegistry = FrontierJobs.registry) throws {
        guard let data = FileManager.default.contents(atPath: file), let yaml = String(data: data, encoding: .utf8) else {
            throw SettingsError(path: file, "cannot read the sweep file")
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        var base = dataDirectory
        if case .map(let root)? = try? SettingValue.parse(yaml: yaml), case .map(let dataset)? = root["dataset"],
           case .string(let recipe)? = dataset["recipe"] {
            let path = recipe.hasPrefix("/") ? recipe : (folder as NSString).appendingPathComponent(recipe)
            base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        }
        let inlined = try SweepSpec.inliningRecipeFile(yaml: yaml, baseDirectory: folder)
        plan = try SweepSpec.parse(yaml: inlined, registry: registry, datasets: RecipeDatasetResolver())
        sweepID = Self.sweepID(for: plan.name)
        shards = try LocalShards.provide(for: plan, given: given, baseDirectory: base, cacheDirectory: cacheDirectory,
                                         splitSeed: splitSeed)
    }

    /// `<name>-local`: a local run's id is fixed by its name, so reruns line up.
    public static func sweepID(for name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }.prefix(40)) + "-local"
    }

    /// Writes the finished run's files into `directory` (created if needed).
    public func write(_ outcome: LocalSweep.Outcome, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> URL { URL(fileURLWithPath: (directory as NSString).appendingPathComponent(name)) }
        try RunResultsTable.jsonLines(outcome.records).write(to: path("results.jsonl"), atomically: true, encoding: .utf8)
        let snapshot = outcome.front.snapshot()
        let names = plan.objectives.map(\.name)
        try FrontExport.csv(snapshot.rows, objectives: names).write(to: path("front.csv"), atomically: true, encoding: .utf8)
        try FrontExport.json(snapshot).write(to: path("front.json"))
        if let first = names.first, let last = names.last {
            try FrontExport.svg(snapshot.rows, x: last, y: first, title: "\(plan.name): \(first) vs \(last)")
                .write(to: path("front.svg"), atomically: true, encoding: .utf8)
        }
        try plan.normalisedJSON.write(to: path("sweep.json"), atomically: true, encoding: .utf8)
    }

    /// The records of a finished local run's directory (`sweep results DIR`).
    public static func records(in directory: String) throws -> [RunRecord] {
        let file = (directory as NSString).appendingPathComponent("results.jsonl")
        guard let data = FileManager.default.contents(atPath: file) else {
            throw SettingsError(path: file, "not found: is \(directory) the output of `frontier sweep run`?")
        }
        return try RunRecord.read(jsonLines: String(decoding: data, as: UTF8.self), source: file)
    }
}
