/// Where the fidelity term compares f and g, besides the training batch itself.
///
/// The MTL paper measures fidelity on the training batch only. A flexible f can then match g
/// on the training points and differ from it between them, and Global Fidelity is measured on
/// held-out points: on digits (~1,150 training images) the joint method's test GF stops at the
/// same floor for every α below 0.5. Distillation meets the same problem when a student has to
/// match a teacher everywhere, and its standard answer is to compare the two on mixed inputs as
/// well ("function matching", Beyer et al. 2022, with mixup of Zhang et al. 2018): the points
/// between training samples are where held-out samples lie. Labels are not needed there, so
/// only the fidelity term sees the extra rows.
public enum FidelityInputs: Equatable, Hashable, Sendable {
    /// The training batch only (the MTL paper).
    case batch
    /// The batch plus one mixup of it: row i mixed with a random other row of the batch,
    /// `λ x_i + (1 − λ) x_j` with λ uniform in [0, 1] per row.
    case mixup
    /// The batch plus one noisy copy of it: Gaussian noise of deviation `sigma` (in the
    /// features' units; the shipped recipes standardise them) added to every feature.
    case noise(sigma: Double)

    /// The extra rows to compare f and g on for `batch` (nil for `.batch`), drawn from `generator`.
    public func extraRows(for batch: Matrix, generator: inout SeededGenerator) -> Matrix? {
        switch self {
        case .batch:
            return nil
        case .mixup:
            let n = batch.rows, d = batch.cols
            guard n > 1 else { return nil }
            var out = Matrix(rows: n, cols: d)
            for i in 0..<n {
                // A partner other than i, uniformly among the rest.
                var j = Int(generator.next() % UInt64(n - 1))
                if j >= i { j += 1 }
                let lambda = Float(generator.nextUniform())
                for k in 0..<d {
                    out.scalars[i * d + k] = lambda * batch.scalars[i * d + k] + (1 - lambda) * batch.scalars[j * d + k]
                }
            }
            return out
        case .noise(let sigma):
            var out = batch
            let noise = generator.normals(batch.count, std: Float(sigma))
            for i in 0..<out.count { out.scalars[i] += noise[i] }
            return out
        }
    }
}

/// `FidelityInputs` with the generator its rows are drawn from: what a training objective
/// holds, one per run (the generator derived for the purpose `fidelity-inputs`).
public struct FidelityInputStream: Sendable {
    public let inputs: FidelityInputs
    private var generator: SeededGenerator

    public init(_ inputs: FidelityInputs = .batch, generator: SeededGenerator = SeededGenerator(seed: 0)) {
        self.inputs = inputs
        self.generator = generator
    }

    /// `batch` with its extra rows stacked below it (`batch` itself for `.batch`): one forward
    /// pass then serves both losses, the labelled rows first.
    public mutating func rows(for batch: Matrix) -> Matrix {
        inputs.extraRows(for: batch, generator: &generator).map { Matrix.vstack([batch, $0]) } ?? batch
    }
}
