import Foundation
import Testing
import FrontierProtocol

/// Issue 9's acceptance, end to end with real `frontier` processes: two tables the project has
/// never seen go through `datasets inspect` → an edited recipe → `train --recipe` → `datasets
/// split --recipe` → a sweep on a coordinator and two workers → `sweep results`, and through
/// `sweep run` on the same shards with, task by task, exactly the same objectives.
@Suite("Acceptance: your own table, from inspect to a cluster sweep", .serialized, .timeLimit(.minutes(3)))
struct RecipeAcceptanceTests {
    /// One generated table and everything made from it.
    struct Table {
        let name: String
        let directory: URL
        var csv: URL { directory.appendingPathComponent("\(name).csv") }
        var recipe: URL { directory.appendingPathComponent("\(name).yaml") }
        var draft: URL { directory.appendingPathComponent("\(name)-draft.yaml") }
        var shards: String { directory.appendingPathComponent("shards").path }
        var sweep: URL { directory.appendingPathComponent("\(name)-sweep.yaml") }
        func shard(_ i: Int) -> String { "\(name)=\(shards)/\(name)-\(i)" }
    }

    /// `rows` rows with `;` separators, column names with spaces and non-ASCII letters, string
    /// categoricals, missing values (`NA` and empty fields), an identifier column, and a
    /// regression target (a price) or a binary one (sold: ja/nein).
    static func unseenCSV(rows: Int, binary: Bool, seed: UInt64) -> String {
        var state = seed
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let colours = ["rot", "grün", "blau", ""], places = ["Nord", "Süd", "Mitte"]
        var lines = ["Wohnfläche m²;Farbe;Baujahr;Straßen Lage;Kennung;\(binary ? "verkauft ja/nein" : "Preis in €")"]
        for i in 0..<rows {
            let area = 30 + 170 * uniform()
            let colour = colours[Int(uniform() * 4)]
            let year = uniform() < 0.15 ? "NA" : String(1950 + Int(uniform() * 70))
            let place = places[Int(uniform() * 3)]
            let noise = (uniform() + uniform() + uniform() - 1.5) * 40_000
            let price = area * 2000 + (colour == "rot" ? 30_000 : 0) + (place == "Mitte" ? 50_000 : 0) + noise
            let target = binary ? (price > 230_000 ? "ja" : "nein") : String(format: "%.0f", price)
            lines.append(String(format: "%.1f", area) + ";\(colour);\(year);\(place);K\(i);\(target)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// inspect → the draft edited as a user would (`edit` on its lines) → the edited recipe
    /// read back (`datasets show`) → `train --recipe` → `datasets split --recipe --parts 2`.
    func prepare(_ table: Table, group: ChildGroup, binary: Bool, target: String,
                 edit: (String) -> String, expectInCanonical: String) throws {
        try Self.unseenCSV(rows: 300, binary: binary, seed: binary ? 5 : 3).write(to: table.csv, atomically: true, encoding: .utf8)
        try group.run(["datasets", "inspect", table.csv.path, "--target", target, "--out", table.draft.path])
        let draft = try String(contentsOf: table.draft, encoding: .utf8)
        #expect(draft.contains("separator: \";\"") || draft.contains("separator: ';'"), "\(draft)")
        #expect(draft.contains(binary ? "task: binary" : "task: regression"), "\(draft)")
        let edited = edit(draft)
        #expect(edited != draft, "the edit changed nothing")
        try edited.write(to: table.recipe, atomically: true, encoding: .utf8)
        let canonical = try group.run(["datasets", "show", table.recipe.path])
        #expect(canonical.contains(expectInCanonical), "the edit is not in the canonical recipe:\n\(canonical)")

        let trained = try group.run(["train", "--recipe", table.recipe.path, "--method", "joint", "--alpha", "0.5",
                                     "--hidden", "8", "--epochs", "3", "--json", "--quiet"], timeout: .seconds(60))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(trained.utf8)) as? [String: Any],
                                  "train --json printed \(trained)")
        #expect((report["provenance"] as? [String: Any])?["dataset"] as? String == table.name, "\(report.keys.sorted())")
        #expect(((report["point"] as? [String: Any])?["objectives"] as? [String: Double])?.isEmpty == false, "\(trained)")
        try group.run(["datasets", "split", "--recipe", table.recipe.path, "--parts", "2", "--out", table.shards])
        for i in 0..<2 {
            let manifest = "\(table.shards)/\(table.name)-\(i)/manifest.json"
            #expect(FileManager.default.fileExists(atPath: manifest), "no \(manifest)")
        }
    }

    /// The sweep file: stl and joint at two alphas, both shards, one seed, a tiny network.
    func writeSweep(_ table: Table) throws {
        let yaml = """
            name: \(table.name)-acceptance
            dataset: {recipe: \(table.recipe.lastPathComponent)}
            shards: all
            shard_count: 2
            seeds: [1]
            settings: {hidden: [8], epochs: 4}
            jobs:
              - kind: stl
              - kind: joint
                parameters:
                  alpha: {values: [0.3, 0.7]}
            """
        try yaml.write(to: table.sweep, atomically: true, encoding: .utf8)
    }

    /// Records of `sweep results --format jsonl` (or a local run's results.jsonl) by task index.
    static func recordsByIndex(_ jsonl: String) throws -> [Int: [String: Any]] {
        var records: [Int: [String: Any]] = [:]
        for object in try jsonObjects(jsonl) {
            let taskID = try #require(object["task_id"] as? String)
            let index = try #require(Int(taskID.split(separator: "/").last ?? ""), "task id \(taskID)")
            #expect(records[index] == nil, "task \(index) listed twice")
            records[index] = object
        }
        return records
    }

    /// A front CSV's rows keyed by dataset, label and parameters: each objective's mean, the
    /// replicate count and whether the row is on the front (the worker and task columns differ by design).
    struct FrontRowValues: Equatable {
        var means: [String: Double]
        var replicates: String
        var onFront: String

        /// Equal up to the order the replicates were folded in: a running mean (Welford) of the same
        /// values in another order may differ in the last bits.
        func matches(_ other: FrontRowValues) -> Bool {
            replicates == other.replicates && onFront == other.onFront && Set(means.keys) == Set(other.means.keys)
                && means.allSatisfy { name, value in abs(value - other.means[name]!) <= 1e-12 * max(1, abs(value)) }
        }
    }

    static func frontRows(_ csv: String) -> [String: FrontRowValues] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first else { return [:] }
        let identity = ["dataset", "label"] + header.filter {
            !$0.hasSuffix("_mean") && !$0.hasSuffix("_std") && !["dataset", "label", "replicates", "on_front", "last_worker", "last_task_id"].contains($0)
        }
        var rows: [String: FrontRowValues] = [:]
        for line in lines.dropFirst() where line.count == header.count {
            let field = { (name: String) in line[header.firstIndex(of: name)!] }
            let key = identity.map { "\($0)=\(field($0))" }.joined(separator: "|")
            var means: [String: Double] = [:]
            for name in header where name.hasSuffix("_mean") { means[name] = Double(field(name)) }
            rows[key] = FrontRowValues(means: means, replicates: field("replicates"), onFront: field("on_front"))
        }
        return rows
    }

    @Test func ownTablesThroughTheCluster() throws {
        let cluster = try TestCluster(splitting: false)
        defer { cluster.shutDown() }
        let group = cluster.group
        let houses = Table(name: "haus-preise", directory: group.directory.appendingPathComponent("houses"))
        let sales = Table(name: "verkauf", directory: group.directory.appendingPathComponent("sales"))
        for table in [houses, sales] {
            try FileManager.default.createDirectory(at: table.directory, withIntermediateDirectories: true)
        }

        // Regression: the user changes the numeric missing policy from training-mean to drop-row.
        try prepare(houses, group: group, binary: false, target: "Preis in €", edit: {
            $0.replacingOccurrences(of: "numeric: {missing: training-mean}", with: "numeric: {missing: drop-row}")
        }, expectInCanonical: "drop-row")
        // Binary: the user label-encodes the colour and fills its missing values with the mode.
        try prepare(sales, group: group, binary: true, target: "verkauft ja/nein", edit: { draft in
            draft.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.contains("{name: Farbe, kind: categorical}")
                    ? line.replacingOccurrences(of: "{name: Farbe, kind: categorical}",
                                                with: "{name: Farbe, kind: categorical, encoding: label, missing: mode}")
                    : String(line)
            }.joined(separator: "\n")
        }, expectInCanonical: "label")

        // Shards of the houses table cut with the unedited draft: the same name, another recipe.
        let stale = group.directory.appendingPathComponent("stale-shards").path
        try group.run(["datasets", "split", "--recipe", houses.draft.path, "--parts", "2", "--out", stale])

        try cluster.startCoordinator()
        let router = cluster.coordinator.router
        let staleWorker = try cluster.startWorker("stale", shards: ["\(houses.name)=\(stale)/\(houses.name)-0",
                                                                    "\(houses.name)=\(stale)/\(houses.name)-1"])
        var sweeps: [(Table, String)] = []
        for table in [houses, sales] {
            try writeSweep(table)
            let out = try group.run(["sweep", "submit", table.sweep.path, "--coordinator", router, "--json"])
            let accepted = try #require(try jsonObjects(out).first)
            #expect(accepted["tasks"] as? Int == 6)
            sweeps.append((table, try #require(accepted["sweep_id"] as? String)))
        }
        // Only the stale worker is connected: the houses tasks wait, and the status says why.
        Thread.sleep(forTimeInterval: 0.5)
        let waiting = try cluster.status(sweeps[0].1)
        #expect(waiting.tasksDone == 0 && waiting.tasksRunning == 0)
        let reason = waiting.stuck.first?.reason ?? ""
        #expect(reason.contains("prepared with the sweep's recipe"), "status: \(waiting)")

        try cluster.startWorker("a", shards: [houses.shard(0), sales.shard(0)])
        try cluster.startWorker("b", shards: [houses.shard(1), sales.shard(1)])
        for (table, id) in sweeps {
            let final = try cluster.waitUntilFinished(id, timeout: .seconds(120))
            #expect(final.state == .done && final.tasksDone == 6 && final.tasksFailed == 0, "\(table.name): \(final)")

            let listed = try group.run(["sweep", "results", id, "--format", "jsonl", "--coordinator", router])
            let remote = try Self.recordsByIndex(listed)
            #expect(remote.keys.sorted() == Array(0..<6), "\(table.name): \(listed)")
            for record in remote.values {
                #expect(["a", "b"].contains(record["worker"] as? String), "\(record)")
                #expect(record["dataset"] as? String == table.name)
                #expect((record["training_seconds"] as? Double).map { $0 >= 0 } == true)
                #expect((record["report"] as? [String: Any])?.isEmpty == false, "no report in \(record)")
            }
            let csv = try group.run(["sweep", "results", id, "--coordinator", router])
            #expect(csv.split(separator: "\n").count == 7, "\(csv)")
            let clusterFront = try group.run(["sweep", "export", id, "--format", "csv", "--coordinator", router])

            // The same sweep file on this machine, on the same two shards.
            let out = table.directory.appendingPathComponent("local").path
            try group.run(["sweep", "run", table.sweep.path, "--shard", table.shard(0), "--shard", table.shard(1),
                           "--slots", "2", "--out", out, "--quiet"], timeout: .seconds(120))
            let local = try Self.recordsByIndex(try String(contentsOfFile: "\(out)/results.jsonl", encoding: .utf8))
            #expect(local.keys.sorted() == Array(0..<6))
            // Latency and peak memory are measured (wall time, the process's RSS) and differ from run to
            // run; every other objective, f's size among them, must agree exactly.
            let measured: Set<String> = ["latency_p50_ms", "latency_p99_ms", "peak_memory_mb"]
            for index in 0..<6 {
                let a = (remote[index]?["objectives"] as? [String: Double])?.filter { !measured.contains($0.key) }
                let b = (local[index]?["objectives"] as? [String: Double])?.filter { !measured.contains($0.key) }
                #expect(a != nil && a == b, "\(table.name) task \(index): cluster \(String(describing: a)), local \(String(describing: b))")
                #expect(remote[index]?["parameters"] as? [String: Double] == local[index]?["parameters"] as? [String: Double])
                #expect(remote[index]?["shard_id"] as? Int == local[index]?["shard_id"] as? Int)
            }
            let localFront = try String(contentsOfFile: "\(out)/front.csv", encoding: .utf8)
            let (clusterRows, localRows) = (Self.frontRows(clusterFront), Self.frontRows(localFront))
            #expect(clusterRows.count == 3 && Set(clusterRows.keys) == Set(localRows.keys)
                        && clusterRows.allSatisfy { $0.value.matches(localRows[$0.key]!) },
                    "\(table.name) fronts differ:\ncluster\n\(clusterFront)\nlocal\n\(localFront)")
            // `plot front` draws both the cluster's JSON export and the local run's front.json.
            let exported = table.directory.appendingPathComponent("export.json").path
            try group.run(["sweep", "export", id, "--format", "json", "--out", exported, "--coordinator", router])
            var plotted: [Int] = []
            for (input, svg) in [(exported, "\(out)/cluster-plot.svg"), ("\(out)/front.json", "\(out)/local-plot.svg")] {
                try group.run(["plot", "front", input, "--out", svg])
                let text = try String(contentsOfFile: svg, encoding: .utf8)
                plotted.append(text.components(separatedBy: #"<g class="row""#).count - 1)
            }
            #expect(plotted == [clusterRows.count, clusterRows.count], "\(table.name): rows drawn \(plotted)")
        }
        // The worker holding shards of the other recipe never ran anything.
        #expect(!staleWorker.stderr.contains("running "), "\(staleWorker.stderr)")
    }
}
