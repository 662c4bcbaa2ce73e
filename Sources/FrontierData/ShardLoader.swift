import Foundation
import FrontierML

/// Reads a shard directory on the device that holds it: verifies every file and
/// the recipe against the manifest's SHA-256s, then prepares the rows with the
/// shard's derived recipe, fitting every statistic on the shard's own training
/// rows (the data never leaves the device).
///
/// A directory without `manifest.json` that holds a built-in recipe's files (the
/// shared `titanic/` folder) is accepted as the whole dataset: shard 0 of 1, with
/// checksums computed on the fly.
public enum ShardLoader {
    /// The shard's manifest, after verifying every file's checksum; for a whole-dataset
    /// directory, a manifest built from its files (which parses them to count rows).
    public static func manifest(directory: String) throws(DataError) -> ShardManifest {
        let location = Location(directory)
        if let stored = try storedManifest(location, keepingContents: false) { return stored.manifest }
        let (original, local) = try wholeDatasetRecipe(location)
        let raw = try ShardSplitter.rawRows(of: .recipe(local), baseDirectory: location.directory)
        return try wholeDatasetManifest(original, local, location, trainRows: raw.train.count, testRows: raw.test.count)
    }

    /// The verified manifest and the prepared dataset. Each file is read once: the
    /// bytes whose checksum was verified are the bytes parsed, so a file replaced
    /// between the check and the parse cannot slip through.
    public static func load(directory: String) throws(DataError) -> (ShardManifest, Dataset) {
        let (manifest, prepared) = try loadPrepared(directory: directory)
        return (manifest, prepared.dataset)
    }

    /// The verified manifest and the prepared dataset with the preprocessing fitted on the
    /// shard's own training rows (see `load`).
    public static func loadPrepared(directory: String) throws(DataError) -> (ShardManifest, PreparedDataset) {
        let location = Location(directory)
        guard let (manifest, contents) = try storedManifest(location, keepingContents: true) else {
            let (original, local) = try wholeDatasetRecipe(location)
            let prepared = try local.loadPrepared(baseDirectory: location.directory)
            return (try wholeDatasetManifest(original, local, location, trainRows: prepared.dataset.train.count,
                                             testRows: prepared.dataset.test.count), prepared)
        }
        // Every file the shard recipe parses must have been verified: a manifest that
        // leaves one out would otherwise let an unchecked file through.
        for name in [ShardSplitter.trainFile, ShardSplitter.testFile] where contents[name] == nil {
            throw DataError(file: location.manifestPath, message: "does not list \(name), so its checksum cannot be verified")
        }
        let prepared = try manifest.datasetSource().shardRecipe.loadPrepared(baseDirectory: location.directory, contents: contents)
        let dataset = prepared.dataset
        guard dataset.train.count == manifest.trainRows, dataset.test.count == manifest.testRows else {
            throw DataError(file: location.manifestPath, message: "the manifest lists \(manifest.trainRows) training and "
                            + "\(manifest.testRows) test rows, the files hold \(dataset.train.count) and \(dataset.test.count)")
        }
        return (manifest, prepared)
    }

    /// A shard directory, its name and its manifest's path.
    struct Location {
        var directory: String
        var name: String
        var manifestPath: String

        init(_ path: String) {
            let url = URL(fileURLWithPath: path).absoluteURL.standardized
            directory = url.path
            name = url.lastPathComponent
            manifestPath = url.appendingPathComponent(ShardManifest.fileName).path
        }

        func file(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    }

    /// The manifest in the directory, verified; nil when there is none. With
    /// `keepingContents`, each file is read whole and its verified bytes returned by
    /// name; without, files are hashed in chunks and never held in memory.
    static func storedManifest(_ location: Location,
                               keepingContents: Bool) throws(DataError) -> (manifest: ShardManifest, contents: [String: [UInt8]])? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location.directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataError(file: location.directory, message: "is not a directory")
        }
        guard let data = FileManager.default.contents(atPath: location.manifestPath) else { return nil }
        let manifest: ShardManifest
        do { manifest = try ShardManifest.decode(data) } catch {
            throw DataError(file: location.manifestPath, message: "is not a valid shard manifest: \(error)")
        }
        guard ShardManifest.readableFormatVersions.contains(manifest.formatVersion) else {
            let versions = ShardManifest.readableFormatVersions
            throw DataError(file: location.manifestPath, message: "has format version \(manifest.formatVersion); "
                            + "this Frontier reads versions \(versions.lowerBound) to \(versions.upperBound)")
        }
        if manifest.formatVersion >= 2 {
            // The recipe is part of what the checksum pins: a changed recipe is a different dataset.
            let actual = try manifest.datasetSource().checksum
            guard actual == manifest.recipeSHA256 else {
                throw DataError(file: location.manifestPath, message: "recipe checksum mismatch: the manifest says "
                                + "\(manifest.recipeSHA256 ?? "nothing"), its recipe's SHA-256 is \(actual)")
            }
        }
        var contents: [String: [UInt8]] = [:]
        for file in manifest.files {
            let actual: String
            if keepingContents {
                let path = location.file(file.name)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw DataError(file: path, message: FileManager.default.fileExists(atPath: path)
                                    ? "cannot be read" : "file not found")
                }
                actual = SHA256Digest.hex(of: data)
                contents[file.name] = Array(data)
            } else {
                actual = try SHA256Digest.hex(ofFileAt: location.file(file.name))
            }
            guard actual == file.sha256 else {
                throw DataError(file: location.file(file.name), message: "checksum mismatch: the manifest says "
                                + "\(file.sha256), the file's SHA-256 is \(actual)")
            }
        }
        let combined = ShardManifest.combinedChecksum(files: manifest.files, recipeSHA256: manifest.recipeSHA256)
        guard combined == manifest.sha256 else {
            throw DataError(file: location.manifestPath, message: "combined checksum mismatch: the manifest says "
                            + "\(manifest.sha256), its files combine to \(combined)")
        }
        return (manifest, contents)
    }

    /// The built-in recipe whose files the directory holds, and the same recipe reading
    /// them from that directory.
    static func wholeDatasetRecipe(_ location: Location) throws(DataError) -> (original: DatasetRecipe, local: DatasetRecipe) {
        func local(_ recipe: DatasetRecipe) -> DatasetRecipe {
            var copy = recipe
            copy.files = .init(data: (recipe.files.data as NSString).lastPathComponent,
                               test: recipe.files.test.map { ($0 as NSString).lastPathComponent },
                               labels: recipe.files.labels.map { ($0 as NSString).lastPathComponent })
            return copy
        }
        func holdsFiles(_ recipe: DatasetRecipe) -> Bool {
            return local(recipe).files.all.allSatisfy {
                FileManager.default.isReadableFile(atPath: location.file($0))
            }
        }
        // Several recipes read the same files (titanic and titanic-authors): prefer the one named
        // like the directory, then one whose folder has its name.
        let candidates = DatasetRecipe.builtIn.filter(holdsFiles)
        let folder = { (r: DatasetRecipe) in ((r.files.data as NSString).deletingLastPathComponent as NSString).lastPathComponent }
        guard let recipe = candidates.first(where: { $0.name == location.name })
                ?? candidates.first(where: { folder($0) == location.name }) ?? candidates.first else {
            throw DataError(file: location.directory, message: "holds neither \(ShardManifest.fileName) nor the files "
                            + "of a built-in dataset (\(DatasetRecipe.builtIn.map(\.files.data).joined(separator: ", ")))")
        }
        return (recipe, local(recipe))
    }

    static func wholeDatasetManifest(_ original: DatasetRecipe, _ local: DatasetRecipe, _ location: Location,
                                     trainRows: Int, testRows: Int) throws(DataError) -> ShardManifest {
        var files = [ShardManifest.File]()
        let data = local.files.data
        if let labels = local.files.labels {
            files.append(.init(name: data, role: .train, rows: trainRows + testRows, sha256: try SHA256Digest.hex(ofFileAt: location.file(data))))
            files.append(.init(name: labels, role: .train, rows: trainRows + testRows,
                               sha256: try SHA256Digest.hex(ofFileAt: location.file(labels))))
        } else if let test = local.files.test {
            files.append(.init(name: data, role: .train, rows: trainRows, sha256: try SHA256Digest.hex(ofFileAt: location.file(data))))
            files.append(.init(name: test, role: .test, rows: testRows, sha256: try SHA256Digest.hex(ofFileAt: location.file(test))))
        } else {
            files.append(.init(name: data, role: .train, rows: trainRows + testRows,
                               sha256: try SHA256Digest.hex(ofFileAt: location.file(data))))
        }
        return ShardManifest(shardID: 0, shardCount: 1, dataset: .recipe(original), files: files, trainRows: trainRows,
                             testRows: testRows, source: "\(location.directory): the whole dataset")
    }
}
