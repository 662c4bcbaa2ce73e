import CKernels

/// Shape of a fully connected network: input width, hidden widths, output width
/// and the hidden activation. The output layer is always linear (it produces
/// logits or raw regression values; the loss applies the link function).
///
/// An architecture with no hidden layers is a linear model, which is how
/// Frontier represents the surrogate g and the linear baseline.
public struct MLPArchitecture: Codable, Equatable, Hashable, Sendable {
    public var inputWidth: Int
    public var hiddenWidths: [Int]
    public var outputWidth: Int
    public var hiddenActivation: Activation

    public init(inputWidth: Int, hiddenWidths: [Int], outputWidth: Int, hiddenActivation: Activation = .relu) {
        precondition(inputWidth > 0 && outputWidth > 0 && hiddenWidths.allSatisfy { $0 > 0 },
                     "layer widths must be positive")
        self.inputWidth = inputWidth
        self.hiddenWidths = hiddenWidths
        self.outputWidth = outputWidth
        self.hiddenActivation = hiddenActivation
    }

    /// A linear model (no hidden layers).
    public static func linear(inputWidth: Int, outputWidth: Int) -> MLPArchitecture {
        MLPArchitecture(inputWidth: inputWidth, hiddenWidths: [], outputWidth: outputWidth, hiddenActivation: .identity)
    }

    /// Widths of every layer boundary: input, hidden..., output.
    public var widths: [Int] { [inputWidth] + hiddenWidths + [outputWidth] }

    /// Number of dense layers (hidden layers + output layer).
    public var layerCount: Int { hiddenWidths.count + 1 }

    /// Offsets of each layer's weights and bias inside the flat parameter vector.
    /// Layer `l` stores its `in x out` weights row-major, then its `out` biases.
    public var layout: [(weights: Int, bias: Int, inputs: Int, outputs: Int)] {
        var offset = 0
        var result: [(Int, Int, Int, Int)] = []
        let w = widths
        for l in 0..<layerCount {
            let (fanIn, fanOut) = (w[l], w[l + 1])
            result.append((offset, offset + fanIn * fanOut, fanIn, fanOut))
            offset += fanIn * fanOut + fanOut
        }
        return result
    }

    /// Total number of trainable scalars.
    public var parameterCount: Int {
        let w = widths
        return (0..<layerCount).reduce(0) { $0 + w[$1] * w[$1 + 1] + w[$1 + 1] }
    }
}

/// A multi-layer perceptron whose parameters live in one flat vector.
///
/// Keeping all parameters contiguous lets the optimiser update them in one pass
/// with no copies, and makes snapshots (early stopping's best weights) a single
/// array copy.
public struct MLP: Sendable {
    public let architecture: MLPArchitecture
    /// All weights and biases, laid out as `architecture.layout` describes.
    public var parameters: [Float]
    private let layout: [(weights: Int, bias: Int, inputs: Int, outputs: Int)]

    /// A network with random weights drawn by `initialisation` (He-normal by
    /// default) and zero biases.
    public init(_ architecture: MLPArchitecture, initialisation: WeightInitialisation = .heNormal,
                generator: inout SeededGenerator) {
        self.architecture = architecture
        self.layout = architecture.layout
        var p = [Float](repeating: 0, count: architecture.parameterCount)
        for layer in layout {
            initialisation.fill(&p[layer.weights..<(layer.weights + layer.inputs * layer.outputs)],
                                fanIn: layer.inputs, fanOut: layer.outputs, generator: &generator)
        }
        self.parameters = p
    }

    /// A network with the given parameters.
    public init(_ architecture: MLPArchitecture, parameters: [Float]) {
        precondition(parameters.count == architecture.parameterCount,
                     "expected \(architecture.parameterCount) parameters, got \(parameters.count)")
        self.architecture = architecture
        self.layout = architecture.layout
        self.parameters = parameters
    }

    /// Weights of dense layer `l` as an `inputs x outputs` matrix (a copy).
    public func weights(layer l: Int) -> Matrix {
        let s = layout[l]
        return Matrix(rows: s.inputs, cols: s.outputs,
                      scalars: Array(parameters[s.weights..<(s.weights + s.inputs * s.outputs)]))
    }

    /// Biases of dense layer `l` (a copy).
    public func bias(layer l: Int) -> [Float] {
        let s = layout[l]
        return Array(parameters[s.bias..<(s.bias + s.outputs)])
    }

    /// Raw outputs (logits or regression values) for a batch, `n x outputWidth`.
    public func callAsFunction(_ input: Matrix) -> Matrix {
        forward(input).output
    }

    /// The forward pass, keeping every layer's output for `backward`.
    public func forward(_ input: Matrix) -> MLPTape {
        precondition(input.cols == architecture.inputWidth,
                     "MLP expects \(architecture.inputWidth) input columns, got \(input.cols)")
        let n = input.rows
        var activations = [input]
        activations.reserveCapacity(layout.count + 1)
        parameters.withUnsafeBufferPointer { p in
            for (l, layer) in layout.enumerated() {
                var z = Matrix(rows: n, cols: layer.outputs)
                z.scalars.withUnsafeMutableBufferPointer { zp in
                    // Broadcast the bias into every row, then accumulate X W on top (beta = 1).
                    for r in 0..<n {
                        (zp.baseAddress! + r * layer.outputs)
                            .update(from: p.baseAddress! + layer.bias, count: layer.outputs)
                    }
                    activations[l].scalars.withUnsafeBufferPointer { ap in
                        BLAS.gemm(transposeA: false, transposeB: false, m: n, n: layer.outputs, k: layer.inputs,
                                  a: ap.baseAddress!, lda: layer.inputs,
                                  b: p.baseAddress! + layer.weights, ldb: layer.outputs,
                                  beta: 1, c: zp.baseAddress!, ldc: layer.outputs)
                    }
                    if l < layout.count - 1 { architecture.hiddenActivation.apply(zp) }
                }
                activations.append(z)
            }
        }
        return MLPTape(activations: activations)
    }

    /// The backward pass: given dLoss/dOutput for the batch of `tape`, writes
    /// dLoss/dParameters into `parameterGradient` (overwriting it) and returns
    /// dLoss/dInput when `wantInputGradient` is set.
    @discardableResult
    public func backward(_ tape: MLPTape, outputGradient: Matrix, into parameterGradient: inout [Float],
                         wantInputGradient: Bool = false) -> Matrix? {
        if parameterGradient.count != parameters.count {
            parameterGradient = [Float](repeating: 0, count: parameters.count)
        }
        return parameterGradient.withUnsafeMutableBufferPointer { gp in
            backpropagate(tape, outputGradient: outputGradient, parameterGradient: gp, wantInputGradient: wantInputGradient)
        }
    }

    /// dOutput/dInput summed over outputs weighted by `outputGradient`: the input
    /// gradient alone, without parameter gradients (for saliency and LIME checks).
    public func inputGradient(_ input: Matrix, outputGradient: Matrix) -> Matrix {
        inputGradient(forward(input), outputGradient: outputGradient)
    }

    /// The input gradient for the batch of `tape`, skipping the parameter-gradient
    /// products (half the work of `backward`): explainers call this many times per row.
    public func inputGradient(_ tape: MLPTape, outputGradient: Matrix) -> Matrix {
        backpropagate(tape, outputGradient: outputGradient, parameterGradient: nil, wantInputGradient: true)!
    }

    /// Back-propagates `outputGradient` through every layer; parameter gradients are
    /// written only when a buffer is given.
    private func backpropagate(_ tape: MLPTape, outputGradient: Matrix, parameterGradient: UnsafeMutableBufferPointer<Float>?,
                               wantInputGradient: Bool) -> Matrix? {
        let n = outputGradient.rows
        precondition(outputGradient.cols == architecture.outputWidth && n == tape.output.rows,
                     "output gradient shape does not match the forward pass")
        var delta = outputGradient  // dLoss/dZ of the current layer
        var inputGradient: Matrix?
        parameters.withUnsafeBufferPointer { p in
            for l in stride(from: layout.count - 1, through: 0, by: -1) {
                let layer = layout[l]
                let input = tape.activations[l]
                if let gp = parameterGradient {
                    delta.scalars.withUnsafeBufferPointer { dp in
                        // dW = A_{l-1}^T dZ
                        input.scalars.withUnsafeBufferPointer { ap in
                            BLAS.gemm(transposeA: true, transposeB: false, m: layer.inputs, n: layer.outputs, k: n,
                                      a: ap.baseAddress!, lda: layer.inputs, b: dp.baseAddress!, ldb: layer.outputs,
                                      c: gp.baseAddress! + layer.weights, ldc: layer.outputs)
                        }
                        // db = column sums of dZ
                        frontier_column_sums(dp.baseAddress!, n, layer.outputs, gp.baseAddress! + layer.bias)
                    }
                }
                guard l > 0 || wantInputGradient else { continue }
                // dA_{l-1} = dZ W^T
                var previous = Matrix(rows: n, cols: layer.inputs)
                delta.scalars.withUnsafeBufferPointer { dp in
                    previous.scalars.withUnsafeMutableBufferPointer { op in
                        BLAS.gemm(transposeA: false, transposeB: true, m: n, n: layer.inputs, k: layer.outputs,
                                  a: dp.baseAddress!, lda: layer.outputs,
                                  b: p.baseAddress! + layer.weights, ldb: layer.outputs,
                                  c: op.baseAddress!, ldc: layer.inputs)
                        if l > 0 {
                            input.scalars.withUnsafeBufferPointer { yp in
                                architecture.hiddenActivation.backprop(output: yp, gradient: op)
                            }
                        }
                    }
                }
                if l == 0 { inputGradient = previous } else { delta = previous }
            }
        }
        return inputGradient
    }
}

/// What a forward pass keeps for the backward pass: the input and every layer's
/// output (hidden outputs after their activation; the last one is the network output).
public struct MLPTape: Sendable {
    public let activations: [Matrix]
    /// The network's raw output for the batch.
    public var output: Matrix { activations[activations.count - 1] }
}
