import Testing
@testable import FrontierML

@Suite("Macro-F1")
struct MacroF1Tests {
    /// Label pairs realising a confusion matrix (`counts[actual][predicted]`).
    func pairs(_ counts: [[Int]]) -> (predicted: [Int], actual: [Int]) {
        var predicted: [Int] = [], actual: [Int] = []
        for (a, row) in counts.enumerated() {
            for (p, count) in row.enumerated() {
                predicted += Array(repeating: p, count: count)
                actual += Array(repeating: a, count: count)
            }
        }
        return (predicted, actual)
    }

    @Test("A known confusion matrix: the mean of the per-class F1s")
    func knownConfusionMatrix() {
        // Class 0: tp 5, fp 2, fn 1 -> 10/13. Class 1: tp 3, fp 3, fn 3 -> 1/2. Class 2: tp 6, fp 1, fn 2 -> 4/5.
        let (predicted, actual) = pairs([[5, 1, 0], [2, 3, 1], [0, 2, 6]])
        let expected = (10.0 / 13 + 0.5 + 0.8) / 3
        #expect(abs(Metrics.macroF1(predicted: predicted, actual: actual) - expected) < 1e-15)
        // The order of the rows does not matter.
        #expect(Metrics.macroF1(predicted: predicted.reversed(), actual: actual.reversed())
                == Metrics.macroF1(predicted: predicted, actual: actual))
    }

    @Test("Rare classes weigh as much as common ones; classes that never occur are not averaged")
    func classWeighting() {
        // 98 of class 0 right, the 2 of class 1 both wrong: accuracy 0.98, macro-F1 (98/99 + 0) / 2.
        let (predicted, actual) = pairs([[98, 0], [2, 0]])
        #expect(Metrics.accuracy(predicted: predicted, actual: actual) == 0.98)
        #expect(abs(Metrics.macroF1(predicted: predicted, actual: actual) - (196.0 / 198) / 2) < 1e-15)
        // Labels 3 and 7 only: classes 0-2 and 4-6 are absent and not counted.
        #expect(Metrics.macroF1(predicted: [3, 7, 7], actual: [3, 7, 7]) == 1)
        // A class only ever predicted (never actual) counts with F1 0.
        #expect(abs(Metrics.macroF1(predicted: [0, 1], actual: [0, 0]) - (2.0 / 3) / 2) < 1e-15)
        // Binary labels: the mean of F1 of class 1 (Metrics.f1) and of class 0.
        let p = [1, 0, 1, 1, 0, 0], a = [1, 0, 0, 1, 1, 0]
        let f1Of0 = Metrics.f1(predicted: p.map { 1 - $0 }, actual: a.map { 1 - $0 })
        #expect(abs(Metrics.macroF1(predicted: p, actual: a) - (Metrics.f1(predicted: p, actual: a) + f1Of0) / 2) < 1e-15)
    }
}
