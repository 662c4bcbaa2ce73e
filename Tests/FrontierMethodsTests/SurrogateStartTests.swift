import Testing
import FrontierML
@testable import FrontierMethods

@Suite("Where g starts in joint training")
struct SurrogateStartTests {
    /// A regression sample whose targets are an exact linear function of the features.
    static func linearData() -> LabeledSamples {
        var g = SeededGenerator(seed: 5)
        let n = 40
        let x = Matrix(rows: n, cols: 3, scalars: g.normals(n * 3))
        let y = (0..<n).map { 2 * x[$0, 0] - x[$0, 1] + 0.5 * x[$0, 2] + 0.25 }
        return LabeledSamples(features: x, targets: Matrix(column: y))
    }

    @Test("zero is all zeros, linear-fit recovers the data's linear model, glorot draws within Keras's limit")
    func starts() {
        let data = Self.linearData()
        let architecture = MLPArchitecture.linear(inputWidth: 3, outputWidth: 1)
        var generator = SeededGenerator(seed: 9)
        let zero = SurrogateStart.zero.initialSurrogate(architecture, on: data, task: .regression, generator: &generator)
        #expect(zero.parameters.allSatisfy { $0 == 0 })

        let fit = SurrogateStart.linearFit.initialSurrogate(architecture, on: data, task: .regression, generator: &generator)
        let expected: [Float] = [2, -1, 0.5]
        for (w, e) in zip(fit.weights(layer: 0).scalars, expected) { #expect(abs(w - e) < 0.01) }
        #expect(abs(fit.bias(layer: 0)[0] - 0.25) < 0.01)

        // Glorot-uniform: |w| <= sqrt(6 / (fanIn + fanOut)), bias zero, the same draw for the same seed.
        var first = SeededGenerator(seed: 9), second = SeededGenerator(seed: 9)
        let a = SurrogateStart.glorot.initialSurrogate(architecture, on: data, task: .regression, generator: &first)
        let b = SurrogateStart.glorot.initialSurrogate(architecture, on: data, task: .regression, generator: &second)
        let limit = (6 / Float(3 + 1)).squareRoot()
        #expect(a.weights(layer: 0).scalars.allSatisfy { abs($0) <= limit } && a.bias(layer: 0) == [0])
        #expect(a.parameters.contains { $0 != 0 } && a.parameters == b.parameters)
    }
}
