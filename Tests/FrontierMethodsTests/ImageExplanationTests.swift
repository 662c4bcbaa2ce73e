import Testing
import FrontierML
@testable import FrontierMethods

@Suite("Explanations of image data laid out as images")
struct ImageExplanationTests {
    @Test("pixel_<row>_<col> features land on their pixels; the image spans the largest row and column named")
    func layout() throws {
        let names = (0..<3).flatMap { r in (0..<4).map { c in "pixel_\(r)_\(c)" } }.filter { $0 != "pixel_1_2" }
        let terms = names.enumerated().map { GlobalExplanation.Term(feature: $1, weight: Float($0)) }
        let image = try ImageExplanation(GlobalExplanation(output: "logit[7]", intercept: 0.5, terms: terms))
        #expect(image.rows == 3 && image.cols == 4 && image.output == "logit[7]" && image.intercept == 0.5)
        #expect(image.weights[0] == 0 && image.weights[1 * 4 + 1] == 5 && image.weights[1 * 4 + 2].isNaN)
        #expect(image.weights[1 * 4 + 3] == 6 && image.weights[2 * 4 + 3] == 10)
    }

    @Test("A feature that is not a pixel is refused by name", arguments: ["age", "pixel_1", "pixel_a_2", "pixel_-1_2"])
    func refused(name: String) {
        let explanation = GlobalExplanation(output: "logit", intercept: 0, terms: [.init(feature: name, weight: 1)])
        #expect { try ImageExplanation(explanation) } throws: { ($0 as? ImageLayoutError)?.feature == name }
    }
}
