import CKernels
import Foundation

/// The Adam optimiser with bias correction (Kingma & Ba, 2015) over one flat
/// parameter vector.
///
/// Adam is element-wise, so a model made of several parameter vectors (f and g
/// in joint training) uses one `Adam` per vector with the same settings; that
/// is the same as a single optimiser over their concatenation.
public struct Adam: Sendable {
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    /// Keras's default (1e-7), matching the paper's recipe.
    public var epsilon: Float
    /// Number of updates applied so far.
    public private(set) var step: Int = 0
    private var m: [Float] = []
    private var v: [Float] = []

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Applies one update `parameters -= lr * mhat / (sqrt(vhat) + eps)`.
    public mutating func update(_ parameters: inout [Float], gradient: [Float]) {
        precondition(parameters.count == gradient.count, "Adam: parameter and gradient sizes differ")
        if m.count != parameters.count {
            m = [Float](repeating: 0, count: parameters.count)
            v = m
            step = 0
        }
        step += 1
        let b1 = beta1, b2 = beta2, eps = epsilon
        // Fold both bias corrections into the step size.
        let correction = (1 - Foundation.pow(Double(b2), Double(step))).squareRoot()
            / (1 - Foundation.pow(Double(b1), Double(step)))
        let lr = Float(Double(learningRate) * correction)
        let epsHat = eps * Float((1 - Foundation.pow(Double(b2), Double(step))).squareRoot())
        parameters.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                m.withUnsafeMutableBufferPointer { m in
                    v.withUnsafeMutableBufferPointer { v in
                        frontier_adam(p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!,
                                      p.count, b1, b2, lr, epsHat)
                    }
                }
            }
        }
    }
}
