import ArgumentParser
import Foundation
import FrontierML
import FrontierXAI

/// Options that describe a training recipe, shared by `train`, `bench` and `reproduce`.
struct RecipeOptions: ParsableArguments {
    @Option(name: .customLong("hidden"), help: "Hidden layer widths of f, comma separated.")
    var hidden: String = "512,256,128"

    @Option(help: "Maximum number of epochs.")
    var epochs: Int = 100

    @Option(help: "Mini-batch size.")
    var batchSize: Int = 32

    @Option(help: "Adam learning rate.")
    var learningRate: Float = 1e-3

    @Option(help: "Epochs without validation improvement before stopping (best weights are kept).")
    var patience: Int = 3

    @Option(help: "Epochs without validation improvement before the learning rate is divided by 10.")
    var plateauPatience: Int = 1

    @Option(help: "Fraction of the training split held out for validation.")
    var validationFraction: Float = 0.1

    @Option(help: "OpenBLAS threads: 1 by default, so a seed gives the same run whatever the core count; `frontier bench train --threads 1,2` shows whether more are faster here.")
    var threads: Int = 1

    @Option(name: .customLong("init"), help: "Weight initialisation of f: glorot (Keras's default, which the paper's recipe used) or he (He-normal).")
    var initialisation: WeightInitialisation = MethodSettings.defaultInitialisation

    @Option(help: "Where g starts in joint training: linear-fit (the closed-form linear model of the data), zero, or glorot (random, as Keras draws the paper's explainer).")
    var surrogateStart: SurrogateStart = MethodSettings.defaultSurrogateStart

    func hiddenWidths() throws -> [Int] {
        if hidden.trimmingCharacters(in: .whitespaces).isEmpty { return [] }
        return try hidden.split(separator: ",").map { part in
            guard let w = Int(part.trimmingCharacters(in: .whitespaces)), w > 0 else {
                throw ValidationError("--hidden: '\(part)' is not a positive layer width (expected e.g. 512,256,128)")
            }
            return w
        }
    }

    func schedule() -> TrainingSchedule {
        TrainingSchedule(maxEpochs: epochs, batchSize: batchSize, learningRate: learningRate,
                         validationFraction: validationFraction, earlyStoppingPatience: patience,
                         plateauPatience: plateauPatience)
    }

    func settings(method: MethodKind, alpha: Float?, seed: UInt64) throws -> MethodSettings {
        let settings = MethodSettings(method: method, alpha: method == .joint ? alpha : nil,
                                      hiddenWidths: try hiddenWidths(), schedule: schedule(), seed: seed,
                                      surrogateStart: surrogateStart, initialisation: initialisation)
        do { try settings.validate() } catch { throw ValidationError(error.description) }
        return settings
    }
}

extension MethodKind: ExpressibleByArgument {}
extension WeightInitialisation: ExpressibleByArgument {}
extension SurrogateStart: ExpressibleByArgument {}

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one model and its explanation, print its metrics and write a JSON result.",
        discussion: """
        Methods: 'joint' trains f and the linear surrogate g together on \
        alpha * prediction loss + (1 - alpha) * fidelity loss; 'stl' trains f alone and \
        fits g afterwards; 'linear' trains a linear model (its own explanation).

        Examples:
          frontier train
          frontier train --dataset adult --method joint --alpha 0.3 --seed 1 --output adult-0.3.json
          frontier train --dataset wine-quality --method stl --json > stl.json
        """)

    @OptionGroup var data: DataOptions

    @Option(help: "Built-in dataset or recipe (see `frontier datasets`).")
    var dataset: String = "synthetic-classification"

    @Option(help: "stl, joint or linear.")
    var method: MethodKind = .joint

    @Option(help: "Weight of the prediction loss for --method joint, in (0, 1).")
    var alpha: Float = 0.5

    @Option(help: "Random seed: the same seed gives the same run on one machine.")
    var seed: UInt64 = 1

    @OptionGroup var recipe: RecipeOptions

    @Option(help: "Test points on which neighbourhood fidelity (GNF) of g and LIME is measured; 0 skips it.")
    var gnfPoints: Int = 100

    @Option(help: "Perturbed samples per LIME explanation.")
    var limeSamples: Int = 1000

    @Option(help: "Write the JSON result to this file.")
    var output: String?

    @Flag(help: "Print the JSON result on standard output instead of the table.")
    var json = false

    @Flag(help: "No progress display.")
    var quiet = false

    func run() throws {
        BLAS.threadCount = recipe.threads
        let settings = try recipe.settings(method: method, alpha: alpha, seed: seed)
        guard gnfPoints >= 0 else { throw ValidationError("--gnf-points must be 0 or more") }
        guard limeSamples >= 2 else { throw ValidationError("--lime-samples must be at least 2") }
        let loaded = try data.load(dataset)
        let label = "\(loaded.dataset.name) \(method.rawValue)\(method == .joint ? " α=\(alpha)" : "")"
        let progress = ProgressDisplay(label: label, quiet: quiet || json)
        let run = LocalRun(settings: settings,
                           evaluation: EvaluationOptions(neighbourhoodPoints: gnfPoints,
                                                         lime: TabularLIME(samples: limeSamples)),
                           recipeDescription: loaded.provenance)
        let report = try run.run(on: loaded.dataset) { progress.epoch($0); return .proceed }
        progress.finish(String(format: "%d epochs (best %d), %.1f s", report.timings.epochs,
                               report.timings.bestEpoch, report.timings.trainingSeconds))
        let encoded = try report.json()
        if let output {
            do { try encoded.write(to: URL(fileURLWithPath: output)) } catch {
                throw ValidationError("cannot write --output \(output): \(error.localizedDescription)")
            }
        }
        if json {
            FileHandle.standardOutput.write(encoded)
            FileHandle.standardOutput.write("\n")
        } else {
            print(ReportTable(report).render())
            if let output { print("result written to \(output)") }
        }
    }
}
