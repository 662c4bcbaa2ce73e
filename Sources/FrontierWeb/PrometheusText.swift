import FrontierCoordinator

/// A writer of the Prometheus text exposition format (version 0.0.4): `# HELP` and
/// `# TYPE` once per metric family, then its samples, label values escaped.
struct PrometheusText {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    private(set) var text = ""

    /// Starts a family: `type` is `counter`, `gauge` or `histogram`.
    mutating func family(_ name: String, _ type: String, help: String) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n"
    }

    /// One sample of the current family.
    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
        text += name + Self.labels(labels) + " " + Self.number(value) + "\n"
    }

    /// One sample without labels.
    mutating func sample(_ name: String, _ value: Double) { sample(name, [], value) }

    /// A histogram's buckets (cumulative, then `+Inf`), sum and count.
    mutating func histogram(_ name: String, help: String, _ reading: LatencyHistogram.Reading) {
        family(name, "histogram", help: help)
        for (bound, count) in zip(reading.upperBounds, reading.buckets) {
            sample(name + "_bucket", [("le", Self.number(bound))], Double(count))
        }
        sample(name + "_bucket", [("le", "+Inf")], Double(reading.count))
        sample(name + "_sum", reading.sum)
        sample(name + "_count", Double(reading.count))
    }

    private static func labels(_ labels: [(String, String)]) -> String {
        guard !labels.isEmpty else { return "" }
        return "{" + labels.map { "\($0.0)=\"\(escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
    }

    /// Integers without a fraction; others as Swift prints them (Go's ParseFloat reads both).
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func escapeLabel(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
