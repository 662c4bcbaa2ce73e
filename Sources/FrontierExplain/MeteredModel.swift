import FrontierML

/// What an explanation asked of its model.
public struct ModelUsage: Codable, Equatable, Sendable {
    /// Rows whose outputs the model computed.
    public var modelEvaluations = 0
    /// Rows whose input gradient the model computed (each with its own forward pass).
    public var gradientEvaluations = 0
    /// Batched calls into the model.
    public var calls = 0
    /// Wall time spent inside the model, in seconds: the floor an explanation's cost is measured against.
    public var modelSeconds = 0.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case modelEvaluations = "model_evaluations", gradientEvaluations = "gradient_evaluations"
        case calls, modelSeconds = "model_seconds"
    }
}

/// A model as explainers call it: every evaluation is counted and timed, and large
/// batches go through the model in chunks of at most `chunkRows` rows, so a synthetic
/// set of a hundred thousand perturbations never holds all its activations at once.
public struct MeteredModel {
    /// Rows per model call: large enough for BLAS to run at full speed, small enough to
    /// keep a 512-256-128 network's activations near 16 MB.
    public static let defaultChunkRows = 4096

    public let model: any ExplainableModel
    public let chunkRows: Int
    public private(set) var usage = ModelUsage()

    public init(_ model: any ExplainableModel, chunkRows: Int = defaultChunkRows) {
        self.model = model
        self.chunkRows = max(1, chunkRows)
    }

    public var inputWidth: Int { model.inputWidth }
    public var outputWidth: Int { model.outputWidth }

    /// Outputs for `rows` (`rows.rows x outputWidth`).
    public mutating func outputs(_ rows: Matrix) -> Matrix {
        if rows.rows <= chunkRows { return evaluate(rows) }
        return outputs(ofSynthetic: rows.rows) { first, chunk in
            chunk.scalars.replaceSubrange(0..<chunk.count, with: rows.scalars[(first * rows.cols)..<((first + chunk.rows) * rows.cols)])
        }
    }

    /// Outputs for `count` rows that `build` writes chunk by chunk: it receives the index
    /// of the chunk's first row and a `rows x inputWidth` matrix to fill.
    public mutating func outputs(ofSynthetic count: Int, build: (_ first: Int, _ chunk: inout Matrix) -> Void) -> Matrix {
        var result = [Float]()
        result.reserveCapacity(count * outputWidth)
        var first = 0
        var chunk = Matrix(rows: 0, cols: inputWidth)
        while first < count {
            let rows = min(chunkRows, count - first)
            if chunk.rows != rows { chunk = Matrix(rows: rows, cols: inputWidth) }
            build(first, &chunk)
            result.append(contentsOf: evaluate(chunk).scalars)
            first += rows
        }
        return Matrix(rows: count, cols: outputWidth, scalars: result)
    }

    /// The gradient of output `outputs[n]` at every row n (`rows.rows x inputWidth`).
    public mutating func inputGradients(_ rows: Matrix, outputs: [Int]) -> Matrix {
        precondition(outputs.count == rows.rows, "one explained output per row")
        var result = Matrix(rows: rows.rows, cols: inputWidth)
        inputGradients(ofSynthetic: rows.rows, output: { outputs[$0] }, build: { first, chunk in
            chunk.scalars.replaceSubrange(0..<chunk.count, with: rows.scalars[(first * rows.cols)..<((first + chunk.rows) * rows.cols)])
        }, consume: { first, gradients in
            result.scalars.replaceSubrange((first * gradients.cols)..<((first + gradients.rows) * gradients.cols),
                                           with: gradients.scalars)
        })
        return result
    }

    /// Gradients of output `output(r)` at `count` rows that `build` writes chunk by chunk;
    /// `consume` receives each chunk's gradients with the index of its first row.
    public mutating func inputGradients(ofSynthetic count: Int, output: (Int) -> Int,
                                        build: (_ first: Int, _ chunk: inout Matrix) -> Void,
                                        consume: (_ first: Int, _ gradients: Matrix) -> Void) {
        var first = 0
        var chunk = Matrix(rows: 0, cols: inputWidth)
        let k = outputWidth
        while first < count {
            let rows = min(chunkRows, count - first)
            if chunk.rows != rows { chunk = Matrix(rows: rows, cols: inputWidth) }
            build(first, &chunk)
            var weights = Matrix(rows: rows, cols: k)
            for r in 0..<rows { weights.scalars[r * k + output(first + r)] = 1 }
            consume(first, gradients(chunk, outputWeights: weights))
            first += rows
        }
    }

    /// The gradient of `sum_k outputWeights[n, k] * output_k` at every row (one call, not chunked).
    public mutating func inputGradients(_ rows: Matrix, outputWeights: Matrix) -> Matrix {
        gradients(rows, outputWeights: outputWeights)
    }

    /// Adds what another metering of the same model counted (an explainer that trains on the
    /// model meters its training apart and reports it here).
    public mutating func add(_ other: ModelUsage) {
        usage.modelEvaluations += other.modelEvaluations
        usage.gradientEvaluations += other.gradientEvaluations
        usage.calls += other.calls
        usage.modelSeconds += other.modelSeconds
    }

    private mutating func evaluate(_ rows: Matrix) -> Matrix {
        let watch = Stopwatch()
        let out = model.outputs(rows)
        usage.modelSeconds += watch.seconds
        usage.modelEvaluations += rows.rows
        usage.calls += 1
        return out
    }

    private mutating func gradients(_ rows: Matrix, outputWeights: Matrix) -> Matrix {
        let watch = Stopwatch()
        let out = model.inputGradients(rows, outputWeights: outputWeights)
        usage.modelSeconds += watch.seconds
        usage.gradientEvaluations += rows.rows
        usage.calls += 1
        return out
    }
}
