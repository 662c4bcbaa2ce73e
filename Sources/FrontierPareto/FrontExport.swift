import Foundation

/// File exports of a sweep's fronts: CSV for spreadsheets, JSON for programs,
/// SVG (see `svg(_:x:y:title:)`) for papers.
public enum FrontExport {
    /// The rows as CSV, one line per row after a header.
    ///
    /// Columns: `dataset`, `label`, one per parameter name (sorted; empty where a
    /// row lacks it), `<objective>_mean` and `<objective>_std` per objective,
    /// `replicates`, `on_front` (`true`/`false`), `last_worker`, `last_task_id`.
    /// Numbers use Swift's shortest round-tripping form, so nothing is lost.
    ///
    /// - Parameter objectives: objective columns in order; by default every
    ///   objective name any row has, sorted.
    public static func csv(_ rows: [FrontRow], objectives: [String]? = nil) -> String {
        let parameterNames = Set(rows.flatMap { $0.parameters.keys }).sorted()
        let objectiveNames = objectives ?? Set(rows.flatMap { $0.objectives.keys }).sorted()
        var header = ["dataset", "label"] + parameterNames
        for name in objectiveNames { header += ["\(name)_mean", "\(name)_std"] }
        header += ["replicates", "on_front", "last_worker", "last_task_id"]
        var lines = [header.map(csvField).joined(separator: ",")]
        for row in rows {
            var fields = [row.dataset, row.label]
            fields += parameterNames.map { row.parameters[$0].map { "\($0)" } ?? "" }
            for name in objectiveNames {
                fields.append(row.mean(name).map { "\($0)" } ?? "")
                fields.append(row.standardDeviation(name).map { "\($0)" } ?? "")
            }
            fields += ["\(row.replicates)", row.onFront ? "true" : "false", row.lastWorker, row.lastTaskID]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting: only fields with a comma, quote or line break are quoted.
    private static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The snapshot as pretty-printed JSON with sorted keys, so two exports of the
    /// same state are byte-identical and diff cleanly. Non-finite numbers (which
    /// the aggregator never produces, but a hand-built snapshot might) are written
    /// as the strings `"inf"`, `"-inf"`, `"nan"` rather than failing.
    public static func json(_ snapshot: FrontSnapshot) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(snapshot)
    }

    /// Reads back what `json(_:)` wrote.
    public static func snapshot(fromJSON data: Data) throws -> FrontSnapshot {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(FrontSnapshot.self, from: data)
    }
}
