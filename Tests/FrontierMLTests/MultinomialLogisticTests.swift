import Foundation
import Testing
@testable import FrontierML

@Suite("Multinomial logistic regression, fitted exactly")
struct MultinomialLogisticTests {
    /// The objective's gradient, computed here independently of the fit: per class,
    /// `sum_i (p_ik - t_ik) x_i + l2 w_k` for the weights and `sum_i (p_ik - t_ik)` for the intercept.
    func gradient(_ fit: LinearFit.MultinomialCoefficients, _ x: Matrix, targets: [[Double]], l2: Double) -> [Double] {
        var g = [Double](repeating: 0, count: fit.classCount * (x.cols + 1))
        for i in 0..<x.rows {
            let p = fit.probabilities(x.row(i))
            for c in 0..<fit.classCount {
                let r = p[c] - targets[i][c]
                for j in 0..<x.cols { g[c * (x.cols + 1) + j] += r * Double(x[i, j]) }
                g[c * (x.cols + 1) + x.cols] += r
            }
        }
        for c in 0..<fit.classCount { for j in 0..<x.cols { g[c * (x.cols + 1) + j] += l2 * fit.weights[c][j] } }
        return g
    }

    func oneHot(_ labels: [Int], _ k: Int) -> [[Double]] { labels.map { y in (0..<k).map { $0 == y ? 1 : 0 } } }

    /// Rows of standard normal features and labels drawn from a planted softmax model: the class is
    /// the arg max of the planted scores plus Gumbel noise, which samples softmax(scores) exactly.
    func planted(rows n: Int, weights: [[Double]], intercepts: [Double], seed: UInt64) -> (Matrix, [Int]) {
        var g = SeededGenerator(seed: seed)
        let d = weights[0].count
        let x = Matrix(rows: n, cols: d, scalars: g.normals(n * d))
        var noise = g.derived("gumbel")
        let labels = (0..<n).map { i in
            let scores = zip(weights, intercepts).map { w, b in
                zip(w, x.row(i)).reduce(b) { $0 + $1.0 * Double($1.1) } - log(-log(max(noise.nextUniform(), 1e-300)))
            }
            return scores.indices.max { scores[$0] < scores[$1] }!
        }
        return (x, labels)
    }

    @Test("The gradient vanishes at the solution (KKT), intercepts sum to zero, the fit is repeatable")
    func stationarity() {
        var g = SeededGenerator(seed: 11)
        let (n, d, k) = (300, 5, 4)
        let x = Matrix(rows: n, cols: d, scalars: g.normals(n * d, std: 2))
        let labels = (0..<n).map { i in (Int(x[i, 0] > 0 ? 1 : 0) + Int(x[i, 1] > 0.5 ? 2 : 0) + i % 3) % k }
        for l2 in [0.01, 1, 25] {
            let fit = LinearFit.multinomialLogistic(x, labels: labels, classCount: k, l2: l2)
            let worst = gradient(fit, x, targets: oneHot(labels, k), l2: l2).map(abs).max()!
            #expect(worst < 1e-7, "l2 \(l2): largest gradient entry \(worst)")
            #expect(abs(fit.intercepts.reduce(0, +)) < 1e-12)
            #expect(LinearFit.multinomialLogistic(x, labels: labels, classCount: k, l2: l2) == fit)
        }
    }

    @Test("Recovers planted coefficients from labels sampled from a softmax model")
    func plantedRecovery() {
        // Each feature's weights sum to zero over the classes, as the L2 penalty makes the fit's.
        let weights: [[Double]] = [[2, -1, 0, 0.5], [-1, 2, 1, 0], [-1, -1, -1, -0.5]]
        let intercepts = [0.3, -0.1, -0.2]
        let (x, labels) = planted(rows: 6000, weights: weights, intercepts: intercepts, seed: 5)
        let fit = LinearFit.multinomialLogistic(x, labels: labels, classCount: 3, l2: 1e-3)
        for (fitted, true_) in zip(fit.weights.joined(), weights.joined()) {
            #expect(abs(fitted - true_) < 0.12, "weight \(fitted) against planted \(true_)")
        }
        for (fitted, true_) in zip(fit.intercepts, intercepts) { #expect(abs(fitted - true_) < 0.1) }
        // On fresh rows it classifies as well as the planted model itself (the Bayes rule), near enough.
        let (test, testLabels) = planted(rows: 4000, weights: weights, intercepts: intercepts, seed: 6)
        let planted = LinearFit.MultinomialCoefficients(weights: weights, intercepts: intercepts)
        func accuracy(_ m: LinearFit.MultinomialCoefficients) -> Double {
            let predicted = (0..<test.rows).map { i in let s = m.scores(test.row(i)); return s.indices.max { s[$0] < s[$1] }! }
            return Metrics.accuracy(predicted: predicted, actual: testLabels)
        }
        #expect(accuracy(fit) > accuracy(planted) - 0.01)
    }

    @Test("Fitted to a softmax model's own probabilities, it returns that model")
    func softTargets() {
        let weights: [[Double]] = [[1.5, -0.5], [-0.25, 1], [-1.25, -0.5]]
        let intercepts = [0.5, 0, -0.5]
        var g = SeededGenerator(seed: 8)
        let x = Matrix(rows: 200, cols: 2, scalars: g.normals(400))
        let model = LinearFit.MultinomialCoefficients(weights: weights, intercepts: intercepts)
        let probabilities = (0..<x.rows).map { model.probabilities(x.row($0)) }
        let targets = Matrix(rows: 200, cols: 3, scalars: probabilities.joined().map(Float.init))
        let fit = LinearFit.multinomialLogistic(x, targets: targets, l2: 0)
        // Float targets carry ~1e-7 relative error; the recovered model is exact to that.
        for (fitted, true_) in zip(fit.weights.joined() + fit.intercepts, weights.joined() + intercepts) {
            #expect(abs(fitted - true_) < 1e-4)
        }
    }

    // Data made by formula and the expected coefficients printed by scikit-learn's newton-cg
    // (tolerance 1e-14) in scripts/multinomial-logistic-reference.py: scikit-learn 1.9.1, numpy 2.4.6.
    @Test("Matches scikit-learn's multinomial LogisticRegression(C = 1 / l2)")
    func scikitLearn() {
        let n = 60
        func eighths(_ numerator: Int) -> Float { Float(numerator) / 8 - 1 }
        let rows: [[Float]] = (0..<n).map { i in [eighths(i * 7 % 17), eighths((i * 5 + 3) % 13), eighths((i * 11 + 1) % 19)] }
        var labels = rows.map { r -> Int in
            let (a, b, c) = (Double(r[0]), Double(r[1]), Double(r[2]))
            let s: [Double] = [2 * a - b, -a + 1.5 * c, 0.5 * b - c + 0.3]
            return s.indices.max { s[$0] < s[$1] }!  // first of equal maxima, as numpy's argmax
        }
        for i in stride(from: 0, to: n, by: 7) { labels[i] = (labels[i] + 1) % 3 }
        #expect(labels == [0, 1, 0, 1, 2, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0,
                           2, 0, 1, 2, 1, 0, 0, 1, 2, 1, 2, 0, 0, 1, 1, 2, 0, 2, 0, 2, 2, 1, 2, 0, 1, 1, 2, 2, 0, 2])
        let fit = LinearFit.multinomialLogistic(Matrix(rows), labels: labels, classCount: 3, l2: 0.5)
        let expected: [[Double]] = [[1.9310746880469167, -0.6381896665004786, 0.20304660640782662],
                                    [-1.0206591836448569, -0.23245070668223716, 1.4218859014962837],
                                    [-0.9104155044020592, 0.8706403731827155, -1.6249325079041115]]
        for (fitted, reference) in zip(fit.weights.joined(), expected.joined()) { #expect(abs(fitted - reference) < 1e-8) }
        for (fitted, reference) in zip(fit.intercepts, [0.04555629372594121, 0.1687712919588156, -0.21432758568475682]) {
            #expect(abs(fitted - reference) < 1e-8)
        }
    }

    @Test("As a K-output linear network: logits equal the coefficients' scores")
    func model() {
        let fit = LinearFit.MultinomialCoefficients(weights: [[1, 2, 3], [-1, 0, 0.5], [0, 0, 0], [0.25, -2, 1]],
                                                    intercepts: [0.5, -0.5, 0, 0])
        let architecture = MLPArchitecture.linear(inputWidth: 3, outputWidth: 4)
        let network = fit.model(architecture)
        let x = Matrix([[1, 0, 0], [0, 1, 0], [0.5, -1, 2]])
        let logits = network(x)
        for i in 0..<x.rows {
            for (c, score) in fit.scores(x.row(i)).enumerated() { #expect(abs(Double(logits[i, c]) - score) < 1e-6) }
        }
        #expect(network.bias(layer: 0) == [0.5, -0.5, 0, 0])
    }

    @Test("A class no row has gets a far-negative intercept, and the others fit as without it")
    func absentClass() {
        var g = SeededGenerator(seed: 3)
        let x = Matrix(rows: 200, cols: 2, scalars: g.normals(400))
        let labels = (0..<200).map { x[$0, 0] + 0.3 * x[$0, 1] > 0 ? 2 : 0 }
        let fit = LinearFit.multinomialLogistic(x, labels: labels, classCount: 3, l2: 1)
        let worst = (0..<200).map { fit.probabilities(x.row($0))[1] }.max()!
        #expect(worst < 1e-6)
        #expect(gradient(fit, x, targets: oneHot(labels, 3), l2: 1).map(abs).max()! < 1e-6)
    }
}
