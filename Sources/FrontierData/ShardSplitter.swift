import Foundation
import FrontierML

/// Splits a dataset into shards for the cluster: `<out>/<dataset>-<i>/` holding
/// `train.csv`, `test.csv` and `manifest.json` for each shard `i`.
///
/// The recipe's own test split is applied first (its hold-out, or its test file),
/// then the training rows and the test rows are each dealt round-robin after a
/// seeded shuffle, so shards hold disjoint training rows *and* disjoint test rows,
/// and together hold the whole dataset. Files keep the raw text fields (before any
/// preprocessing): each worker fits its own statistics on its own training rows.
public struct ShardSplitter: Sendable {
    /// File names inside a shard directory.
    public static let trainFile = "train.csv"
    public static let testFile = "test.csv"
    /// The target column of a synthetic dataset's shards.
    public static let syntheticTarget = "y"

    public init() {}

    /// The directory of shard `index` of `dataset` under `outputDirectory`.
    public static func shardDirectory(_ outputDirectory: String, dataset: String, index: Int) -> String {
        (outputDirectory as NSString).appendingPathComponent("\(dataset)-\(index)")
    }

    /// Writes `parts` shards of the dataset `source` defines (its files read from
    /// `baseDirectory`) and returns their manifests. Refuses `parts` below 1 or above
    /// the training or test rows, and any shard directory that already holds files:
    /// data is never overwritten.
    public func split(_ source: DatasetSource, baseDirectory: String, parts: Int, seed: UInt64,
                      into outputDirectory: String) throws(DataError) -> [ShardManifest] {
        let datasetName = source.name
        guard parts >= 1 else { throw DataError(file: datasetName, message: "cannot split into \(parts) parts (at least 1)") }
        let raw = try Self.rawRows(of: source, baseDirectory: baseDirectory)
        guard parts <= raw.train.count, parts <= raw.test.count else {
            throw DataError(file: datasetName, message: "cannot split \(raw.train.count) training and \(raw.test.count) "
                            + "test rows into \(parts) shards: every shard needs at least one of each")
        }
        let directories = (0..<parts).map { Self.shardDirectory(outputDirectory, dataset: datasetName, index: $0) }
        let files = FileManager.default
        // Check every directory before writing any, so a refusal leaves nothing half-written.
        for directory in directories {
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: directory, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue || !((try? files.contentsOfDirectory(atPath: directory)) ?? []).isEmpty {
                throw DataError(file: directory, message: "already exists and is not an empty directory; "
                                + "shards are never overwritten (choose another --out or remove it)")
            }
        }
        let root = SeededGenerator(seed: seed)
        var trainDealer = root.derived("shard-train"), testDealer = root.derived("shard-test")
        let trainParts = Self.deal(raw.train.count, parts: parts, generator: &trainDealer)
        let testParts = Self.deal(raw.test.count, parts: parts, generator: &testDealer)
        let description = "\(raw.source), dealt to \(parts) shard\(parts == 1 ? "" : "s") with seed \(seed)"
        var manifests: [ShardManifest] = []
        for (index, directory) in directories.enumerated() {
            do {
                try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw DataError(file: directory, message: "cannot create the shard directory: \(error.localizedDescription)")
            }
            let train = trainParts[index].map { raw.train[$0] }
            let test = testParts[index].map { raw.test[$0] }
            let written = [
                try Self.write(CSVWriting.text(header: raw.header, rows: train), name: Self.trainFile, role: .train,
                               rows: train.count, in: directory),
                try Self.write(CSVWriting.text(header: raw.header, rows: test), name: Self.testFile, role: .test,
                               rows: test.count, in: directory),
            ]
            let manifest = ShardManifest(shardID: index, shardCount: parts, dataset: source, files: written,
                                         trainRows: train.count, testRows: test.count, source: description)
            let manifestPath = (directory as NSString).appendingPathComponent(ShardManifest.fileName)
            do {
                try manifest.json().write(to: URL(fileURLWithPath: manifestPath))
            } catch {
                throw DataError(file: manifestPath, message: "cannot write the manifest: \(error.localizedDescription)")
            }
            manifests.append(manifest)
        }
        return manifests
    }

    /// A dataset's raw text rows after its recipe's test split.
    struct RawRows {
        var header: [String]
        var train: [[String]]
        var test: [[String]]
        /// Where they came from, for the manifest.
        var source: String
    }

    static func rawRows(of source: DatasetSource, baseDirectory: String) throws(DataError) -> RawRows {
        switch source {
        case .recipe(let recipe):
            let tables = try recipe.readTables(baseDirectory: baseDirectory)
            let (train, test) = try recipe.splitRows(tables)
            let all = [tables.data, tables.test ?? tables.data]
            func text(_ rows: [DatasetRecipe.Row]) -> [[String]] { rows.map { all[$0.table].rows[$0.index] } }
            return RawRows(header: tables.data.columnNames, train: text(train), test: text(test),
                           source: recipe.provenance)
        case .synthetic(let synthetic):
            let dataset = synthetic.generate()
            func rows(_ samples: LabeledSamples) -> [[String]] {
                (0..<samples.count).map { r in
                    let label = samples.targets.scalars[r]
                    let target = synthetic.kind == .classification ? (label > 0.5 ? "1" : "0") : "\(label)"
                    // Float's description is the shortest text that reads back to the same value.
                    return samples.features.row(r).map { "\($0)" } + [target]
                }
            }
            return RawRows(header: dataset.featureNames + [syntheticTarget], train: rows(dataset.train),
                           test: rows(dataset.test), source: synthetic.provenance)
        }
    }

    /// Row indices of each part: a seeded shuffle dealt round-robin, each part in file order.
    static func deal(_ count: Int, parts: Int, generator: inout SeededGenerator) -> [[Int]] {
        var dealt = [[Int]](repeating: [], count: parts)
        for (position, row) in generator.permutation(count).enumerated() { dealt[position % parts].append(row) }
        return dealt.map { $0.sorted() }
    }

    static func write(_ text: String, name: String, role: ShardManifest.Role, rows: Int,
                      in directory: String) throws(DataError) -> ShardManifest.File {
        let path = (directory as NSString).appendingPathComponent(name)
        let data = Data(text.utf8)
        do { try data.write(to: URL(fileURLWithPath: path)) } catch {
            throw DataError(file: path, message: "cannot write: \(error.localizedDescription)")
        }
        return ShardManifest.File(name: name, role: role, rows: rows, sha256: SHA256Digest.hex(of: data))
    }
}
