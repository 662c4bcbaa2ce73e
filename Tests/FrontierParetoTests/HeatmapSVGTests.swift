import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FrontierPareto

@Suite("Heat maps of signed grids")
struct HeatmapSVGTests {
    @Test("One cell per value in each panel, one colour scale symmetric about zero, escaped labels")
    func panels() throws {
        let panels = (0..<10).map { (k: Int) -> HeatmapSVG.Panel in
            let values: [Double] = (0..<64).map { (i: Int) -> Double in i == 5 ? Double.nan : Double((i * (k + 1)) % 17 - 8) }
            return HeatmapSVG.Panel(label: "logit[\(k)] <&>", rows: 8, cols: 8, values: values, caption: "b = \(k)")
        }
        let text = HeatmapSVG.svg(panels, title: "digits: g's coefficients")
        let parser = XMLParser(data: Data(text.utf8))
        let counter = SVGCounter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.classCounts["heatmap"] == 10 && counter.classCounts["cell"] == 640)
        #expect(counter.texts.contains("logit[3] <&>") && counter.texts.contains("b = 3"))
        // The scale's ends are ± the largest |value| over all panels (8 here).
        #expect(counter.texts.contains("-8") && counter.texts.contains("8"))
        #expect(text.contains("#BBBBBB"))  // the missing pixel
    }

    @Test("Colours: white at zero, the scale's ends at ± extent, clamped beyond")
    func colours() {
        #expect(HeatmapSVG.colour(0, extent: 2) == "#F7F7F7")
        #expect(HeatmapSVG.colour(2, extent: 2) == "#B2182B" && HeatmapSVG.colour(5, extent: 2) == "#B2182B")
        #expect(HeatmapSVG.colour(-2, extent: 2) == "#2166AC")
        #expect(HeatmapSVG.colour(.nan, extent: 2) == "#BBBBBB")
    }
}
