import FrontierML
import FrontierSupport

/// An explanation method: attributions for a batch of rows of a model.
///
/// An explainer is one file: a type with its `Settings`, its `attribute` and one line in
/// `Explainers.registry`. It reads the model only through `MeteredModel` (so its cost is
/// counted), draws randomness only from the generator it is given (so a seed fixes its
/// result), and evaluates its perturbations in as few batched model calls as it can.
public protocol Explainer: Plugin {
    /// What its attributions mean.
    var kind: AttributionKind { get }

    /// Attributions of `rows` (`N x D`), one set per entry of `outputs`; `outputs[s][n]`
    /// is the output row n explains in set s.
    func attribute(_ rows: Matrix, explaining outputs: [[Int]], model: inout MeteredModel,
                   context: ExplanationContext, generator: inout SeededGenerator) throws(ExplainError) -> [Attributions]
}

extension Explainer {
    /// Explains `rows` of `model`: checks the input, resolves which outputs to explain
    /// (by default the class f predicts), runs the explainer and measures its cost.
    public func explain(_ rows: Matrix, model: any ExplainableModel, context: ExplanationContext,
                        output: ExplainedOutput = .predicted, generator: inout SeededGenerator,
                        chunkRows: Int = MeteredModel.defaultChunkRows) throws(ExplainError) -> Explanation {
        try Self.check(rows, model: model, context: context)
        let memory = ProcessMemory.read()
        let watch = Stopwatch()
        var metered = MeteredModel(model, chunkRows: chunkRows)
        let outputs = try output.resolve(rows, model: &metered)
        let attributions = try attribute(rows, explaining: outputs, model: &metered, context: context, generator: &generator)
        let cost = ExplanationCost(rows: rows.rows, usage: metered.usage, wallSeconds: watch.seconds,
                                   residentBytesAtStart: memory?.current, peakResidentBytes: ProcessMemory.read()?.peak)
        return Explanation(explainer: Self.name, attributions: attributions, cost: cost)
    }

    /// Rows, model and context must agree on the features, and rows must be finite.
    static func check(_ rows: Matrix, model: any ExplainableModel, context: ExplanationContext) throws(ExplainError) {
        guard rows.cols == model.inputWidth else {
            throw ExplainError("\(name): rows have \(rows.cols) features, the model reads \(model.inputWidth)")
        }
        guard context.featureCount == model.inputWidth else {
            throw ExplainError("\(name): the context has \(context.featureCount) features, the model reads \(model.inputWidth)")
        }
        if let bad = rows.scalars.firstIndex(where: { !$0.isFinite }) {
            throw ExplainError("\(name): row \(bad / rows.cols), feature \(bad % rows.cols) is \(rows.scalars[bad])")
        }
    }
}

/// The explainers Frontier knows, by registry name.
public enum Explainers {
    public static let registry = PluginRegistry<any Explainer>("explainer", [
        .init(LIME.self),
        .init(KernelSHAP.self),
        .init(Saliency.self),
        .init(GradientTimesInput.self),
        .init(SmoothGrad.self),
        .init(IntegratedGradients.self),
        .init(LinearExplainer.self),
        .init(FEX.self),
        .init(POEExplainer.self),
        .init(AGG.self),
        .init(MOFAE.self),
    ])
}

extension PluginRegistry.Entry where Made == any Explainer {
    /// The registry entry of explainer type `type`.
    public init<E: Explainer>(_ type: E.Type) {
        self.init(type, wrap: { $0 })
    }
}
