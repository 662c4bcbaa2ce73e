import Foundation
import Testing
import FrontierML
import FrontierSettings
@testable import FrontierMethods

@Suite("Training methods as plug-ins")
struct TrainingMethodTests {
    static let toy = Dataset(name: "toy", task: .binaryClassification, featureNames: ["a", "b", "c"],
                             train: toyClassification(rows: 600, seed: 4), test: toyClassification(rows: 300, seed: 5))

    @Test("Joint training at small alpha makes g faithful to f on held-out data")
    func smallAlphaIsFaithful() throws {
        let common: [String: SettingValue] = ["hidden": .list([.number(32), .number(16)]), "epochs": .number(20),
                                              "learning_rate": .number(3e-3)]
        let stl = try MethodRun(method: SingleTaskMethod(), tree: .map(common), at: "", seed: 3).run(on: Self.toy)
        let joint = try MethodRun(method: JointMethod(), tree: .map(common.merging(["alpha": .number(0.1)]) { $1 }),
                                  at: "", seed: 3).run(on: Self.toy)
        #expect(joint.metrics.globalFidelity < 0.5 * stl.metrics.globalFidelity,
                "joint GF \(joint.metrics.globalFidelity) vs STL GF \(stl.metrics.globalFidelity)")
        #expect(stl.metrics.blackBox.accuracy! > 0.75)
        // Alpha stays the Double the user wrote, from settings to report to point.
        #expect(joint.point.parameters == ["alpha": 0.1])
        #expect(joint.provenance.settings.mapValue?["alpha"] == .number(0.1))
        #expect(String(decoding: try joint.json(), as: UTF8.self).contains("\"alpha\" : 0.1\n"))
        #expect(stl.point.parameters.isEmpty)
    }

    @Test("A run cancelled by its progress handler throws a cancellation and skips evaluation")
    func cancelledRunSkipsEvaluation() throws {
        let run = try MethodRun(method: JointMethod(), tree: .map(["hidden": .list([.number(8)]), "epochs": .number(5)]),
                                at: "", seed: 3)
        var epochs = 0
        #expect {
            try run.run(on: Self.toy) { _ in
                epochs += 1
                return epochs == 2 ? .cancel : .proceed
            }
        } throws: { error in
            (error as? MethodError)?.isCancellation == true && "\(error)" == "cancelled after 2 epochs"
        }
        #expect(epochs == 2)
        #expect(MethodError("bad").isCancellation == false)
    }

    @Test("Bad settings are refused with the field's path",
          arguments: [
            (SettingValue.map(["alpha": .number(1)]), "s.alpha"),
            (.map(["alpha": .number(0)]), "s.alpha"),
            (.map(["alpha": .string("high")]), "s.alpha"),
            (.map(["hidden": .list([.number(0)])]), "s.hidden[0]"),
            (.map(["hiden": .list([.number(8)])]), "s.hiden"),
            (.map(["init": .string("xavier")]), "s.init"),
            (.map(["surrogate_start": .string("random")]), "s.surrogate_start"),
            (.map(["validation_fraction": .number(0.95)]), "s.validation_fraction"),
            (.list([]), "s"),
          ])
    func badSettings(tree: SettingValue, path: String) {
        #expect { try JointMethod.Settings.read(tree, at: "s") } throws: { ($0 as? SettingsError)?.path == path }
    }

    @Test("Defaults live in the settings type: an empty tree reads as the paper's recipe, and a tree reads back to itself")
    func defaultsAndRoundTrip() throws {
        let joint = try JointMethod.Settings.read(.null, at: "")
        #expect(joint.network.hidden == [512, 256, 128] && joint.network.epochs == 100 && joint.network.batchSize == 32)
        #expect(joint.network.learningRate == 0.001 && joint.network.initialisation == .glorotUniform)
        #expect(joint.alpha == 0.5 && joint.surrogateStart == .linearFit)
        let custom = try JointMethod.Settings.read(.map(["alpha": .number(0.3), "hidden": .list([.number(4)]),
                                                         "init": .string("he")]), at: "")
        #expect(try JointMethod.Settings.read(custom.tree, at: "") == custom)
        #expect(custom.tree.mapValue?["learning_rate"] == .number(0.001))
    }

    @Test("The registry knows each method's settings, so shared sweep settings reach only the methods that read them")
    func registry() throws {
        let registry = MethodRegistry.standard
        #expect(registry.names == ["bilevel", "epo", "joint", "linear", "mgda", "stch", "stl"])
        #expect(registry["joint"]!.knownSettings.isSuperset(of: ["alpha", "hidden", "surrogate_start", "epochs"]))
        #expect(!registry["stl"]!.knownSettings.contains("alpha"))
        #expect(registry["joint"]!.sweepableSettings.keys.sorted() == ["alpha", "width_multiplier"])
        #expect(registry["epo"]!.sweepableSettings.keys.sorted() == ["ray", "width_multiplier"])
        #expect(registry["linear"]!.sweepableSettings.keys.sorted() == ["l2"])
        #expect { try registry.method(named: "jiont") } throws: {
            "\($0)".contains("unknown method 'jiont'; known methods: bilevel, epo, joint, linear, mgda, stch, stl")
        }
    }

    @Test("The linear baseline is the closed-form fit: logistic regression (IRLS) here, with its l2 and no network settings")
    func linearClosedForm() throws {
        let run = try MethodRun(method: LinearMethod(), tree: .map(["l2": .number(0.5)]), at: "", seed: 1)
        let report = try run.run(on: Self.toy)
        let fit = LinearFit.logistic(Self.toy.train.features, labels: Self.toy.train.targets.scalars.map { Int($0) }, l2: 0.5)
        let g = report.explanation[0]
        #expect(abs(Double(g.intercept) - fit.intercept) < 1e-6)
        for (term, weight) in zip(g.terms, fit.weights) { #expect(abs(Double(term.weight) - weight) < 1e-6) }
        #expect(report.timings.epochs == 0 && report.timings.medianEpochSeconds == nil && report.metrics.globalFidelity == 0)
        #expect(LinearMethod().knownSettings == ["l2"])
        #expect { try LinearMethod.Settings.read(.map(["hidden": .list([.number(8)])]), at: "") } throws: {
            ($0 as? SettingsError)?.path == "hidden"
        }
    }
}
