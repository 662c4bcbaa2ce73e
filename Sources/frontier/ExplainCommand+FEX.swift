import ArgumentParser
import Foundation
import FrontierData
import FrontierExplain
import FrontierJobs
import FrontierML
import FrontierModels

extension ExplainCommand {
    /// `--explainer fex` learns before it explains: the policy for these settings and seed is
    /// read from beside the model (`<model>/explainers/fex-<key>/`), or trained with PPO on the
    /// model's training rows and kept there, so the next run explains at once. The explanation's
    /// cost is then explaining alone; training is reported on standard error. A model trained
    /// here without --save-model has nowhere to keep it: the policy is trained and used once.
    func fexExplainer(_ settings: FEXSettings, source: ModelSource, network: NetworkModel,
                      context: ExplanationContext) throws -> FEX {
        let saved = source.model
        let seed = self.seed ?? saved.metadata.seed
        let train = { () throws -> FEXTraining in
            var learning = context
            learning.trainingRows = try self.trainingRows(source)
            let progress = ProgressDisplay(label: "fex \(saved.metadata.dataset.name)", quiet: self.quiet || self.json)
            let training = try FEXTrainer(settings: settings).train(model: network, context: learning,
                                                                    generator: SeededGenerator(seed: seed).derived("fex")) {
                progress.step($0.epoch, of: $0.maxEpochs, String(format: "validation score %.4f  keep %.3f  %.2fs",
                                                                 $0.validationScore, $0.meanKeepProbability, $0.seconds),
                              improved: $0.improved)
                return .proceed
            }
            let h = training.history
            progress.finish(String(format: "trained the explainer: %d epochs (best %d), %.1f s, %d model evaluations",
                                   h.epochs.count, h.bestEpoch, h.seconds, h.usage.modelEvaluations))
            return training
        }
        guard let directory = source.reference?.directory, let checksum = source.reference?.checksum else {
            return FEX(policy: try train().policy, settings: settings)
        }
        let kept = try FEXPolicyFiles.policy(for: FEXPolicyKey(modelChecksum: checksum, settings: settings, seed: seed),
                                             modelDirectory: directory, train: train)
        if !kept.trained, !quiet, !json {
            FileHandle.standardError.write(Data("fex: explainer read from \(kept.directory)\n".utf8))
        }
        return FEX(policy: kept.policy, settings: settings)
    }

    /// The model's training rows: the prepared split when it was trained here, else the
    /// recipe's training rows read from --data-dir, which must give the model's own preprocessing.
    func trainingRows(_ source: ModelSource) throws -> Matrix {
        if let prepared = source.prepared { return prepared.dataset.train.features }
        let saved = source.model
        let loaded: DatasetCatalog.Loaded
        do {
            loaded = try DatasetSource.read(saved.metadata.dataset.recipe, at: "dataset.recipe")
                .load(baseDirectory: data.resolvedDirectory)
        } catch {
            throw RuntimeFailure("fex learns from the model's training rows (dataset \(saved.metadata.dataset.name), "
                                 + "from \(data.resolvedDirectory)): \(error)")
        }
        guard loaded.preprocessing == saved.metadata.preprocessing else {
            throw RuntimeFailure("fex learns from the model's training rows, but dataset \(saved.metadata.dataset.name) read from "
                                 + "\(data.resolvedDirectory) does not give the preprocessing the model was fitted with")
        }
        return loaded.dataset.train.features
    }
}
