import Foundation

/// A task's JSON report as the job kinds write it: pretty, key-sorted, snake_case keys, and a
/// non-finite number (a NaN agreement over constant rows) as a string ("nan", "inf").
protocol TaskReportJSON: Encodable {}

extension TaskReportJSON {
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self)
    }
}
