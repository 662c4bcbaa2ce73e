import ArgumentParser
import Foundation
import FrontierML
import FrontierMethods
import FrontierSettings
import FrontierSupport

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Frontier's speed and memory.",
        subcommands: [TrainBench.self, ClusterBench.self, ExplainBench.self, POEBench.self])
}

/// Seconds per training epoch with the paper's recipe, side by side for each
/// thread setting, plus peak memory.
struct TrainBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Seconds per training epoch (median) and peak memory on a dataset.",
        discussion: """
        Trains for --warmup + --epochs epochs with early stopping disabled and reports the \
        median of the timed epochs for each OpenBLAS thread setting, measured one after \
        the other in this process.

        Examples:
          frontier bench train --dataset adult
          frontier bench train --dataset adult --method stl --threads 1,2 --json
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "Shipped dataset (see `frontier datasets`; default adult).")
    var dataset: String?

    @Option(help: "A recipe file (YAML) instead of --dataset; its paths resolve against its own folder.")
    var recipe: String?

    @Option(help: "Training method: \(MethodRegistry.standard.names.joined(separator: ", ")).")
    var method: String = "joint"

    @Option(help: "Timed epochs per thread setting.")
    var epochs: Int = 5

    @Option(help: "Untimed epochs before the timed ones.")
    var warmup: Int = 1

    @Option(help: "OpenBLAS thread counts to compare, comma separated.")
    var threads: String = "1,2"

    @OptionGroup var training: TrainingOptions

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    struct Measurement: Codable {
        var threads: Int
        var epochSeconds: [Double]
        var medianEpochSeconds: Double
        var stepsPerEpoch: Int
    }

    struct Report: Codable {
        var dataset: String
        var method: String
        var hidden: [Int]
        var batchSize: Int
        var trainRows: Int
        var features: Int
        var blas: String
        var processors: Int
        var measurements: [Measurement]
        var peakResidentMegabytes: Double
    }

    func run() throws {
        let threadCounts = try threads.split(separator: ",").map { s -> Int in
            guard let t = Int(s.trimmingCharacters(in: .whitespaces)), t > 0 else {
                throw ValidationError("--threads: '\(s)' is not a positive thread count")
            }
            return t
        }
        guard epochs > 0, warmup >= 0 else { throw ValidationError("--epochs must be positive and --warmup non-negative") }
        let methodType: any TrainingMethod
        do { methodType = try MethodRegistry.standard.method(named: method) } catch { throw ValidationError("--\(error)") }
        // Early stopping and the plateau are switched off so every timed epoch runs at full length.
        let tree = try training.tree().merging(.map(["epochs": .number(Double(epochs + warmup)),
                                                     "patience": .number(1e6), "plateau_patience": .number(1e6)]))
        let run: MethodRun
        do { run = try MethodRun(method: methodType, tree: tree, at: "", seed: 1) } catch { throw error.asOption }
        let network = (try? NetworkSettings.read(tree.filtered(to: NetworkSettings.knownSettings), at: "")) ?? NetworkSettings()
        let loaded = try data.load(name: recipe == nil ? dataset ?? "adult" : dataset, recipe: recipe)
        let trainRows = Int((Float(loaded.dataset.train.count) * (1 - Float(network.validationFraction))).rounded())
        var measurements: [Measurement] = []
        for t in threadCounts {
            BLAS.threadCount = t
            if !json { FileHandle.standardError.write("bench: \(dataset ?? recipe ?? "adult") \(method), \(t) BLAS thread(s)...\n") }
            let fitted = try methodType.fit(anySettings: run.settings, seed: 1, on: loaded.dataset) { _ in .proceed }
            let timed = fitted.history.epochs.dropFirst(warmup).map(\.seconds)
            measurements.append(Measurement(threads: t, epochSeconds: timed, medianEpochSeconds: median(timed),
                                            stepsPerEpoch: (trainRows + network.batchSize - 1) / network.batchSize))
        }
        let report = Report(dataset: loaded.dataset.name, method: method, hidden: network.scaledHidden,
                            batchSize: network.batchSize, trainRows: trainRows, features: loaded.dataset.featureCount,
                            blas: BLAS.configuration, processors: ProcessInfo.processInfo.activeProcessorCount,
                            measurements: measurements, peakResidentMegabytes: ProcessMemory.peakResidentMegabytes())
        if json {
            print(try JSONOutput.string(report, pretty: false))
            return
        }
        print("dataset \(report.dataset) (\(report.trainRows) training rows after validation split, \(report.features) features), "
            + "method \(report.method), MLP \(report.hidden.map(String.init).joined(separator: "-")), batch \(report.batchSize)")
        print("BLAS: \(report.blas); \(report.processors) processors")
        for m in measurements {
            let each = m.epochSeconds.map { String(format: "%.3f", $0) }.joined(separator: " ")
            print(String(format: "threads %d: median %.3f s/epoch  (%@)  %d steps/epoch", m.threads,
                         m.medianEpochSeconds, each, m.stepsPerEpoch))
        }
        print(String(format: "peak resident memory: %.1f MiB", report.peakResidentMegabytes))
    }
}
