import Foundation

/// A loss between a model's raw output and the targets, averaged over the batch.
///
/// Each loss takes the model's *raw* output (logits for classification), so the
/// link function and the loss are computed together in a numerically stable way.
public enum PredictionLoss: String, Codable, Sendable, CaseIterable {
    /// Binary cross-entropy from one logit per sample; targets 0/1.
    case binaryCrossEntropy
    /// log(cosh(prediction - target)), robust regression loss.
    case logCosh
    /// Mean squared error over every output.
    case meanSquaredError
    /// Softmax cross-entropy from one logit per class; targets are class indices.
    case softmaxCrossEntropy

    /// The paper's loss for a task: BCE, log-cosh, or softmax cross-entropy.
    public static func standard(for task: PredictionTask) -> PredictionLoss {
        switch task {
        case .binaryClassification: return .binaryCrossEntropy
        case .regression: return .logCosh
        case .multiclass: return .softmaxCrossEntropy
        }
    }

    /// Mean loss over the batch.
    public func value(output: Matrix, targets: Matrix) -> Float {
        evaluate(output: output, targets: targets, wantGradient: false).value
    }

    /// Mean loss over the batch and its gradient with respect to `output`.
    public func valueAndGradient(output: Matrix, targets: Matrix) -> (value: Float, gradient: Matrix) {
        let r = evaluate(output: output, targets: targets, wantGradient: true)
        return (r.value, r.gradient!)
    }

    private func evaluate(output: Matrix, targets: Matrix, wantGradient: Bool) -> (value: Float, gradient: Matrix?) {
        let n = output.rows
        precondition(targets.rows == n && targets.cols == 1, "targets must be n x 1")
        guard n > 0 else { return (0, wantGradient ? output : nil) }
        var gradient = wantGradient ? Matrix(rows: n, cols: output.cols) : nil
        var total = 0.0
        let o = output.scalars, t = targets.scalars
        switch self {
        case .binaryCrossEntropy:
            precondition(output.cols == 1, "binary cross-entropy needs one logit per sample")
            let scale = 1 / Float(n)
            for i in 0..<n {
                let z = o[i], y = t[i]
                // max(z, 0) - z y + log(1 + exp(-|z|)): never overflows.
                total += Double(max(z, 0) - z * y + Foundation.log1p(Foundation.exp(-abs(z))))
                gradient?.scalars[i] = (Activation.sigmoid(z) - y) * scale
            }
        case .logCosh:
            precondition(output.cols == 1, "log-cosh needs one output per sample")
            let scale = 1 / Float(n)
            for i in 0..<n {
                let d = o[i] - t[i], a = abs(d)
                // log cosh d = |d| + log(1 + exp(-2|d|)) - log 2: stable for large |d|.
                total += Double(a + Foundation.log1p(Foundation.exp(-2 * a)) - Float(M_LN2))
                gradient?.scalars[i] = Foundation.tanh(d) * scale
            }
        case .meanSquaredError:
            let k = output.cols
            let scale = 2 / Float(n * k)
            for i in 0..<n {
                for j in 0..<k {
                    let d = o[i * k + j] - t[i]
                    total += Double(d * d)
                    gradient?.scalars[i * k + j] = d * scale
                }
            }
            total /= Double(k)
        case .softmaxCrossEntropy:
            let k = output.cols
            let scale = 1 / Float(n)
            for i in 0..<n {
                let row = o[(i * k)..<((i + 1) * k)]
                let label = Int(t[i])
                precondition(label >= 0 && label < k, "class index \(label) out of range 0..<\(k)")
                let m = row.max()!
                var sum: Float = 0
                for v in row { sum += Foundation.exp(v - m) }
                let logSum = m + Foundation.log(sum)
                total += Double(logSum - row[row.startIndex + label])
                if gradient != nil {
                    for j in 0..<k {
                        let p = Foundation.exp(row[row.startIndex + j] - logSum)
                        gradient!.scalars[i * k + j] = (p - (j == label ? 1 : 0)) * scale
                    }
                }
            }
        }
        return (Float(total / Double(n)), gradient)
    }
}

/// Link functions from raw outputs to the output scale that fidelity is measured on.
public enum OutputLink {
    /// Probabilities for classification (sigmoid or softmax), identity for regression.
    public static func apply(_ raw: Matrix, task: PredictionTask) -> Matrix {
        switch task {
        case .regression: return raw
        case .binaryClassification: return raw.map(Activation.sigmoid)
        case .multiclass: return softmax(raw)
        }
    }

    /// Row-wise softmax.
    public static func softmax(_ logits: Matrix) -> Matrix {
        var out = logits
        let k = logits.cols
        for i in 0..<logits.rows {
            let base = i * k
            var m = -Float.infinity
            for j in 0..<k { m = max(m, logits.scalars[base + j]) }
            var sum: Float = 0
            for j in 0..<k {
                let e = Foundation.exp(logits.scalars[base + j] - m)
                out.scalars[base + j] = e
                sum += e
            }
            for j in 0..<k { out.scalars[base + j] /= sum }
        }
        return out
    }

    /// Backpropagates a gradient taken on the output scale to the raw outputs.
    /// `linked` is `apply(raw, task)`.
    public static func backprop(linked: Matrix, gradient: Matrix, task: PredictionTask) -> Matrix {
        switch task {
        case .regression: return gradient
        case .binaryClassification:
            var g = gradient
            for i in 0..<g.count { let p = linked.scalars[i]; g.scalars[i] *= p * (1 - p) }
            return g
        case .multiclass:
            // d softmax: g_raw = p * (g - sum_j g_j p_j)
            var g = gradient
            let k = linked.cols
            for i in 0..<linked.rows {
                var dot: Float = 0
                for j in 0..<k { dot += gradient.scalars[i * k + j] * linked.scalars[i * k + j] }
                for j in 0..<k {
                    let p = linked.scalars[i * k + j]
                    g.scalars[i * k + j] = p * (gradient.scalars[i * k + j] - dot)
                }
            }
            return g
        }
    }
}
