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
            throw ValidationError("cannot read the sweep file \(file)")
        }
        var submit = SweepSubmit()
        // The coordinator cannot read this machine's files: a recipe file the sweep names travels inside it.
        do {
            submit.spec = try SweepSpec.inliningRecipeFile(yaml: text,
                                                           baseDirectory: URL(fileURLWithPath: file).deletingLastPathComponent().path)
        } catch {
            throw ValidationError("\(file): \(error)")
        }
        submit.specFormat = "yaml"
        let accepted = try options.withClient { try $0.submit(submit) }
        if json {
            print(#"{"sweep_id":"\#(accepted.sweepID)","tasks":\#(accepted.taskCount)}"#)
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
            print(try status.jsonString())
            return
        }
        if status.sweeps.isEmpty { print("no sweeps") }
        for s in status.sweeps {
            let total = s.tasksPending + s.tasksRunning + s.tasksDone + s.tasksFailed
            print("\(s.sweepID)  \(s.name)  \(Self.name(s.state))  \(s.tasksDone)/\(total) done, "
                + "\(s.tasksRunning) running, \(s.tasksPending) pending, \(s.tasksFailed) failed")
            for stuck in s.stuck { print("  pending: \(stuck.reason)") }
        }
    }

    static func name(_ state: SweepState) -> String {
        switch state {
        case .pending: "pending"
        case .running: "running"
        case .done: "done"
        case .cancelled: "cancelled"
        case .failed: "failed"
        default: "unknown"
        }
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

    func run() throws {
        try options.withClient { try $0.cancel(sweepID: sweep) }
        print("cancelled \(sweep)")
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
        case .json: text = try snapshot.jsonString()
        case .svg:
            guard let first = objectives.first?.name, let last = objectives.last?.name else {
                throw ValidationError("the sweep has no objectives to plot")
            }
            text = FrontExport.svg(rows, x: x ?? last, y: y ?? first, title: "\(sweep): \(y ?? first) vs \(x ?? last)")
        }
        if let out {
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw ValidationError("cannot write \(out): \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("wrote \(out) (\(rows.count) rows)\n".utf8))
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }
}
