import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import FrontierPareto

/// Counts elements by their `class` attribute while parsing.
final class SVGCounter: NSObject, XMLParserDelegate {
    var classCounts: [String: Int] = [:]
    var texts: [String] = []
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        for c in (attributes["class"] ?? "").split(separator: " ") { classCounts[String(c), default: 0] += 1 }
        if element == "text" || element == "title" { inText = true; texts.append("") }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "text" || element == "title" { inText = false }
    }
}

@Suite("CSV, JSON and SVG exports")
struct FrontExportTests {
    static func sweep() -> FrontAggregator {
        var a = FrontAggregator(objectives: sweepObjectives)
        a.add(result("1", alpha: 0.1, error: 0.20, fidelity: 0.010, worker: "node-a"))
        a.add(result("2", alpha: 0.1, error: 0.22, fidelity: 0.014, replicate: "s1", worker: "node-b"))
        a.add(result("3", alpha: 0.5, error: 0.25, fidelity: 0.004))
        a.add(result("4", alpha: 0.9, error: 0.30, fidelity: 0.006))   // dominated by alpha 0.5
        a.add(result("5", error: 0.18, fidelity: 0.050))               // stl
        a.add(result("6", "wine <red & white>", alpha: 0.5, error: 0.4, fidelity: 0.02))
        return a
    }

    @Test("CSV has a header and one line per row, with quoting")
    func csv() {
        let rows = Self.sweep().snapshot().rows
        let text = FrontExport.csv(rows)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == rows.count + 1)
        #expect(lines.first == "dataset,label,alpha,error_rate_mean,error_rate_std,global_fidelity_mean,global_fidelity_std,replicates,on_front,last_worker,last_task_id")
        #expect(lines.filter { $0.contains(",true,") }.count == rows.filter { $0.onFront }.count)
        let quoted = FrontExport.csv([FrontRow(key: FrontRowKey(dataset: "a,b", label: "say \"hi\""))], objectives: [])
        #expect(quoted.contains(#""a,b","say ""hi""""#))
    }

    @Test("SVG is well-formed XML with one marker per row and the front highlighted")
    func svg() throws {
        let rows = Self.sweep().snapshot().rows
        let text = FrontExport.svg(rows, x: "global_fidelity", y: "error_rate", title: "Adult & wine: <GF> vs error")
        let parser = XMLParser(data: Data(text.utf8))
        let counter = SVGCounter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.classCounts["marker"] == rows.count)
        #expect(counter.classCounts["pareto"] == rows.filter { $0.onFront }.count)
        #expect(counter.classCounts["front"] == 2)          // one step line per dataset
        #expect(counter.classCounts["errorbar"] == 2)       // only alpha 0.1 has two replicates
        #expect(counter.texts.contains("Adult & wine: <GF> vs error"))
        #expect(counter.texts.contains("mtl α=0.5") && counter.texts.contains("stl"))
        #expect(counter.texts.contains("wine <red & white>"))
        #expect(counter.texts.contains("global_fidelity") && counter.texts.contains("error_rate"))
        // Deterministic.
        #expect(text == FrontExport.svg(rows, x: "global_fidelity", y: "error_rate", title: "Adult & wine: <GF> vs error"))
    }

    @Test("SVG of rows lacking the plotted objectives is still valid")
    func emptySVG() {
        let text = FrontExport.svg([], x: "a", y: "b", title: "empty")
        let parser = XMLParser(data: Data(text.utf8))
        #expect(parser.parse())
    }

    @Test func escape() {
        #expect(FrontExport.escape(#"<a & "b" 'c'>"#) == "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;")
    }
}
