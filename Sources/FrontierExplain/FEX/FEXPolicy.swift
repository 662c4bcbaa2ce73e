import FrontierML

/// A trained FEX explainer g(x): an MLP whose outputs are the logits of a factorised
/// Bernoulli distribution q(m | x) over the feature groups, one head of G logits per model
/// output (head k explains output k). The attribution of a group is q's probability of
/// keeping it; every feature of the group carries it. Explaining a row is one forward pass.
///
/// It is a value: JSON-encodable (architecture, parameters, groups) so a model file can
/// hold it beside the model it explains.
public struct FEXPolicy: Sendable {
    /// The network g; training updates its parameters in place.
    public internal(set) var network: MLP
    public let groups: FeatureGroups
    /// Heads: the explained model's outputs.
    public let outputCount: Int

    /// A policy from its parts; the network must read the groups' features and give one
    /// head of `groups.count` logits per output.
    public init(network: MLP, groups: FeatureGroups, outputCount: Int) throws(ExplainError) {
        let a = network.architecture
        guard outputCount >= 1, a.outputWidth == outputCount * groups.count else {
            throw ExplainError("fex policy: the network gives \(a.outputWidth) logits, \(outputCount) outputs x \(groups.count) groups need \(outputCount * groups.count)")
        }
        guard a.inputWidth == groups.featureCount else {
            throw ExplainError("fex policy: the network reads \(a.inputWidth) features, the groups cover \(groups.featureCount)")
        }
        self.network = network
        self.groups = groups
        self.outputCount = outputCount
    }

    /// A fresh policy: hidden layers Glorot-uniform (suited to tanh), the output layer's
    /// weights scaled down a hundredfold and its biases zero, so every group starts kept
    /// with probability close to 1/2 (the most uncertain policy, as PPO implementations
    /// start their policy heads near zero).
    static func initial(groups: FeatureGroups, outputCount: Int, settings: FEXSettings,
                        generator: inout SeededGenerator) -> FEXPolicy {
        let architecture = MLPArchitecture(inputWidth: groups.featureCount, hiddenWidths: settings.hiddenWidths,
                                           outputWidth: outputCount * groups.count, hiddenActivation: settings.activation)
        var network = MLP(architecture, initialisation: .glorotUniform, generator: &generator)
        let head = architecture.layout.last!
        for i in head.weights..<(head.weights + head.inputs * head.outputs) { network.parameters[i] *= 0.01 }
        return try! FEXPolicy(network: network, groups: groups, outputCount: outputCount)
    }

    /// The explained heads' logits (`rows x G`) out of the network's full output.
    func headLogits(_ output: Matrix, outputs: [Int]) -> Matrix {
        let g = groups.count
        var out = Matrix(rows: output.rows, cols: g)
        for r in 0..<output.rows {
            let start = r * output.cols + outputs[r] * g
            out.scalars.replaceSubrange((r * g)..<((r + 1) * g), with: output.scalars[start..<(start + g)])
        }
        return out
    }

    /// The network's output gradient with `gradient` (`rows x G`) in each row's explained head.
    func outputGradient(_ gradient: Matrix, outputs: [Int]) -> Matrix {
        let g = groups.count
        var out = Matrix(rows: gradient.rows, cols: network.architecture.outputWidth)
        for r in 0..<gradient.rows {
            let start = r * out.cols + outputs[r] * g
            out.scalars.replaceSubrange(start..<(start + g), with: gradient.row(r))
        }
        return out
    }

    /// Logits of q(m | x) for the output each row explains (`rows x G`).
    public func logits(_ rows: Matrix, outputs: [Int]) -> Matrix {
        headLogits(network(rows), outputs: outputs)
    }

    /// q's probability of keeping each group (`rows x G`): the group attributions.
    public func keepProbabilities(_ rows: Matrix, outputs: [Int]) -> Matrix {
        logits(rows, outputs: outputs).map(Activation.sigmoid)
    }

    /// The attributions of every feature (`rows x D`): its group's keep probability.
    public func attributions(_ rows: Matrix, outputs: [Int]) -> Matrix {
        attributions(networkOutput: network(rows), outputs: outputs)
    }

    /// `attributions` from the network's full output on the rows (one forward pass serves
    /// every output explained).
    func attributions(networkOutput: Matrix, outputs: [Int]) -> Matrix {
        let p = headLogits(networkOutput, outputs: outputs).map(Activation.sigmoid)
        let d = groups.featureCount, g = groups.count
        var out = Matrix(rows: networkOutput.rows, cols: d)
        for r in 0..<networkOutput.rows {
            for f in 0..<d { out.scalars[r * d + f] = p.scalars[r * g + groups.groupOfFeature[f]] }
        }
        return out
    }
}

extension FEXPolicy: Codable, Equatable {
    enum CodingKeys: String, CodingKey {
        case inputWidth = "input_width", hiddenWidths = "hidden_widths", activation, outputWidth = "output_width"
        case parameters, groups, outputCount = "output_count"
    }

    /// Reads a policy a file holds, refusing shapes that do not fit together.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let input = try c.decode(Int.self, forKey: .inputWidth), output = try c.decode(Int.self, forKey: .outputWidth)
        let hidden = try c.decode([Int].self, forKey: .hiddenWidths)
        guard input > 0, output > 0, hidden.allSatisfy({ $0 > 0 }) else {
            throw DecodingError.dataCorruptedError(forKey: .hiddenWidths, in: c, debugDescription: "layer widths must be positive")
        }
        let architecture = MLPArchitecture(inputWidth: input, hiddenWidths: hidden, outputWidth: output,
                                           hiddenActivation: try c.decode(Activation.self, forKey: .activation))
        let parameters = try c.decode([Float].self, forKey: .parameters)
        guard parameters.count == architecture.parameterCount, parameters.allSatisfy(\.isFinite) else {
            throw DecodingError.dataCorruptedError(forKey: .parameters, in: c, debugDescription:
                "expected \(architecture.parameterCount) finite parameters, got \(parameters.count)")
        }
        do {
            try self.init(network: MLP(architecture, parameters: parameters), groups: try c.decode(FeatureGroups.self, forKey: .groups),
                          outputCount: try c.decode(Int.self, forKey: .outputCount))
        } catch let error as ExplainError {
            throw DecodingError.dataCorruptedError(forKey: .outputCount, in: c, debugDescription: error.description)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let a = network.architecture
        try c.encode(a.inputWidth, forKey: .inputWidth)
        try c.encode(a.hiddenWidths, forKey: .hiddenWidths)
        try c.encode(a.hiddenActivation, forKey: .activation)
        try c.encode(a.outputWidth, forKey: .outputWidth)
        try c.encode(network.parameters, forKey: .parameters)
        try c.encode(groups, forKey: .groups)
        try c.encode(outputCount, forKey: .outputCount)
    }

    public static func == (a: FEXPolicy, b: FEXPolicy) -> Bool {
        a.network.architecture == b.network.architecture && a.network.parameters == b.network.parameters
            && a.groups == b.groups && a.outputCount == b.outputCount
    }
}
