import Foundation
import FrontierMethods

/// The short human-readable summary of a run printed by `frontier train`.
struct ReportTable {
    let report: RunReport

    init(_ report: RunReport) { self.report = report }

    func render() -> String {
        let m = report.metrics
        let p = report.provenance
        var lines: [String] = []
        let parameters = report.point.parameters.sorted { $0.key < $1.key }.map { " (\($0.key) \($0.value))" }.joined()
        lines.append("\(p.dataset): \(p.method)\(parameters), seed \(p.seed), "
            + "\(p.trainRows) train / \(p.testRows) test rows, \(p.features) features")
        lines.append(row("", "f (black box)", "g (surrogate)"))
        if let a = m.blackBox.accuracy { lines.append(row("accuracy", fmt(a), fmt(m.surrogate.accuracy))) }
        if let f = m.blackBox.f1 { lines.append(row("F1", fmt(f), fmt(m.surrogate.f1))) }
        if let e = m.blackBox.mse { lines.append(row("MSE", fmt(e), fmt(m.surrogate.mse))) }
        if let r = m.blackBox.r2 { lines.append(row("R^2", fmt(r), fmt(m.surrogate.r2))) }
        lines.append(row("global fidelity GF", "", fmt(m.globalFidelity)))
        lines.append(row("R^2 agreement g~f", "", fmt(m.agreementR2)))
        if let n = m.neighbourhood {
            lines.append(row("GNF (\(n.points) points)", "LIME " + fmt(n.lime), fmt(n.surrogate)))
        }
        if let cost = report.edgeCost {
            var parts = ["\(cost.parameters) parameters (\(cost.modelBytes) bytes)"]
            if let p50 = cost.latencyP50Ms, let p99 = cost.latencyP99Ms {
                parts.append(String(format: "latency p50 %.3f ms, p99 %.3f ms", p50, p99))
            }
            if let peak = cost.peakMemoryMb {
                parts.append(String(format: "peak training memory %.0f MiB (%@)", peak, cost.peakMemoryScope ?? "?"))
            }
            lines.append("f on this machine: " + parts.joined(separator: ", "))
        }
        if let d = report.diagnostics, !d.isEmpty {
            lines.append("fit: " + d.sorted { $0.key < $1.key }.map { "\($0.key) \(fmt($0.value))" }.joined(separator: ", "))
        }
        for e in report.explanation {
            let top = e.strongest(6).map { String(format: "%@ %+.3f", $0.feature, $0.weight) }
            lines.append("g's strongest terms (\(e.output)): " + top.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    private func row(_ a: String, _ b: String, _ c: String) -> String {
        a.padding(toLength: 24, withPad: " ", startingAt: 0)
            + String(repeating: " ", count: max(0, 16 - b.count)) + b
            + String(repeating: " ", count: max(0, 16 - c.count)) + c
    }

    private func fmt(_ v: Double?) -> String {
        guard let v else { return "-" }
        return abs(v) < 1e-3 && v != 0 ? String(format: "%.2e", v) : String(format: "%.4f", v)
    }
}
