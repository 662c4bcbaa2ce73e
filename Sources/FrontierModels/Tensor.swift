/// A named array of 32-bit floats with a shape, row-major: how a model file stores a
/// network's weights and biases and the explanation context's statistics.
public struct Tensor: Equatable, Sendable {
    /// Dimensions, outermost first (`[inputs, outputs]` for a dense layer's weights).
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == values.count,
                     "a tensor of shape \(shape) needs \(shape.reduce(1, *)) values, got \(values.count)")
        self.shape = shape
        self.values = values
    }

    /// A vector.
    public init(_ values: [Float]) {
        self.init(shape: [values.count], values: values)
    }
}
