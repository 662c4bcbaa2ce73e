import ArgumentParser
import Foundation
import FrontierData

/// `frontier datasets`: the catalogue (`list`, the default) and shard splitting (`split`).
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the shipped datasets, show or draft a recipe, or split a dataset into shards for the cluster.",
        discussion: """
        Examples:
          frontier datasets                     # the catalogue (= frontier datasets list)
          frontier datasets show adult          # a shipped recipe
          frontier datasets inspect houses.csv --target price --out houses.yaml
          frontier datasets split titanic --parts 3 --out /data/shards
        """,
        subcommands: [DatasetsListCommand.self, DatasetsShowCommand.self, DatasetsInspectCommand.self, DatasetsSplitCommand.self],
        defaultSubcommand: DatasetsListCommand.self)
}

/// `frontier datasets list`: the catalogue, where each file is looked for, and whether it is there.
struct DatasetsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the built-in datasets, the files each reads, and whether they were found.",
        discussion: """
        File-backed datasets are read from --data-dir, else $FRONTIER_DATA, else ../shared/datasets. \
        Frontier never copies them.

        Examples:
          frontier datasets
          frontier datasets --data-dir /data/uci --json
        """)

    @OptionGroup var data: DataOptions

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    struct Listing: Codable {
        struct File: Codable { var path: String; var found: Bool }
        var name: String
        var summary: String
        var files: [File]
        var ready: Bool
    }

    func run() throws {
        let directory = data.resolvedDirectory
        let listings = DatasetCatalog.entries.map { entry -> Listing in
            let files = entry.files.map { relative -> Listing.File in
                let path = (directory as NSString).appendingPathComponent(relative)
                return .init(path: path, found: FileManager.default.isReadableFile(atPath: path))
            }
            return Listing(name: entry.name, summary: entry.summary, files: files, ready: files.allSatisfy(\.found))
        }
        if json {
            struct Output: Codable { var dataDirectory: String; var datasets: [Listing] }
            print(try JSONOutput.string(Output(dataDirectory: directory, datasets: listings)))
            return
        }
        print("data directory: \(directory)")
        for l in listings {
            print("\n\(l.name)\(l.ready ? "" : "  (files missing)")")
            print("  \(l.summary)")
            for f in l.files { print("  \(f.found ? "found  " : "MISSING") \(f.path)") }
        }
    }
}
