import ArgumentParser

@main
struct Frontier: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontier",
        abstract: "Train models for accuracy and explainability at once, and map the trade-off.",
        discussion: """
        Frontier trains a black-box network f together with a linear surrogate g whose \
        coefficients are the global explanation, and reports where each run lands on the \
        accuracy-versus-fidelity plane.

        Examples:
          frontier train                                   # joint f/g on a built-in synthetic dataset
          frontier train --dataset adult --method joint --alpha 0.3 --seed 1
          frontier datasets                                # recipes, files, and whether they were found
          frontier bench train --dataset adult             # seconds per epoch and peak memory
        """,
        version: "0.1.0",
        subcommands: [TrainCommand.self, DatasetsCommand.self, CoordinatorCommand.self, WorkerCommand.self,
                      SweepCommand.self, TailCommand.self, KeysCommand.self, BenchCommand.self, ReproduceCommand.self,
                      PredictCommand.self, ExplainCommand.self, PlotCommand.self]
    )

    /// Parses and runs the command; errors exit with the status `ExitCodes` gives them.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if let (status, message) = ExitCodes.classify(error) { ExitCodes.exit(status, message) }
            exit(withError: error)
        }
    }
}
