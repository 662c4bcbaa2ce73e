import Foundation
import FrontierSettings
import FrontierSweep

/// `sweep results`: one row per run with its task, parameters, seed, shard, worker,
/// every objective, timings and, for training runs, g's coefficients by feature name
/// (read from the run's report: `explanation[].terms`).
public enum RunResultsTable {
    /// CSV with a header. Coefficient columns are `g:<feature>` (and `g:intercept`) for a
    /// single-output g, `g[<output>]:<feature>` for one per class.
    public static func csv(_ records: [RunRecord]) -> String {
        let parameters = Set(records.flatMap { $0.parameters.keys }).sorted()
        let objectives = Set(records.flatMap { $0.objectives.keys }).sorted()
        var coefficientColumns: [String] = []
        var seen: Set<String> = []
        let coefficients = records.map { record -> [String: Double] in
            let pairs = Self.coefficients(of: record)
            for (name, _) in pairs where seen.insert(name).inserted { coefficientColumns.append(name) }
            return Dictionary(pairs, uniquingKeysWith: { $1 })
        }
        let header = ["sweep_id", "task_id", "job_kind"] + parameters + ["seed", "dataset", "shard_id", "worker"]
            + objectives + ["training_seconds", "evaluation_seconds"] + coefficientColumns
        var lines = [header.map(field).joined(separator: ",")]
        for (record, coefficients) in zip(records, coefficients) {
            var fields = [record.sweepID, record.taskID, record.jobKind]
            fields += parameters.map { record.parameters[$0].map(number) ?? "" }
            fields += [String(record.seed), record.dataset, String(record.shardID), record.worker]
            fields += objectives.map { record.objectives[$0].map(number) ?? "" }
            // Unknown timings (results stored before protocol 1.3) are empty fields.
            fields += [record.trainingSeconds.map(number) ?? "", record.evaluationSeconds.map(number) ?? ""]
            fields += coefficientColumns.map { coefficients[$0].map(number) ?? "" }
            lines.append(fields.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object per line (the records as stored).
    public static func jsonLines(_ records: [RunRecord]) -> String {
        records.map(\.jsonLine).joined(separator: "\n") + (records.isEmpty ? "" : "\n")
    }

    /// `(column, value)` for each coefficient in the run's report, in report order.
    static func coefficients(of record: RunRecord) -> [(String, Double)] {
        guard case .list(let outputs)? = record.report.mapValue?["explanation"] else { return [] }
        var pairs: [(String, Double)] = []
        for output in outputs {
            guard let entries = output.mapValue, case .list(let terms)? = entries["terms"] else { continue }
            var prefix = "g:"
            if outputs.count > 1, case .string(let name)? = entries["output"] { prefix = "g[\(name)]:" }
            if case .number(let b)? = entries["intercept"] { pairs.append((prefix + "intercept", b)) }
            for term in terms {
                guard let t = term.mapValue, case .string(let feature)? = t["feature"], case .number(let w)? = t["weight"] else { continue }
                pairs.append((prefix + feature, w))
            }
        }
        return pairs
    }

    private static func number(_ x: Double) -> String { "\(x)" }

    /// RFC 4180 quoting: only fields with a comma, quote or line break are quoted.
    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
