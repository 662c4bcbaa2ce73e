/// Standard predictive metrics on flat arrays of predictions and targets.
///
/// Accumulation is in `Double` so large test sets do not lose precision.
public enum Metrics {
    /// Fraction of `predicted` labels equal to `actual` labels.
    public static func accuracy(predicted: [Int], actual: [Int]) -> Double {
        precondition(predicted.count == actual.count, "accuracy: length mismatch")
        guard !actual.isEmpty else { return .nan }
        return Double(zip(predicted, actual).filter { $0 == $1 }.count) / Double(actual.count)
    }

    /// F1 score of the positive class (label 1). 0 when there are no true positives.
    public static func f1(predicted: [Int], actual: [Int]) -> Double {
        precondition(predicted.count == actual.count, "f1: length mismatch")
        var tp = 0, fp = 0, fn = 0
        for (p, a) in zip(predicted, actual) {
            if p == 1 && a == 1 { tp += 1 } else if p == 1 { fp += 1 } else if a == 1 { fn += 1 }
        }
        guard tp > 0 else { return 0 }
        return 2 * Double(tp) / Double(2 * tp + fp + fn)
    }

    /// Macro-averaged F1: the unweighted mean over classes of each class's one-vs-rest F1
    /// (`2 tp / (2 tp + fp + fn)`), over the classes that occur in `actual` or `predicted`
    /// (scikit-learn's `f1_score(average="macro")`; a class that occurs but is never predicted
    /// correctly counts 0). Every class weighs the same however rare it is.
    public static func macroF1(predicted: [Int], actual: [Int]) -> Double {
        precondition(predicted.count == actual.count, "macroF1: length mismatch")
        guard !actual.isEmpty else { return .nan }
        var counts: [Int: (tp: Int, fp: Int, fn: Int)] = [:]
        for (p, a) in zip(predicted, actual) {
            if p == a {
                counts[a, default: (0, 0, 0)].tp += 1
            } else {
                counts[p, default: (0, 0, 0)].fp += 1
                counts[a, default: (0, 0, 0)].fn += 1
            }
        }
        // Summed in class order: a dictionary's own order changes from run to run.
        let f1s = counts.keys.sorted().map { label in
            let c = counts[label]!
            return 2 * Double(c.tp) / Double(2 * c.tp + c.fp + c.fn)
        }
        return f1s.reduce(0, +) / Double(f1s.count)
    }

    /// Mean squared error.
    public static func meanSquaredError(_ predicted: [Float], _ actual: [Float]) -> Double {
        precondition(predicted.count == actual.count, "mse: length mismatch")
        guard !actual.isEmpty else { return .nan }
        var sum = 0.0
        for (p, a) in zip(predicted, actual) { let d = Double(p) - Double(a); sum += d * d }
        return sum / Double(actual.count)
    }

    /// Coefficient of determination of `predicted` as a model of `actual`:
    /// 1 - SS_res / SS_tot. `-inf`-free: returns 0 when `actual` is constant and
    /// matched exactly, and a negative value when the model is worse than the mean.
    public static func rSquared(_ predicted: [Float], _ actual: [Float]) -> Double {
        precondition(predicted.count == actual.count, "r2: length mismatch")
        guard !actual.isEmpty else { return .nan }
        let mean = actual.reduce(0.0) { $0 + Double($1) } / Double(actual.count)
        var res = 0.0, tot = 0.0
        for (p, a) in zip(predicted, actual) {
            res += (Double(a) - Double(p)) * (Double(a) - Double(p))
            tot += (Double(a) - mean) * (Double(a) - mean)
        }
        if tot == 0 { return res == 0 ? 1 : 0 }
        return 1 - res / tot
    }

    /// Labels from probabilities of the positive class (threshold 0.5).
    public static func labels(fromProbabilities p: [Float]) -> [Int] {
        p.map { $0 >= 0.5 ? 1 : 0 }
    }

    /// Labels from a matrix of class scores (arg max per row).
    public static func argmaxLabels(_ scores: Matrix) -> [Int] {
        (0..<scores.rows).map { r in
            let row = scores.row(r)
            return row.indices.max { row[$0] < row[$1] }! - row.startIndex
        }
    }
}
