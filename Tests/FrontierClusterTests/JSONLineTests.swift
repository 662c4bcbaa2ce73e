import Foundation
import Testing
import FrontierML
import FrontierProtocol
import FrontierSettings
import FrontierSupport
@testable import FrontierSweep
@testable import FrontierCluster

/// `JSONLine` writes the web view's hot values as `JSONEncoder` would, byte for byte, on random
/// values; what it cannot match it says so, and the encoder is used.
@Suite("JSON lines")
struct JSONLineTests {
    /// Reproducible random values of the shapes these records hold.
    struct Random {
        var generator: SeededGenerator
        init(seed: UInt64) { generator = SeededGenerator(seed: seed) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func below(_ n: Int) -> Int { Int.random(in: 0..<n, using: &generator) }

        /// Doubles of every magnitude and form: integers, tiny, huge, negative zero, thirds.
        mutating func double() -> Double {
            switch below(6) {
            case 0: return Double(below(2001)) - 1000
            case 1: return Double(bitPattern: next() & 0x7FEF_FFFF_FFFF_FFFF) * (below(2) == 0 ? 1 : -1)
            case 2: return Double(below(1000)) * pow(10, Double(below(40)) - 20)
            case 3: return [0.0, -0.0, 0.1, 1.0 / 3, 1e-5, 1e16, 1e15, 5e-324][below(8)]
            default: return Double(next() % 1_000_000) / 1_000_000
            }
        }

        /// Strings with quotes, backslashes, slashes, control characters and non-ASCII text.
        mutating func string() -> String {
            let pieces = ["a", "z", "_", "x1", "/", "\"", "\\", "\n", "\t", "\r", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}",
                          "\u{7F}", "é", "Ü", "😀", " ", "|", "=", "alpha", "error_rate"]
            return (0..<below(6)).map { _ in pieces[below(pieces.count)] }.joined()
        }

        /// snake_case keys (what Frontier's objectives and parameters are called).
        mutating func key() -> String {
            let pieces = ["alpha", "ray", "x", "error_rate", "global_fidelity", "_", "a1", "b", "latency_p50_ms"]
            return (0..<(1 + below(3))).map { _ in pieces[below(pieces.count)] }.joined(separator: "_")
        }

        mutating func numbers() -> [String: Double] {
            Dictionary((0..<below(5)).map { _ in (key(), double()) }, uniquingKeysWith: { a, _ in a })
        }

        mutating func setting(depth: Int = 0) -> SettingValue {
            switch below(depth > 2 ? 4 : 6) {
            case 0: return .null
            case 1: return .bool(below(2) == 0)
            case 2: return .number(double())
            case 3: return .string(string())
            case 4: return .list((0..<below(4)).map { _ in setting(depth: depth + 1) })
            default: return .map(Dictionary((0..<below(4)).map { _ in (string(), setting(depth: depth + 1)) },
                                            uniquingKeysWith: { a, _ in a }))
            }
        }
    }

    static func encoded<T: Encodable>(_ value: T) throws -> String { try JSONOutput.string(value, pretty: false) }

    @Test func frontsMatchTheEncoder() throws {
        var random = Random(seed: 1)
        for i in 0..<300 {
            var update = FrontUpdate()
            update.sweepID = random.string()
            update.sequence = random.next() >> UInt64(random.below(64))
            update.hypervolume = random.double()
            update.done = random.below(2) == 0
            update.referencePoint = random.numbers()
            update.rows = (0..<random.below(4)).map { _ in
                var row = FrontRow()
                (row.dataset, row.label, row.rowKey) = (random.string(), random.string(), random.string())
                (row.lastWorker, row.lastTaskID) = (random.string(), random.string())
                (row.parameters, row.objectiveMeans, row.objectiveStds) = (random.numbers(), random.numbers(), random.numbers())
                row.replicatesDone = UInt32(truncatingIfNeeded: random.next())
                row.onFront = random.below(2) == 0
                return row
            }
            var front = ClusterJSON.Front(update)
            if i % 2 == 0 { front.objectives = (0..<random.below(3)).map { _ in random.key() } }
            let line = JSONLine.write(front, convertsKeysToSnakeCase: true)
            #expect(line.exact)
            #expect(line.text == (try Self.encoded(front)), "value \(i)")
            #expect(ClusterJSON.string(front) == (try Self.encoded(front)))
        }
    }

    @Test func hypervolumePointsMatchTheEncoder() throws {
        var random = Random(seed: 2)
        for _ in 0..<300 {
            let point = ClusterJSON.HypervolumePoint(sequence: random.next(), time: random.double(), hypervolume: random.double())
            #expect(ClusterJSON.string(point) == (try Self.encoded(point)))
            #expect(JSONLine.write(point, convertsKeysToSnakeCase: true).exact)
        }
    }

    @Test func runRecordsMatchTheEncoder() throws {
        var random = Random(seed: 3)
        for i in 0..<300 {
            let report = try JSONEncoder().encode(random.setting())
            let record = RunRecord(sweepID: random.string(), taskID: random.string(), jobKind: random.string(),
                                   parameters: random.numbers(), seed: random.next(), dataset: random.string(),
                                   shardID: random.below(100) - 50, worker: random.string(), objectives: random.numbers(),
                                   trainingSeconds: random.below(3) == 0 ? nil : random.double(),
                                   evaluationSeconds: random.below(3) == 0 ? nil : random.double(), report: report)
            #expect(JSONLine.write(record, convertsKeysToSnakeCase: false).exact)
            #expect(record.jsonLine == record.encodedLine, "record \(i)")
            // Without the report: the same fields, the report left out.
            let full = try #require(try JSONSerialization.jsonObject(with: Data(record.jsonLine.utf8)) as? NSDictionary)
                .mutableCopy() as! NSMutableDictionary
            full.removeObject(forKey: "report")
            let lean = try #require(try JSONSerialization.jsonObject(with: Data(record.lineWithoutReport.utf8)) as? NSDictionary)
            #expect(lean == full, "record \(i)")
        }
    }

    /// A key snake_case would change, or a non-finite number: the encoder writes the line.
    @Test func whatItCannotMatchGoesToTheEncoder() throws {
        var update = FrontUpdate()
        update.sweepID = "s"
        update.referencePoint = ["errorRate": 1]
        let camel = ClusterJSON.Front(update)
        #expect(!JSONLine.write(camel, convertsKeysToSnakeCase: true).exact)
        #expect(ClusterJSON.string(camel) == (try Self.encoded(camel)))

        let infinite = ClusterJSON.HypervolumePoint(sequence: 1, time: 0, hypervolume: .infinity)
        #expect(!JSONLine.write(infinite, convertsKeysToSnakeCase: true).exact)
        #expect(ClusterJSON.string(infinite) == (try Self.encoded(infinite)))
        #expect(ClusterJSON.string(infinite).contains("\"inf\""))
    }
}
