import Foundation

/// A strict reader of the Prometheus text format (0.0.4) for the tests: every line is a
/// `# HELP`, a `# TYPE` or a sample `name{label="value",...} number`; a sample's family
/// must have been declared; histogram buckets must be cumulative and end in `+Inf`
/// equal to `_count`.
struct PrometheusTextParser {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    enum Failure: Error, CustomStringConvertible {
        case bad(line: Int, String)
        var description: String { if case .bad(let line, let why) = self { "line \(line): \(why)" } else { "" } }
    }

    private(set) var samples: [Sample] = []
    private(set) var types: [String: String] = [:]

    init(_ text: String) throws {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                    throw Failure.bad(line: number, "malformed TYPE")
                }
                guard types[String(parts[2])] == nil else { throw Failure.bad(line: number, "family \(parts[2]) declared twice") }
                types[String(parts[2])] = String(parts[3])
                continue
            }
            if line.hasPrefix("#") { continue }
            let sample = try Self.sample(Substring(line), line: number)
            guard family(of: sample.name) != nil else { throw Failure.bad(line: number, "\(sample.name) has no TYPE") }
            samples.append(sample)
        }
        try checkHistograms()
    }

    /// The family a sample belongs to (`x_bucket`, `x_sum`, `x_count` of histogram `x`).
    func family(of name: String) -> String? {
        if types[name] != nil { return name }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" { return base }
        }
        return nil
    }

    /// The value of the one sample named `name` with exactly `labels`.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private func checkHistograms() throws {
        for (name, type) in types where type == "histogram" {
            let buckets = samples.filter { $0.name == name + "_bucket" }
            guard let last = buckets.last, last.labels["le"] == "+Inf" else {
                throw Failure.bad(line: 0, "histogram \(name) has no +Inf bucket")
            }
            for (a, b) in zip(buckets, buckets.dropFirst()) where b.value < a.value {
                throw Failure.bad(line: 0, "histogram \(name) buckets are not cumulative")
            }
            guard value(name + "_count") == last.value else { throw Failure.bad(line: 0, "histogram \(name): +Inf != _count") }
        }
    }

    private static func sample(_ line: Substring, line number: Int) throws -> Sample {
        var rest = line
        let nameEnd = rest.firstIndex { $0 == "{" || $0 == " " } ?? rest.endIndex
        let name = String(rest[..<nameEnd])
        guard let first = name.first, first.isLetter || first == "_" || first == ":",
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }) else {
            throw Failure.bad(line: number, "bad metric name \(name)")
        }
        rest = rest[nameEnd...]
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                guard let equals = rest.firstIndex(of: "=") else { throw Failure.bad(line: number, "label without =") }
                let label = String(rest[..<equals])
                rest = rest[rest.index(after: equals)...]
                guard rest.first == "\"" else { throw Failure.bad(line: number, "label value not quoted") }
                rest = rest.dropFirst()
                var value = ""
                while let c = rest.first, c != "\"" {
                    rest = rest.dropFirst()
                    if c == "\\" {
                        guard let escaped = rest.first else { throw Failure.bad(line: number, "dangling escape") }
                        rest = rest.dropFirst()
                        switch escaped {
                        case "n": value.append("\n")
                        case "\\", "\"": value.append(escaped)
                        default: throw Failure.bad(line: number, "bad escape \\\(escaped)")
                        }
                    } else {
                        value.append(c)
                    }
                }
                guard rest.first == "\"" else { throw Failure.bad(line: number, "unterminated label value") }
                rest = rest.dropFirst()
                labels[label] = value
                if rest.first == "," { rest = rest.dropFirst() }
            }
            rest = rest.dropFirst()
        }
        let fields = rest.split(separator: " ")
        guard fields.count == 1 || fields.count == 2 else { throw Failure.bad(line: number, "expected a value") }
        let text = String(fields[0])
        let value: Double? = switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
        guard let value else { throw Failure.bad(line: number, "bad value \(text)") }
        return Sample(name: name, labels: labels, value: value)
    }
}
