import FrontierML

/// Where a steered (MGDA, EPO or STCH) run starts: f, g and the scales of the two losses,
/// as its `LossNormalisation` prescribes.
struct SteeringStart {
    var f: MLP
    var g: MLP
    var scales: LossScales
    /// The single-task training the `anchors` normalisation starts from, and its f; nil otherwise.
    var anchorHistory: TrainingHistory?
    var anchor: MLP?
    /// Whether the anchor came from `AnchorCache` (trained by an earlier run in this process).
    var anchorCached = false

    /// - `none`, `initial`: f freshly drawn and g at `surrogate.start` (the joint method's
    ///   start); `initial` then measures both losses on the training split.
    /// - `anchors`: the `stl` method's run (same seed, so the same f to the bit), g's best
    ///   response to that f; the losses' ideals and ranges are read off these two ends of
    ///   the front (see `LossNormalisation.anchors`), and the run continues from there, or
    ///   with `start` `.fresh` from a freshly drawn f and g (the anchor still sets the scales).
    static func prepare(normalisation: LossNormalisation, start: SteeringSettings.Start = .anchor,
                        surrogate: SurrogateSettings, network: NetworkSettings,
                        seed: UInt64, dataset: Dataset, losses: JointLosses, anchors: AnchorCache = .shared,
                        onEpoch: (EpochReport) -> TrainingControl) throws(MethodError) -> SteeringStart {
        let mode = normalisation.resolved(for: dataset.task)
        switch mode {
        case .none, .initial, .auto:  // `resolved` never gives `auto`
            var initGenerator = SeededGenerator(seed: seed).derived("init")
            let (f, g) = surrogate.initialModels(network: network, dataset: dataset, generator: &initGenerator)
            guard mode == .initial else {
                return SteeringStart(f: f, g: g, scales: .identity)
            }
            let start = losses.values(f: f, g: g, on: dataset.train)
            return SteeringStart(f: f, g: g, scales: LossScales(prediction: .relative(to: start.prediction),
                                                                fidelity: .relative(to: start.fidelity)))
        case .anchors:
            let key = AnchorCache.Key(network: network, seed: seed, task: dataset.task,
                                      training: DataFingerprint(dataset.train))
            let (stl, cached) = try anchors.anchor(for: key) { () throws(MethodError) in
                try SingleTaskMethod().fit(.init(network: network), seed: seed, on: dataset, onEpoch: onEpoch)
            }
            let f = stl.model.f
            let g = SurrogateBestResponse.fit(to: f, on: dataset.train.features, losses: losses)
            let predictionEnd = losses.values(f: f, g: g, on: dataset.train)
            var first = (f: f, g: g)
            if start == .fresh {
                var initGenerator = SeededGenerator(seed: seed).derived("init")
                first = surrogate.initialModels(network: network, dataset: dataset, generator: &initGenerator)
            }
            // f equal to the linear fit of the data: the fidelity end's prediction loss.
            var unused = SeededGenerator(seed: seed).derived("anchors")
            let linear = SurrogateStart.linearFit.initialSurrogate(
                .linear(inputWidth: dataset.featureCount, outputWidth: dataset.task.outputWidth),
                on: dataset.train, task: dataset.task, generator: &unused)
            let linearLoss = losses.values(f: linear, g: linear, on: dataset.train).prediction
            // A linear model that predicts as well as f leaves no range: keep 1% of its loss.
            let predictionRange = max(linearLoss - predictionEnd.prediction, 0.01 * abs(linearLoss), 1e-12)
            return SteeringStart(f: first.f, g: first.g,
                                 scales: LossScales(prediction: ObjectiveScale(ideal: predictionEnd.prediction,
                                                                               range: predictionRange),
                                                    fidelity: .relative(to: predictionEnd.fidelity)),
                                 anchorHistory: cached ? stl.history.reused : stl.history, anchor: f, anchorCached: cached)
        }
    }
}

extension TrainingHistory {
    /// This history as a run that reused it rather than trained it: its epochs, none of its time.
    var reused: TrainingHistory {
        var copy = self
        copy.seconds = 0
        return copy
    }

    /// This history followed by `next`'s epochs, numbered on from this one's, as one run.
    func followed(by next: TrainingHistory) -> TrainingHistory {
        var joined = next
        let offset = epochs.count
        joined.epochs = epochs + next.epochs.map { epoch in
            var renumbered = epoch
            renumbered.epoch += offset
            return renumbered
        }
        joined.bestEpoch = next.bestEpoch + offset
        joined.seconds = seconds + next.seconds
        joined.cancelled = cancelled || next.cancelled
        return joined
    }
}
