import Foundation
import FrontierSupport

/// A task's JSON report as the job kinds write it: the one `--json` convention (`JSONOutput`:
/// pretty, key-sorted, snake_case keys, a non-finite number such as a NaN agreement over
/// constant rows as a string).
protocol TaskReportJSON: Encodable {}

extension TaskReportJSON {
    func json() throws -> Data { try JSONOutput.encoder().encode(self) }
}
