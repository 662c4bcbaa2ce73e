import ArgumentParser
import Foundation
import FrontierData

/// `frontier datasets split`: writes a dataset's shards, one directory each, for cluster workers.
struct DatasetsSplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split a dataset into shards with disjoint training and test rows.",
        discussion: """
        The recipe's test split is applied first (its hold-out or its test file); then the training \
        rows and the test rows are each dealt round-robin after a seeded shuffle. Each shard \
        <out>/<dataset>-<i>/ holds train.csv and test.csv (the raw fields, with a header) and \
        manifest.json (row counts and SHA-256 checksums). Existing shard directories are never \
        overwritten.

        The manifest carries the dataset's recipe, and its combined checksum covers the recipe \
        and the bytes, so two workers cannot turn the same files into different datasets unnoticed.

        Examples:
          frontier datasets split titanic --parts 3 --out /data/shards
          frontier datasets split --recipe my-table.yaml --parts 2 --out /data/shards
          frontier datasets split adult --parts 4 --out shards --seed 7 --json
          frontier datasets split synthetic-classification --parts 2 --out /tmp/shards
        """)

    @Argument(help: "Dataset name (see `frontier datasets`); or give --recipe.")
    var name: String?

    @Option(help: "A recipe file (YAML) instead of a dataset name; its paths resolve against its own folder.")
    var recipe: String?

    @Option(help: "How many shards to write.")
    var parts: Int

    @Option(help: "Directory the shard directories are created in.")
    var out: String

    @Option(help: "Seed of the shuffle that deals rows to shards.")
    var seed: UInt64 = 1

    @OptionGroup var data: DataOptions

    @Flag(help: "Print the manifests as JSON instead of text.")
    var json = false

    func run() throws {
        let (source, base) = try data.source(name: name, recipe: recipe)
        let manifests: [ShardManifest]
        do {
            manifests = try ShardSplitter().split(source, baseDirectory: base, parts: parts, seed: seed, into: out)
        } catch {
            // A data problem, not a usage mistake: report it without the usage text.
            throw RuntimeFailure("\(error)")
        }
        if json {
            FileHandle.standardOutput.write(try ShardManifest.jsonEncoder.encode(manifests))
            FileHandle.standardOutput.write("\n")
            return
        }
        for m in manifests {
            let directory = ShardSplitter.shardDirectory(out, dataset: m.dataset, index: m.shardID)
            print("\(directory)  train \(m.trainRows)  test \(m.testRows)  sha256 \(m.sha256.prefix(12))")
        }
    }
}

