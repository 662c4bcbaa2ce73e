import ArgumentParser
import Foundation
import FrontierCluster
import FrontierPareto
import FrontierProtocol
import FrontierSweep

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Submit, inspect, cancel and export sweeps on a coordinator.",
        subcommands: [SweepRunCommand.self, SweepSubmitCommand.self, SweepStatusCommand.self, SweepCancelCommand.self,
                      SweepExportCommand.self, SweepResultsCommand.self])
}

struct SweepSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a sweep file (YAML); prints the sweep id.",
        discussion: """
        The coordinator checks the whole file first and refuses it with the path of the bad field.

        Examples:
          frontier sweep submit cluster/sweeps/synthetic.yaml
          frontier sweep submit adult.yaml --coordinator tcp://head:5555 --json
          frontier sweep submit adult.yaml --coordinator tcp://head:5555 --curve-server-key head.pub --curve-key me.key
        """)

    @Argument(help: "The sweep file.")
    var file: String

    @OptionGroup var options: CoordinatorOptions

    @Flag(help: "Print a JSON object instead of text.")
    var json = false

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw RuntimeFailure("cannot read the sweep file \(file) as UTF-8 text")
        }
        var submit = SweepSubmit()
        // The coordinator cannot read this machine's files: a recipe file the sweep names travels inside it.
        do {
            submit.spec = try SweepSpec.inliningRecipeFile(yaml: text,
                                                           baseDirectory: URL(fileURLWithPath: file).deletingLastPathComponent().path)
        } catch {
            throw RuntimeFailure("\(file): \(error)")
        }
        // A rewritten spec (its recipe inlined) is YAML whatever the file was.
        submit.specFormat = submit.spec == text && file.lowercased().hasSuffix(".json") ? "json" : "yaml"
        let accepted = try options.withClient { try $0.submit(submit) }
        if json {
            print(ClusterJSON.string(ClusterJSON.Accepted(sweepID: accepted.sweepID, tasks: accepted.taskCount)))
        } else {
            print(accepted.sweepID)
            FileHandle.standardError.write(Data("sweep \(accepted.sweepID) accepted: \(accepted.taskCount) tasks; follow it with `frontier tail \(accepted.sweepID)`\n".utf8))
        }
    }
}

struct SweepStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the state of one sweep or of all, with why pending tasks cannot run.",
        discussion: """
        Examples:
          frontier sweep status
          frontier sweep status adult-tradeoff-3f9a1c --json
        """)

    @Argument(help: "Sweep id (default: every sweep).")
    var sweep: String?

    @OptionGroup var options: CoordinatorOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let status = try options.withClient { try $0.status(sweepID: sweep) }
        if json {
            print(ClusterJSON.string(ClusterJSON.Status(status)))
            return
        }
        if status.sweeps.isEmpty { print("no sweeps") }
        for s in status.sweeps { print(Self.render(s)) }
    }

    /// `id  name  state  3/8 done, 1 running, 4 pending, 0 failed, 0 cancelled`, then why tasks wait.
    static func render(_ s: SweepSummary) -> String {
        var lines = ["\(s.sweepID)  \(s.name)  \(ClusterJSON.name(s.state))  \(s.tasksDone)/\(s.tasksTotal) done, "
            + "\(s.tasksRunning) running, \(s.tasksPending) pending, \(s.tasksFailed) failed, \(s.tasksCancelled) cancelled"]
        for stuck in s.stuck { lines.append("  pending: \(stuck.reason) (first: \(stuck.taskID))") }
        return lines.joined(separator: "\n")
    }
}

struct SweepCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a sweep: pending tasks are dropped and running ones stopped; results so far are kept.",
        discussion: "Example:\n  frontier sweep cancel adult-tradeoff-3f9a1c")

    @Argument(help: "Sweep id.")
    var sweep: String

    @OptionGroup var options: CoordinatorOptions

    @Flag(help: "Print the sweep's status as JSON instead of text.")
    var json = false

    func run() throws {
        let status = try options.withClient { try $0.cancel(sweepID: sweep) }
        if json {
            print(ClusterJSON.string(ClusterJSON.Status(status)))
        } else {
            for s in status.sweeps { print(SweepStatusCommand.render(s)) }
        }
    }
}

struct SweepExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a sweep's aggregated front as CSV, JSON or an SVG plot (like the MTL paper's Figure 3).",
        discussion: """
        Examples:
          frontier sweep export adult-tradeoff-3f9a1c --format svg --out front.svg
          frontier sweep export adult-tradeoff-3f9a1c --format csv > front.csv
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, svg }

    @Argument(help: "Sweep id.")
    var sweep: String

    @Option(help: "csv, json or svg.")
    var format: Format = .csv

    @Option(help: "Output file (default: standard output).")
    var out: String?

    @Option(help: "Objective on the x axis of the SVG (default: the sweep's last objective).")
    var x: String?

    @Option(help: "Objective on the y axis of the SVG (default: the sweep's first objective).")
    var y: String?

    @OptionGroup var options: CoordinatorOptions

    func run() throws {
        let snapshot = try options.withClient { try $0.front(sweepID: sweep) }
        let objectives = FrontMessages.objectives(of: snapshot)
        let rows = snapshot.rows.map(\.paretoRow)
        let text: String
        switch format {
        case .csv: text = FrontExport.csv(rows, objectives: objectives.map(\.name))
        case .json: text = ClusterJSON.string(ClusterJSON.Front(snapshot), pretty: true)
        case .svg:
            guard let first = objectives.first?.name, let last = objectives.last?.name else {
                throw RuntimeFailure("the sweep has no objectives to plot")
            }
            let (xName, yName) = (x ?? last, y ?? first)
            for (flag, name) in [("--x", xName), ("--y", yName)] where !objectives.contains(where: { $0.name == name }) {
                throw ValidationError("\(flag) \(name) is not an objective of sweep \(sweep); its objectives are "
                                      + objectives.map(\.name).joined(separator: ", "))
            }
            text = FrontExport.svg(rows, x: xName, y: yName, title: "\(sweep): \(yName) vs \(xName)")
        }
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw RuntimeFailure("cannot write \(out): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(out) (\(rows.count) rows)\n".utf8))
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }
}
