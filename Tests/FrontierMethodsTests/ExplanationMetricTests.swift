import Testing
import FrontierML
@testable import FrontierMethods

@Suite("LIME and fidelity metrics")
struct ExplanationMetricTests {
    @Test("LIME recovers the coefficients of a linear function")
    func limeRecoversLinear() {
        let weights: [Float] = [1.5, -2, 0.25, 0, 3]
        let model = { (x: Matrix) -> [Float] in
            (0..<x.rows).map { r in zip(weights, x.row(r)).reduce(0.7) { $0 + $1.0 * $1.1 } }
        }
        var g = SeededGenerator(seed: 8)
        let instance: [Float] = [0.3, -1, 2, 0.5, -0.2]
        let e = TabularLIME(samples: 2000).explain(instance[...], model: model, generator: &g)
        for (a, b) in zip(e.coefficients, weights) { #expect(abs(a - b) < 0.02, "\(e.coefficients)") }
        #expect(abs(e.intercept - 0.7) < 0.05)
    }

    @Test("LIME's local slope follows a non-linear model")
    func limeLocalSlope() {
        // f(x) = x0^2: the slope at x0 = 1 is 2, at x0 = -1 it is -2.
        let model = { (x: Matrix) -> [Float] in (0..<x.rows).map { x[$0, 0] * x[$0, 0] } }
        var g = SeededGenerator(seed: 2)
        let lime = TabularLIME(samples: 3000, perturbationScale: 0.1)
        let right = lime.explain([1, 0][...], model: model, generator: &g)
        let left = lime.explain([-1, 0][...], model: model, generator: &g)
        #expect(abs(right.coefficients[0] - 2) < 0.1 && abs(left.coefficients[0] + 2) < 0.1)
    }

    @Test("Global fidelity and agreement against hand-computed values")
    func globalFidelity() {
        let f = Matrix(column: [0.2, 0.8, 0.5, 0.9])
        let g = Matrix(column: [0.1, 0.8, 0.7, 0.9])
        // (0.01 + 0 + 0.04 + 0) / 4
        #expect(abs(FidelityMetrics.globalFidelity(f: f, g: g) - 0.0125) < 1e-7)
        // mean f = 0.6, SS_tot = 0.16 + 0.04 + 0.01 + 0.09 = 0.30, SS_res = 0.05
        #expect(abs(FidelityMetrics.agreementR2(f: f, g: g) - (1 - 0.05 / 0.30)) < 1e-6)
        #expect(FidelityMetrics.globalFidelity(f: f, g: f) == 0)
    }

    @Test("Neighbourhood fidelity: zero for an exact explanation, the noise variance for a constant one")
    func neighbourhoodFidelity() {
        let linear = { (x: Matrix) -> Matrix in Matrix(column: (0..<x.rows).map { 2 * x[$0, 0] - x[$0, 1] }) }
        var g = SeededGenerator(seed: 4)
        let points = Matrix(rows: 50, cols: 2, scalars: g.normals(100))
        let nf = NeighbourhoodFidelity(neighbours: 10, radius: 0.1)
        let exact = nf.evaluate(points: points, model: linear, explanationAt: { _ in linear }, generator: &g)
        #expect(exact < 1e-10)
        // Explaining by the value at x: the gap is 2 e0 - e1 with e ~ N(0, 0.01), variance 0.05.
        let constant = nf.evaluate(points: points, model: linear, explanationAt: { x in
            let v = 2 * x[x.startIndex] - x[x.startIndex + 1]
            return { m in Matrix(rows: m.rows, cols: 1, repeating: v) }
        }, generator: &g)
        #expect(abs(constant - 0.05) < 0.01, "\(constant)")
        // Two outputs: the gap is the squared distance between the output vectors, so a
        // second, exactly explained output adds nothing and a second copy of the gap doubles it.
        let twice = { (x: Matrix) in Matrix.hstack([linear(x), linear(x)]) }
        var again = SeededGenerator(seed: 9)
        let one = nf.evaluate(points: points, model: linear, explanationAt: { x in
            let v = 2 * x[x.startIndex] - x[x.startIndex + 1]
            return { m in Matrix(rows: m.rows, cols: 1, repeating: v) }
        }, generator: &again)
        again = SeededGenerator(seed: 9)
        let two = nf.evaluate(points: points, model: twice, explanationAt: { x in
            let v = 2 * x[x.startIndex] - x[x.startIndex + 1]
            return { m in Matrix(rows: m.rows, cols: 2, repeating: v) }
        }, generator: &again)
        #expect(abs(two - 2 * one) < 1e-9)
    }

    @Test("The post-hoc surrogate of a regression model is its least-squares linear fit")
    func postHocRegression() {
        var g = SeededGenerator(seed: 6)
        let f = MLP(MLPArchitecture(inputWidth: 3, hiddenWidths: [8], outputWidth: 1), generator: &g)
        let x = Matrix(rows: 200, cols: 3, scalars: g.normals(600))
        let surrogate = PostHocSurrogate.fit(to: f, on: x, task: .regression)
        let ls = LinearFit.ridge(x, f(x).scalars.map(Double.init), ridge: 0)
        for (a, b) in zip(surrogate.weights(layer: 0).scalars, ls.weights) { #expect(abs(Double(a) - b) < 1e-4) }
        // Any other linear map fits f worse.
        var worse = surrogate
        worse.parameters[0] += 0.1
        let fOut = f(x)
        #expect(FidelityMetrics.globalFidelity(f: fOut, g: surrogate(x)) < FidelityMetrics.globalFidelity(f: fOut, g: worse(x)))
    }

    @Test("The global explanation names g's coefficients by feature")
    func explanation() {
        let g = MLP(.linear(inputWidth: 3, outputWidth: 1), parameters: [0.5, -2, 0.1, 0.3])
        let e = GlobalExplanation.of(surrogate: g, featureNames: ["age", "sex=male", "fare"], task: .binaryClassification)
        #expect(e.count == 1 && e[0].output == "logit" && e[0].intercept == 0.3)
        #expect(e[0].strongest(2).map(\.feature) == ["sex=male", "age"])
    }
}
