import Foundation
import Testing
import FrontierML
import FrontierSettings
@testable import FrontierExplain

@Suite("Registries and settings")
struct RegistryTests {
    @Test("Every explainer and metric is registered by its name and makes itself from its default settings")
    func registries() throws {
        #expect(Explainers.registry.names == ["agg", "fex", "gradient", "gradient_x_input", "integrated_gradients", "kernelshap",
                                              "lime", "linear", "mofae", "poe", "smoothgrad"])
        #expect(PropertyMetrics.registry.names == ["complexity_l1", "deletion_auc", "effective_features", "f_func", "f_grad",
                                                   "infidelity", "insertion_auc", "r_avg", "r_max", "smoothness", "spearman_agreement",
                                                   "top_k_agreement"])
        for name in Explainers.registry.names {
            let entry = Explainers.registry[name]!
            #expect(type(of: try Explainers.registry.make(name, settings: entry.defaultSettings)).name == name)
        }
        for name in PropertyMetrics.registry.names {
            #expect(type(of: try PropertyMetrics.registry.make(name)).name == name)
        }
    }

    @Test("Settings from a tree (YAML, JSON or options): absent keys keep defaults, snake_case keys, nested choices")
    func decoding() throws {
        let shap = try Explainers.registry.make("kernelshap", settings: try SettingValue.parse(yaml: "{samples: 500}"),
                                                at: "kernelshap") as! KernelSHAP
        #expect(shap.settings == KernelSHAP.Settings(samples: 500, exactUpTo: 12))
        let ig = try IntegratedGradients(tree: try SettingValue.parse(yaml: "{method: riemann_trapezoid, baseline: mean}"), at: "")
        #expect(ig.settings == IntegratedGradients.Settings(steps: 50, method: .riemannTrapezoid, baseline: .mean))
        let lime = try LIME(tree: .map(["kernel_width": .number(2.5), "samples": .number(300)]), at: "")
        #expect(lime.settings == LIME.Settings(samples: 300, kernelWidth: 2.5))
        let smooth = try SmoothGrad(tree: .map(["noise_scale": .string("absolute")]), at: "")
        #expect(smooth.settings.noiseScale == .absolute)
        #expect(String(decoding: KernelSHAP().settings.tree.canonicalJSON, as: UTF8.self) == #"{"exact_up_to":12}"#)
        #expect(Explainers.registry["kernelshap"]!.knownSettings == ["exact_up_to", "samples"])
    }

    @Test("Bad settings are refused with the field's path", arguments: [
        ("kernelshap", "{samples: 1}", "kernelshap.samples: must be at least 2 (got 1)"),
        ("kernelshap", "{sample: 10}", "kernelshap.sample: unknown field; known fields: exact_up_to, samples"),
        ("lime", "{samples: many}", "lime.samples: expected Int"),
        ("smoothgrad", "{noise_scale: huge}", "smoothgrad.noise_scale"),
        ("integrated_gradients", "{baseline: median}", "integrated_gradients.baseline"),
        ("lime", "[1, 2]", "lime: expected a map, found a list"),
        ("shapley", "{}", "shapley: unknown explainer 'shapley'"),
    ])
    func refusals(name: String, yaml: String, message: String) {
        do {
            _ = try Explainers.registry.make(name, settings: try SettingValue.parse(yaml: yaml), at: name)
            Issue.record("\(name) accepted \(yaml)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error)")
        }
    }

    @Test("Explaining checks the rows against the model and the context")
    func inputChecks() throws {
        let model = linearNetwork([1, 2, 3])
        var g = SeededGenerator(seed: 1)
        let context = sampleContext(randomMatrix(5, 3, &g))
        #expect(throws: ExplainError.self) { try Saliency().explain(Matrix(rows: 1, cols: 2), model: model, context: context, generator: &g) }
        let nan = Matrix([[1, .nan, 0]])
        do {
            _ = try Saliency().explain(nan, model: model, context: context, generator: &g)
            Issue.record("a NaN row was explained")
        } catch {
            #expect(error.description == "gradient: row 0, feature 1 is nan")
        }
        #expect(throws: ExplainError.self) { try KernelSHAP().explain(Matrix(rows: 1, cols: 3), model: model, context: context,
                                                                       output: .output(1), generator: &g) }
    }
}

@Suite("JSON forms")
struct JSONFormTests {
    @Test("The explained output reads and writes as \"predicted\", \"all\" or an index")
    func explainedOutput() throws {
        let decoded = try JSONDecoder().decode([ExplainedOutput].self, from: Data(#"["predicted", "all", 2]"#.utf8))
        #expect(decoded == [.predicted, .all, .output(2)])
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["predicted","all",2]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ExplainedOutput].self, from: Data(#"["first"]"#.utf8)) }
    }

    @Test("An explanation round-trips through JSON with snake_case keys")
    func explanation() throws {
        var g = SeededGenerator(seed: 1)
        let rows = randomMatrix(2, 3, &g)
        let e = try KernelSHAP().explain(rows, model: linearNetwork([1, 2, 3]), context: sampleContext(randomMatrix(9, 3, &g)),
                                         generator: &g)
        let json = try JSONEncoder().encode(e)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains(#""base_values""#) && text.contains(#""model_evaluations""#) && text.contains(#""wall_seconds""#))
        #expect(try JSONDecoder().decode(Explanation.self, from: json) == e)
    }
}
