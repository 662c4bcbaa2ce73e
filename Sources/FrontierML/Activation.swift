import CKernels
import Foundation

/// Element-wise non-linearity of a hidden layer.
public enum Activation: String, Codable, Sendable, CaseIterable {
    case relu
    case sigmoid
    case tanh
    case identity

    /// Applies the activation in place.
    public func apply(_ x: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .relu: frontier_relu(x.baseAddress!, x.count)
        case .sigmoid: for i in x.indices { x[i] = Activation.sigmoid(x[i]) }
        case .tanh: for i in x.indices { x[i] = Foundation.tanh(x[i]) }
        case .identity: break
        }
    }

    /// Multiplies `gradient` in place by the derivative, expressed through the
    /// activation's output `y` (all four derivatives can be), so the forward pass
    /// need keep only its outputs.
    public func backprop(output y: UnsafeBufferPointer<Float>, gradient g: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .relu: frontier_relu_backward(y.baseAddress!, g.baseAddress!, g.count)
        case .sigmoid: for i in g.indices { g[i] *= y[i] * (1 - y[i]) }
        case .tanh: for i in g.indices { g[i] *= 1 - y[i] * y[i] }
        case .identity: break
        }
    }

    /// Numerically stable logistic function.
    @inlinable
    public static func sigmoid(_ z: Float) -> Float {
        if z >= 0 { return 1 / (1 + Foundation.exp(-z)) }
        let e = Foundation.exp(z)
        return e / (1 + e)
    }
}
