import FrontierML

/// A network as named tensors: dense layer l of network `name` is `name.layers.l.weight`
/// (`inputs x outputs`, row-major: a row times it plus the bias is the layer's output, as
/// numpy's `x @ W + b`) and `name.layers.l.bias` (`outputs`).
public enum NetworkTensors {
    static func weightName(_ network: String, layer: Int) -> String { "\(network).layers.\(layer).weight" }
    static func biasName(_ network: String, layer: Int) -> String { "\(network).layers.\(layer).bias" }

    /// The tensors of `mlp` under `name`.
    public static func tensors(of mlp: MLP, name: String) -> [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        for l in 0..<mlp.architecture.layerCount {
            let w = mlp.weights(layer: l)
            tensors[weightName(name, layer: l)] = Tensor(shape: [w.rows, w.cols], values: w.scalars)
            tensors[biasName(name, layer: l)] = Tensor(mlp.bias(layer: l))
        }
        return tensors
    }

    /// Network `name` with `architecture` from `tensors`, every shape checked.
    public static func network(_ name: String, architecture: MLPArchitecture, tensors: [String: Tensor],
                        source: String) throws(ModelFileError) -> MLP {
        var parameters: [Float] = []
        parameters.reserveCapacity(architecture.parameterCount)
        for (l, layer) in architecture.layout.enumerated() {
            for (tensorName, shape) in [(weightName(name, layer: l), [layer.inputs, layer.outputs]),
                                        (biasName(name, layer: l), [layer.outputs])] {
                guard let t = tensors[tensorName] else { throw ModelFileError(file: source, "has no tensor '\(tensorName)'") }
                guard t.shape == shape else {
                    throw ModelFileError(file: source, "tensor '\(tensorName)' has shape \(t.shape); the architecture needs \(shape)")
                }
                guard t.values.allSatisfy(\.isFinite) else { throw ModelFileError(file: source, "tensor '\(tensorName)' holds non-finite values") }
                parameters += t.values
            }
        }
        return MLP(architecture, parameters: parameters)
    }
}
