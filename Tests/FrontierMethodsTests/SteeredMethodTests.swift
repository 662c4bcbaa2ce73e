import Foundation
import Testing
import FrontierML
import FrontierSettings
@testable import FrontierMethods

@Suite("MGDA and EPO: steered joint training")
struct SteeredMethodTests {
    static let toy = TrainingMethodTests.toy
    static let small: [String: SettingValue] = ["hidden": .list([.number(32), .number(16)]), "epochs": .number(30),
                                                "learning_rate": .number(3e-3)]

    static func run(_ method: any TrainingMethod, _ extra: [String: SettingValue] = [:], seed: UInt64 = 3) throws -> RunReport {
        try MethodRun(method: method, tree: .map(small.merging(extra) { $1 }.merging(["latency_passes": .number(20)]) { $1 }),
                      at: "", seed: seed).run(on: toy)
    }

    /// Both losses of `model` on the toy training split, normalised by the scales in `diagnostics`.
    static func normalisedLosses(_ diagnostics: [String: Double], _ model: ExplainedModel) -> (Double, Double) {
        let losses = JointLosses(task: toy.task, fidelitySpace: .auto)
        let v = losses.values(f: model.f, g: model.g, on: toy.train)
        return ((v.prediction - diagnostics["prediction_ideal"]!) / diagnostics["prediction_range"]!,
                (v.fidelity - diagnostics["fidelity_ideal"]!) / diagnostics["fidelity_range"]!)
    }

    @Test("EPO's rays order the runs along the front: a larger ray, a better error and a worse GF")
    func epoRaysOrderTheFront() throws {
        let low = try Self.run(EPOMethod(), ["ray": .number(0.1)])
        let high = try Self.run(EPOMethod(), ["ray": .number(0.9)])
        let stl = try Self.run(SingleTaskMethod())
        #expect(low.metrics.globalFidelity < high.metrics.globalFidelity,
                "GF at ray 0.1 \(low.metrics.globalFidelity), at 0.9 \(high.metrics.globalFidelity)")
        #expect(low.metrics.globalFidelity < 0.25 * stl.metrics.globalFidelity)
        #expect(high.metrics.blackBox.accuracy! >= low.metrics.blackBox.accuracy! - 0.01)
        #expect(low.point.parameters == ["ray": 0.1])
        // The anchor normalisation started from the STL run and recorded its scales.
        let d = try #require(low.diagnostics)
        #expect(d["anchor_epochs"]! >= 1 && d["prediction_range"]! > 0 && d["fidelity_range"]! > 0)
        #expect(low.timings.epochs == low.history.count && low.history.count > Int(d["anchor_epochs"]!))
        #expect(low.history.map(\.epoch) == Array(1...low.history.count))
    }

    @Test("STCH's defaults (fresh start, smoothing 1) order the runs along the front too, and still read the anchor's scales")
    func stchRaysOrderTheFront() throws {
        let low = try Self.run(TchebycheffMethod(), ["ray": .number(0.1)])
        let high = try Self.run(TchebycheffMethod(), ["ray": .number(0.9)])
        #expect(low.metrics.globalFidelity < 0.5 * high.metrics.globalFidelity,
                "GF at ray 0.1 \(low.metrics.globalFidelity), at 0.9 \(high.metrics.globalFidelity)")
        #expect(high.metrics.blackBox.accuracy! >= low.metrics.blackBox.accuracy! - 0.01)
        let d = try #require(low.diagnostics)
        #expect(d["anchor_epochs"]! >= 1 && d["prediction_range"]! > 0 && d["fidelity_range"]! > 0)
    }

    @Test("EPO and STCH end near their ray: ray · l_prediction ≈ (1 − ray) · l_fidelity on the training split",
          arguments: ["epo", "stch"], [0.3, 0.7])
    func landsOnRay(method name: String, ray: Double) throws {
        let method = try #require(MethodRegistry.standard[name])
        // STCH lands on its ray with a small smoothing from the anchor (its defaults trace fronts instead).
        let landing: [String: SettingValue] = name == "stch" ? ["smoothing": .number(0.01), "steering_start": .string("anchor")] : [:]
        var reader = try SettingsReader(.map(Self.small.merging(["ray": .number(ray)]) { $1 }.merging(landing) { $1 }), at: "")
        let fitted = try method.fit(anySettings: try method.readSettings(&reader), seed: 3, on: Self.toy) { _ in .proceed }
        let (lp, lf) = Self.normalisedLosses(fitted.diagnostics, fitted.model)
        let (a, b) = (ray * max(lp, 0), (1 - ray) * lf)
        #expect(abs(a - b) < 0.35 * max(a, b), "\(name) ray \(ray): r1 lp = \(a), r2 lf = \(b)")
        // Only EPO has a balance mode to report.
        #expect((fitted.diagnostics["balance_step_fraction"] != nil) == (name == "epo"))
    }

    /// The toy data's `anchors` start with the small network, seed 3, and what it was made with.
    static func anchoredStart(_ start: SteeringSettings.Start = .anchor) throws
        -> (start: SteeringStart, network: NetworkSettings, losses: JointLosses) {
        let network = try NetworkSettings.read(.map(small), at: "")
        let losses = JointLosses(task: toy.task, fidelitySpace: .auto)
        let prepared = try SteeringStart.prepare(normalisation: .anchors, start: start, surrogate: SurrogateSettings(),
                                                 network: network, seed: 3, dataset: toy, losses: losses) { _ in .proceed }
        return (prepared, network, losses)
    }

    @Test("steering_start fresh draws f anew but keeps the anchor's scales")
    func freshStart() throws {
        let anchored = try Self.anchoredStart().start
        let (fresh, network, _) = try Self.anchoredStart(.fresh)
        var generator = SeededGenerator(seed: 3).derived("init")
        let drawn = SurrogateSettings().initialModels(network: network, dataset: Self.toy, generator: &generator)
        #expect(fresh.f.parameters == drawn.f.parameters && fresh.g.parameters == drawn.g.parameters)
        #expect(fresh.f.parameters != anchored.f.parameters)
        #expect(fresh.scales == anchored.scales && fresh.anchor?.parameters == anchored.f.parameters)
    }

    @Test("The anchor phase is the stl baseline's run, bit for bit, and g starts at its best response")
    func anchorsAreTheSTLRun() throws {
        let (start, network, losses) = try Self.anchoredStart()
        let stl = try SingleTaskMethod().fit(.init(network: network), seed: 3, on: Self.toy) { _ in .proceed }
        #expect(start.f.parameters == stl.model.f.parameters)
        let epochs = { (h: TrainingHistory?) in h?.epochs.map { [Float($0.epoch), $0.trainingLoss, $0.validationLoss] } }
        #expect(epochs(start.anchorHistory) == epochs(stl.history) && start.anchorHistory?.bestEpoch == stl.history.bestEpoch)
        #expect(start.g.parameters == SurrogateBestResponse.fit(to: stl.model.f, on: Self.toy.train.features, losses: losses).parameters)
        let ends = losses.values(f: stl.model.f, g: start.g, on: Self.toy.train)
        #expect(start.scales.prediction.ideal == ends.prediction && start.scales.fidelity.range == ends.fidelity)
        #expect(start.scales.fidelity.ideal == 0 && start.scales.prediction.range > 0)
    }

    @Test("An anchor from the cache starts a run exactly where training it would; another seed or data misses")
    func cachedAnchorIsTheTrainedOne() throws {
        let network = try NetworkSettings.read(.map(Self.small), at: "")
        let losses = JointLosses(task: Self.toy.task, fidelitySpace: .auto)
        let cache = AnchorCache(capacity: 2)
        let prepare = { (seed: UInt64, dataset: Dataset) throws in
            try SteeringStart.prepare(normalisation: .anchors, surrogate: SurrogateSettings(), network: network,
                                      seed: seed, dataset: dataset, losses: losses, anchors: cache) { _ in .proceed }
        }
        let trained = try prepare(5, Self.toy)
        let reused = try prepare(5, Self.toy)
        #expect(!trained.anchorCached && reused.anchorCached)
        #expect(reused.f.parameters == trained.f.parameters && reused.g.parameters == trained.g.parameters)
        #expect(reused.scales.prediction.ideal == trained.scales.prediction.ideal
                && reused.scales.prediction.range == trained.scales.prediction.range
                && reused.scales.fidelity.range == trained.scales.fidelity.range)
        #expect(reused.anchorHistory?.epochs.count == trained.anchorHistory?.epochs.count)
        // The reusing run spent no time on the anchor.
        #expect(reused.anchorHistory?.seconds == 0 && (trained.anchorHistory?.seconds ?? 0) > 0)
        #expect(try !prepare(6, Self.toy).anchorCached)
        var shifted = Self.toy
        shifted.train.features.scalars[0] += 1
        #expect(try !prepare(5, shifted).anchorCached)
    }

    @Test("MGDA on the raw losses ends Pareto-stationary: the minimum-norm combination of the full-batch gradients has shrunk")
    func mgdaIsParetoStationary() throws {
        // The raw losses, so the early-stopping monitor (their sum) and the steps' metric agree;
        // with the default normalisation the sum can rise while MGDA trades one loss for the other,
        // and early stopping then keeps an early epoch (docs/moo.md).
        let settings = try MGDAMethod.Settings.read(.map(Self.small.merging(["normalisation": .string("none")]) { $1 }), at: "")
        let fitted = try MGDAMethod().fit(settings, seed: 3, on: Self.toy) { _ in .proceed }
        var initGenerator = SeededGenerator(seed: 3).derived("init")
        let (f0, g0) = SurrogateSettings().initialModels(network: settings.network, dataset: Self.toy, generator: &initGenerator)
        let losses = JointLosses(task: Self.toy.task, fidelitySpace: .auto)
        func minimumNorm(_ f: MLP, _ g: MLP) -> Double {
            let tape = f.forward(Self.toy.train.features)
            let t = losses.evaluate(fRaw: tape.output, gRaw: g(Self.toy.train.features), targets: Self.toy.train.targets,
                                    wantGradient: true)
            var gp: [Float] = [], gf: [Float] = []
            f.backward(tape, outputGradient: t.predictionGradientF!, into: &gp)
            f.backward(tape, outputGradient: t.fidelityGradientF!, into: &gf)
            let gram = GradientGram(gp, gf)
            return gram.squaredNorm(weight: MinimumNormCombination.weight(gram)).squareRoot()
        }
        let before = minimumNorm(f0, g0), after = minimumNorm(fitted.model.f, fitted.model.g)
        #expect(after < 0.2 * before, "|d| at the start \(before), at the end \(after)")
        let mean = try #require(fitted.diagnostics["mean_prediction_weight"])
        #expect(mean >= 0 && mean <= 1)
    }

    @Test("MGDA with its default normalisation makes g more faithful than the single-task baseline's")
    func mgdaBeatsSTLOnFidelity() throws {
        let mgda = try Self.run(MGDAMethod())
        let stl = try Self.run(SingleTaskMethod())
        #expect(mgda.metrics.globalFidelity < stl.metrics.globalFidelity,
                "MGDA GF \(mgda.metrics.globalFidelity), STL GF \(stl.metrics.globalFidelity)")
        #expect(mgda.provenance.settings.mapValue?["normalisation"] == .string("initial"))
    }

    @Test("MGDA and EPO are deterministic: the same seed gives the same models")
    func deterministic() throws {
        for method in [MGDAMethod() as any TrainingMethod, EPOMethod(), TchebycheffMethod()] {
            var reader = try SettingsReader(.map(Self.small.merging(["epochs": .number(3)]) { $1 }), at: "")
            let settings = try method.readSettings(&reader)
            let a = try method.fit(anySettings: settings, seed: 7, on: Self.toy) { _ in .proceed }
            let b = try method.fit(anySettings: settings, seed: 7, on: Self.toy) { _ in .proceed }
            #expect(a.model.f.parameters == b.model.f.parameters && a.model.g.parameters == b.model.g.parameters)
        }
    }

    @Test("Early stopping watches what each rule descends: STCH its smoothed value, EPO the Chebyshev value, MGDA the sum")
    func monitors() {
        let (lp, lf) = (0.4, 0.2)
        let stch = SmoothTchebycheff(preference: 0.3, 0.7, smoothing: 1)
        #expect(SteeringRule.smoothTchebycheff(stch).monitor(lp, lf) == stch.value(lp, lf))
        // At μ 1 the smoothed value and the Chebyshev value are far apart (μ log 2 at most, 0.6 here).
        #expect(stch.value(lp, lf) - max(0.3 * lp, 0.7 * lf) > 0.5)
        let epo = ExactParetoDescent(preference: 0.3, 0.7)
        #expect(SteeringRule.exactPareto(epo).monitor(lp, lf) == max(0.3 * lp, 0.7 * lf))
        #expect(SteeringRule.minimumNorm.monitor(lp, lf) == lp + lf)
    }

    @Test("Settings: defaults, round trips and refusals name the field",
          arguments: [
            (SettingValue.map(["ray": .number(1)]), "s.ray"),
            (.map(["ray": .number(0)]), "s.ray"),
            (.map(["normalisation": .string("minmax")]), "s.normalisation"),
            (.map(["fidelity_space": .string("probabilities")]), "s.fidelity_space"),
            (.map(["alpha": .number(0.5)]), "s.alpha"),
          ])
    func badEPOSettings(tree: SettingValue, path: String) {
        #expect { try EPOMethod.Settings.read(tree, at: "s") } throws: { ($0 as? SettingsError)?.path == path }
    }

    @Test("STCH settings: refusals name the field",
          arguments: [
            (SettingValue.map(["ray": .number(1)]), "s.ray"),
            (.map(["smoothing": .number(0)]), "s.smoothing"),
            (.map(["steering_start": .string("warm")]), "s.steering_start"),
          ])
    func badTchebycheffSettings(tree: SettingValue, path: String) {
        #expect { try TchebycheffMethod.Settings.read(tree, at: "s") } throws: { ($0 as? SettingsError)?.path == path }
    }

    @Test("Defaults: EPO at ray 0.5 normalises by the anchors (by the start for multiclass), MGDA by the start")
    func defaults() throws {
        let epo = try EPOMethod.Settings.read(.null, at: "")
        #expect(epo.ray == 0.5 && epo.steering.normalisation == .auto && epo.network == NetworkSettings())
        #expect(LossNormalisation.auto.resolved(for: .binaryClassification) == .anchors)
        #expect(LossNormalisation.auto.resolved(for: .regression) == .anchors)
        #expect(LossNormalisation.auto.resolved(for: .multiclass(classes: 10)) == .initial)
        #expect(LossNormalisation.none.resolved(for: .multiclass(classes: 10)) == LossNormalisation.none)
        #expect(try EPOMethod.Settings.read(epo.tree, at: "") == epo)
        let mgda = try MGDAMethod.Settings.read(.map(["normalisation": .string("none")]), at: "")
        #expect(mgda.steering.normalisation == LossNormalisation.none)
        #expect(try MGDAMethod.Settings.read(.null, at: "").steering.normalisation == .initial)
        #expect(try MGDAMethod.Settings.read(mgda.tree, at: "") == mgda)
        #expect(EPOMethod().sweepableSettings.keys.sorted() == ["ray", "width_multiplier"])
        #expect(MGDAMethod().sweepableSettings.keys.sorted() == ["width_multiplier"])
        let stch = try TchebycheffMethod.Settings.read(.map(["smoothing": .number(0.05), "steering_start": .string("fresh")]), at: "")
        #expect(stch.ray == 0.5 && stch.smoothing == 0.05 && stch.steering.start == .fresh && stch.steering.normalisation == .auto)
        #expect(try TchebycheffMethod.Settings.read(stch.tree, at: "") == stch)
        let stchDefaults = try TchebycheffMethod.Settings.read(.null, at: "")
        #expect(stchDefaults.steering.start == .fresh && stchDefaults.smoothing == 1)
        #expect(try TchebycheffMethod.Settings.read(.map(["steering_start": .string("anchor")]), at: "").steering.start == .anchor)
        #expect(epo.steering.start == .anchor && mgda.steering.start == .anchor)
        #expect(TchebycheffMethod().sweepableSettings.keys.sorted() == ["ray", "width_multiplier"])
    }
}
