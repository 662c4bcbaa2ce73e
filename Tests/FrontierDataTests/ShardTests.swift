import Foundation
import Testing
import FrontierML
@testable import FrontierData

/// A fresh directory under the system's temporary directory.
func temporaryDirectory(_ label: String) -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("frontier-\(label)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Splits a shipped dataset, named as the command line names it.
func splitShards(_ name: String, dataDirectory: String, parts: Int, seed: UInt64,
                 into out: String) throws(DataError) -> [ShardManifest] {
    try ShardSplitter().split(try DatasetCatalog.entry(named: name), baseDirectory: dataDirectory, parts: parts, seed: seed,
                              into: out)
}

@Suite("Shards: splitting, checksums, loading")
struct ShardTests {
    /// Rows as single strings, so they can be counted and compared.
    static func keys(_ rows: [[String]]) -> [String: Int] {
        rows.reduce(into: [:]) { $0[$1.joined(separator: "\u{1F}"), default: 0] += 1 }
    }

    static func shardRows(_ directory: String, _ file: String) throws -> [[String]] {
        try DelimitedTextParser(format: .csv).parse(fileAt: (directory as NSString).appendingPathComponent(file)).rows
    }

    @Test("SHA-256 of bytes and of a file agree with the standard test vector")
    func digests() throws {
        let abc = Data("abc".utf8)
        #expect(SHA256Digest.hex(of: abc) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let path = (temporaryDirectory("sha") as NSString).appendingPathComponent("abc")
        try abc.write(to: URL(fileURLWithPath: path))
        #expect(try SHA256Digest.hex(ofFileAt: path) == SHA256Digest.hex(of: abc))
        #expect(SHA256Digest.combined(["a", "b"]) == SHA256Digest.hex(of: Data("a\nb\n".utf8)))
    }

    @Test("CSV fields with separators, quotes, line breaks and edge blanks read back unchanged")
    func csvQuoting() throws {
        let rows = [["a,b", "say \"hi\"", "two\nlines", " padded ", "plain", "?"]]
        let text = CSVWriting.text(header: ["1", "2", "3", "4", "5", "6"], rows: rows)
        let table = try DelimitedTextParser(format: .csv).parse(Array(text.utf8), source: "t.csv")
        #expect(table.rows == rows)
    }

    @Test("Titanic in 3 shards: disjoint training and test rows whose union is the whole file")
    func titanicSplit() throws {
        let out = temporaryDirectory("titanic")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let manifests = try splitShards("titanic", dataDirectory: sharedData, parts: 3, seed: 5, into: out)
        #expect(manifests.map(\.shardID) == [0, 1, 2] && manifests.allSatisfy { $0.shardCount == 3 && $0.dataset == "titanic" })

        let recipe = try #require(DatasetRecipe.builtIn(named: "titanic"))
        let original = try DelimitedTextParser(format: recipe.format).parse(fileAt: "\(sharedData)/titanic/titanic3.csv")
        let split = try DatasetRecipe.holdOut(rows: original.rows.count, fraction: 0.2, seed: 42, source: "")
        var trainUnion: [[String]] = [], testUnion: [[String]] = []
        var seen = Set<String>()
        for (i, manifest) in manifests.enumerated() {
            let directory = ShardSplitter.shardDirectory(out, dataset: "titanic", index: i)
            let train = try Self.shardRows(directory, "train.csv"), test = try Self.shardRows(directory, "test.csv")
            #expect(train.count == manifest.trainRows && test.count == manifest.testRows)
            #expect(abs(train.count - 1047 / 3) <= 1 && abs(test.count - 262 / 3) <= 1)
            // No row of this shard is in an earlier one (titanic's rows are all distinct).
            let rows = Set((train + test).map { $0.joined(separator: "\u{1F}") })
            #expect(seen.isDisjoint(with: rows))
            seen.formUnion(rows)
            trainUnion += train
            testUnion += test
        }
        #expect(Self.keys(trainUnion) == Self.keys(split.train.map { original.rows[$0] }))
        #expect(Self.keys(testUnion) == Self.keys(split.test.map { original.rows[$0] }))
        #expect(seen.count == 1309)
    }

    @Test("Shards reload with verified checksums and the manifest's row counts")
    func reload() throws {
        let out = temporaryDirectory("reload")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let manifests = try splitShards("titanic", dataDirectory: sharedData, parts: 3, seed: 1, into: out)
        var trainTotal = 0, testTotal = 0
        for (i, written) in manifests.enumerated() {
            let directory = ShardSplitter.shardDirectory(out, dataset: "titanic", index: i)
            let stored = try ShardLoader.manifest(directory: directory)
            #expect(stored.sha256 == written.sha256 && stored.files == written.files && stored.source == written.source)
            // The combined checksum covers the files, then the recipe the manifest carries.
            #expect(stored.formatVersion == 2 && stored.recipeSHA256 == DatasetCatalog.entries.first { $0.name == "titanic" }!.checksum)
            #expect(stored.sha256 == SHA256Digest.combined(stored.files.map(\.sha256) + [stored.recipeSHA256!]))
            let (manifest, dataset) = try ShardLoader.load(directory: directory)
            #expect(manifest.sha256 == written.sha256)
            #expect(dataset.train.count == written.trainRows && dataset.test.count == written.testRows)
            #expect(dataset.name == "titanic" && dataset.task == .binaryClassification)
            #expect(dataset.featureNames.contains("sex=male") && !dataset.featureNames.contains("name"))
            trainTotal += dataset.train.count
            testTotal += dataset.test.count
        }
        #expect(trainTotal == 1047 && testTotal == 262)
    }

    @Test("Shards of every other built-in recipe reload whole: a test file and label suffix (adult), quoted names (auto-mpg), decimal repairs (wine)",
          arguments: ["adult", "auto-mpg", "wine-quality"])
    func otherRecipes(name: String) throws {
        let out = temporaryDirectory(name)
        defer { try? FileManager.default.removeItem(atPath: out) }
        var dataDirectory = sharedData
        if name == "adult" {
            // The head of Adult's two files (in a temporary directory) keeps the test fast.
            dataDirectory = out + "/data"
            try FileManager.default.createDirectory(atPath: dataDirectory + "/adult", withIntermediateDirectories: true)
            for (file, lines) in [("adult.data", 200), ("adult.test", 101)] {
                let text = try String(contentsOfFile: "\(sharedData)/adult/\(file)", encoding: .utf8)
                let head = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(lines).joined(separator: "\n")
                try head.write(toFile: "\(dataDirectory)/adult/\(file)", atomically: true, encoding: .utf8)
            }
        }
        let whole = try DatasetCatalog.load(name, dataDirectory: dataDirectory).dataset
        let manifests = try splitShards(name, dataDirectory: dataDirectory, parts: 2, seed: 1,
                                                  into: out + "/shards")
        var train = 0, test = 0
        for manifest in manifests {
            let directory = ShardSplitter.shardDirectory(out + "/shards", dataset: name, index: manifest.shardID)
            let (_, dataset) = try ShardLoader.load(directory: directory)
            #expect(dataset.task == whole.task && dataset.classLabels == whole.classLabels)
            train += dataset.train.count
            test += dataset.test.count
        }
        #expect(train == whole.train.count && test == whole.test.count)
        if name == "adult" { #expect(whole.train.count == 200 && whole.test.count == 100) }
    }

    @Test("A tampered file is refused, naming the file and both checksums")
    func tampered() throws {
        let out = temporaryDirectory("tamper")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let manifests = try splitShards("titanic", dataDirectory: sharedData, parts: 2, seed: 1, into: out)
        let directory = ShardSplitter.shardDirectory(out, dataset: "titanic", index: 1)
        let path = (directory as NSString).appendingPathComponent("test.csv")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("1,1,x,female,30,0,0,1,10,,S,,,,\n".utf8))
        try handle.close()
        let actual = try SHA256Digest.hex(ofFileAt: path)
        let expected = try #require(manifests[1].files.first { $0.name == "test.csv" }).sha256
        do {
            _ = try ShardLoader.load(directory: directory)
            Issue.record("a tampered shard loaded")
        } catch {
            #expect(error.file.hasSuffix("titanic-1/test.csv"))
            #expect(error.message.contains(expected) && error.message.contains(actual), "\(error)")
        }
        #expect(throws: DataError.self) { try ShardLoader.manifest(directory: directory) }
        #expect(try ShardLoader.manifest(directory: ShardSplitter.shardDirectory(out, dataset: "titanic", index: 0)).shardID == 0)
    }

    @Test("A manifest that leaves a data file out is refused, even with a consistent combined checksum")
    func unlistedFile() throws {
        let out = temporaryDirectory("unlisted")
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try splitShards("titanic", dataDirectory: sharedData, parts: 2, seed: 1, into: out)
        let directory = ShardSplitter.shardDirectory(out, dataset: "titanic", index: 0)
        let manifestPath = (directory as NSString).appendingPathComponent(ShardManifest.fileName)
        var manifest = try ShardManifest.decode(try #require(FileManager.default.contents(atPath: manifestPath)))
        manifest.files.removeAll { $0.name == ShardSplitter.testFile }
        manifest.sha256 = ShardManifest.combinedChecksum(files: manifest.files, recipeSHA256: manifest.recipeSHA256)
        try ShardManifest.jsonEncoder.encode(manifest).write(to: URL(fileURLWithPath: manifestPath))
        do {
            _ = try ShardLoader.load(directory: directory)
            Issue.record("a shard with an unverified test file loaded")
        } catch {
            #expect(error.file == manifestPath && error.message.contains("does not list test.csv"), "\(error)")
        }
    }

    @Test("Existing shards are never overwritten; impossible part counts are refused")
    func refusals() throws {
        let out = temporaryDirectory("refuse")
        defer { try? FileManager.default.removeItem(atPath: out) }
        _ = try splitShards("titanic", dataDirectory: sharedData, parts: 2, seed: 1, into: out)
        let trainPath = ShardSplitter.shardDirectory(out, dataset: "titanic", index: 0) + "/train.csv"
        let before = try SHA256Digest.hex(ofFileAt: trainPath)
        do {
            _ = try splitShards("titanic", dataDirectory: sharedData, parts: 3, seed: 2, into: out)
            Issue.record("overwrote existing shards")
        } catch {
            #expect(error.file.hasSuffix("titanic-0") && error.message.contains("never overwritten"))
        }
        #expect(try SHA256Digest.hex(ofFileAt: trainPath) == before)
        // Nothing new was written either: the check happens before any write.
        #expect(!FileManager.default.fileExists(atPath: ShardSplitter.shardDirectory(out, dataset: "titanic", index: 2)))
        let empty = temporaryDirectory("parts")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(throws: DataError.self) {
            try splitShards("titanic", dataDirectory: sharedData, parts: 0, seed: 1, into: empty)
        }
        #expect(throws: DataError.self) {
            try splitShards("titanic", dataDirectory: sharedData, parts: 300, seed: 1, into: empty)
        }
        #expect(throws: DataError.self) {
            try splitShards("no-such-data", dataDirectory: sharedData, parts: 2, seed: 1, into: empty)
        }
    }

    @Test("Synthetic datasets split into numeric shards that reload with the generator's labels")
    func synthetic() throws {
        let out = temporaryDirectory("synthetic")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let manifests = try splitShards("synthetic-classification", dataDirectory: sharedData,
                                                  parts: 2, seed: 3, into: out)
        #expect(manifests.map(\.trainRows) == [2000, 2000] && manifests.map(\.testRows) == [500, 500])
        let (_, dataset) = try ShardLoader.load(directory: ShardSplitter.shardDirectory(out, dataset: "synthetic-classification", index: 1))
        #expect(dataset.task == .binaryClassification && dataset.featureNames == (0..<8).map { "x\($0)" })
        let generated = SyntheticDataset(kind: .classification).generate()
        let positives = dataset.train.targets.scalars.reduce(0, +) + dataset.test.targets.scalars.reduce(0, +)
        #expect(positives > 0 && positives < 2500)
        // The two shards' labels add up to the generator's.
        let (_, other) = try ShardLoader.load(directory: ShardSplitter.shardDirectory(out, dataset: "synthetic-classification", index: 0))
        let total = positives + other.train.targets.scalars.reduce(0, +) + other.test.targets.scalars.reduce(0, +)
        #expect(total == generated.train.targets.scalars.reduce(0, +) + generated.test.targets.scalars.reduce(0, +))

        let regression = try splitShards("synthetic-regression", dataDirectory: sharedData,
                                                   parts: 1, seed: 3, into: out)
        let (_, whole) = try ShardLoader.load(directory: ShardSplitter.shardDirectory(out, dataset: "synthetic-regression", index: 0))
        #expect(regression[0].trainRows == 4000 && whole.task == .regression && whole.targetScale == nil)
        // Targets are written as the generator made them (already standardised), not re-standardised.
        let reference = SyntheticDataset(kind: .regression).generate()
        #expect(whole.train.targets.scalars == reference.train.targets.scalars)
    }

    @Test("A directory without a manifest holding a built-in recipe's files is the whole dataset")
    func shardless() throws {
        let directory = "\(sharedData)/titanic"
        let (manifest, dataset) = try ShardLoader.load(directory: directory)
        #expect(manifest.dataset == "titanic" && manifest.shardID == 0 && manifest.shardCount == 1)
        #expect(manifest.trainRows == 1047 && manifest.testRows == 262)
        #expect(dataset.train.count == 1047 && dataset.test.count == 262)
        let fileHash = try SHA256Digest.hex(ofFileAt: "\(directory)/titanic3.csv")
        #expect(manifest.files == [ShardManifest.File(name: "titanic3.csv", role: .train, rows: 1309, sha256: fileHash)])
        #expect(manifest.sha256 == SHA256Digest.combined([fileHash, manifest.recipeSHA256!]))
        #expect(manifest.recipeSHA256 == DatasetRecipe.builtIn(named: "titanic")!.checksum)
        #expect(try ShardLoader.manifest(directory: directory + "/").sha256 == manifest.sha256)
        #expect(throws: DataError.self) { try ShardLoader.load(directory: temporaryDirectory("empty")) }
    }
}
