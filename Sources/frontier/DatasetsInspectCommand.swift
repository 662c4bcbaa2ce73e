import ArgumentParser
import Foundation
import FrontierData

/// `frontier datasets inspect FILE`: drafts a recipe for a table Frontier has never seen.
struct DatasetsInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Draft a recipe for your own table: separator, header, column kinds, missing values, a guessed task.",
        discussion: """
        Reads the file (CSV, semicolons, tabs or whitespace; gzip or not), guesses how it is laid \
        out and what each column holds, and writes a commented recipe to edit. Check the target, \
        the task and each column's kind, then train with it.

        Examples:
          frontier datasets inspect houses.csv --target price --out houses.yaml
          frontier train --recipe houses.yaml
          frontier datasets inspect survey.tsv --json | jq '.columns[] | select(.missing > 0)'
        """)

    @Argument(help: "The data file.")
    var file: String

    @Option(help: "The target column (default: the last column).")
    var target: String?

    @Option(help: "Write the recipe to this file (paths in it become relative to its folder).")
    var out: String?

    @Flag(help: "Replace --out if it exists.")
    var force = false

    @Flag(help: "Print the analysis as JSON instead of a recipe.")
    var json = false

    func run() throws {
        let draft: RecipeDraft
        do { draft = try RecipeDraft.inspect(try Gzip.contents(ofFile: file), file: file, target: target) } catch {
            throw RuntimeFailure("\(error)")
        }
        if json {
            print(try JSONOutput.string(Report(draft)))
            return
        }
        let command = "frontier datasets inspect " + CommandLine.arguments.dropFirst(3).joined(separator: " ")
        guard let out else {
            print(draft.yaml(dataPath: URL(fileURLWithPath: file).absoluteURL.standardized.path, command: command), terminator: "")
            return
        }
        if FileManager.default.fileExists(atPath: out) && !force {
            throw ValidationError("\(out) exists; choose another --out or add --force")
        }
        let text = draft.yaml(dataPath: Self.relativePath(of: file, from: out), command: command)
        do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
            throw ValidationError("cannot write \(out): \(error.localizedDescription)")
        }
        let message = "wrote \(out): check the target, the task and each column, then `frontier train --recipe \(out)`\n"
        FileHandle.standardError.write(Data(message.utf8))
    }

    /// `file` as seen from the folder of `recipe`: relative when it lies below it, else absolute.
    static func relativePath(of file: String, from recipe: String) -> String {
        let target = URL(fileURLWithPath: file).absoluteURL.standardized.path
        let folder = URL(fileURLWithPath: recipe).absoluteURL.standardized.deletingLastPathComponent().path
        return target.hasPrefix(folder + "/") ? String(target.dropFirst(folder.count + 1)) : target
    }

    /// The analysis, for `--json`.
    struct Report: Encodable {
        struct Column: Encodable {
            var name: String, kind: String, distinct: Int, missing: Int, examples: [String], note: String?
        }
        var file: String, rows: Int, separator: String, header: Bool, encoding: String
        var missingTokens: [String], target: String, task: String, columns: [Column]

        init(_ d: RecipeDraft) {
            file = d.file
            rows = d.rows
            switch d.format.separator {
            case .whitespace: separator = "whitespace"
            case .character(let c): separator = String(c)
            }
            header = d.format.hasHeader
            encoding = d.format.encoding.rawValue
            missingTokens = d.missingTokens
            target = d.target
            task = switch d.task {
            case .binary: "binary"
            case .multiclass: "multiclass"
            case .regression: "regression"
            }
            columns = d.columns.map {
                Column(name: $0.name, kind: $0.kind.rawValue, distinct: $0.distinct, missing: $0.missing,
                       examples: $0.examples, note: $0.note)
            }
        }
    }
}

/// `frontier datasets show NAME|FILE`: a recipe's text.
struct DatasetsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a shipped dataset's recipe, or a recipe file with every default filled in.",
        discussion: """
        Shipped recipes are printed as they ship (also under cluster/recipes/); copy one to start \
        your own. A recipe file is printed in its canonical form, the form shard manifests and \
        sweeps carry, with its checksum.

        Examples:
          frontier datasets show adult
          frontier datasets show my-table.yaml
        """)

    @Argument(help: "A shipped dataset's name, or a recipe file.")
    var recipe: String

    func run() throws {
        if let text = DatasetRecipe.shippedYAML(named: recipe) {
            print(text, terminator: "")
            return
        }
        guard FileManager.default.fileExists(atPath: recipe) else {
            throw ValidationError("'\(recipe)' is neither a shipped dataset (\(DatasetCatalog.names.joined(separator: ", "))) nor a file")
        }
        let (source, _) = try DataOptions().source(name: nil, recipe: recipe)
        print("# \(source.name): canonical recipe, sha256 \(source.checksum)")
        print(source.tree.yaml, terminator: "")
    }
}
