/// How a dense layer's weights are drawn before training.
public enum WeightInitialisation: String, Codable, CaseIterable, Sendable {
    /// Normal with standard deviation `sqrt(2 / fan_in)` (He et al., 2015): keeps
    /// the variance of ReLU activations constant through the layers.
    case heNormal = "he"
    /// Uniform on `±sqrt(6 / (fan_in + fan_out))` (Glorot and Bengio, 2010): Keras's
    /// default for dense layers, so what an unannotated Keras recipe used.
    case glorotUniform = "glorot"

    /// Fills `weights` (one layer's `fanIn x fanOut` matrix) with fresh draws.
    public func fill(_ weights: inout ArraySlice<Float>, fanIn: Int, fanOut: Int, generator: inout SeededGenerator) {
        switch self {
        case .heNormal:
            let std = (2 / Float(fanIn)).squareRoot()
            for i in weights.indices { weights[i] = std * Float(generator.nextNormal()) }
        case .glorotUniform:
            let limit = (6 / Float(fanIn + fanOut)).squareRoot()
            for i in weights.indices { weights[i] = limit * Float(2 * generator.nextUniform() - 1) }
        }
    }
}
