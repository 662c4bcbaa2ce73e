import Foundation
import FrontierCoordinator
import FrontierProtocol
import FrontierSweep

/// `SweepResults` pages: a sweep's stored runs on the wire, each page cut to fit the
/// envelope limit whatever the reports weigh, and back into `RunRecord`s on the client.
public enum ResultMessages {
    /// Runs per page when the request asks for 0.
    public static let defaultLimit = 256
    /// Most runs in one page, whatever the request asks.
    public static let maxLimit = 10_000
    /// Runs read from the store at a time while a page fills (reports may be large: a page
    /// stops reading once it is full).
    static let readBatch = 32
    /// Bytes kept free for the envelope header and the page's own fields (a sweep id is at most 256 bytes).
    static let headroom = 1024

    /// One page being filled: runs are added until the next would not fit `maxEnvelopeBytes`.
    /// The first run always goes in (its report left out, `report_omitted`, if the report
    /// alone would not fit), so a client paging through always moves on.
    struct Page {
        private(set) var message = SweepResults()
        private let budget: Int
        private var used = 0

        init(sweepID: String, total: Int, maxEnvelopeBytes: Int) {
            message.sweepID = sweepID
            message.total = UInt32(clamping: total)
            budget = maxEnvelopeBytes - ResultMessages.headroom
        }

        /// Adds `stored` if it fits; false (nothing added) when the page is full.
        mutating func add(_ stored: StoredRunRecord) -> Bool {
            var record = RunResult(stored)
            var size = Self.encodedSize(record)
            if used + size > budget {
                guard message.records.isEmpty else { return false }
                record.report = Data()
                record.reportOmitted = true
                size = Self.encodedSize(record)
            }
            message.records.append(record)
            used += size
            return true
        }

        /// The finished page for a request from `offset`.
        func reply(offset: Int) -> SweepResults {
            var reply = message
            reply.nextOffset = UInt32(clamping: min(Int(message.total), offset + message.records.count))
            return reply
        }

        /// Bytes `record` takes inside the page: its encoding, a tag and a length prefix.
        private static func encodedSize(_ record: RunResult) -> Int {
            ((try? record.serializedBytes() as Data)?.count ?? 0) + 6
        }
    }
}

extension RunResult {
    /// The wire form of a stored run.
    public init(_ stored: StoredRunRecord) {
        self.init()
        taskID = stored.result.taskID
        taskIndex = UInt32(clamping: stored.taskIndex)
        attempt = UInt32(clamping: stored.result.attempt)
        jobKind = stored.jobKind
        parameters = stored.parameters
        seed = stored.seed
        dataset = stored.dataset
        shardID = UInt32(clamping: stored.shardID)
        workerName = stored.result.workerName
        objectives = stored.result.objectives
        if let ms = stored.result.trainingMilliseconds { trainingMs = UInt64(clamping: ms) }
        if let ms = stored.result.evaluationMilliseconds { evaluationMs = UInt64(clamping: ms) }
        report = stored.result.report
    }

    /// The run as `sweep results` prints it (the same record a local run writes).
    public func runRecord(sweepID: String) -> RunRecord {
        RunRecord(sweepID: sweepID, taskID: taskID, jobKind: jobKind, parameters: parameters, seed: seed,
                  dataset: dataset, shardID: Int(shardID), worker: workerName, objectives: objectives,
                  trainingSeconds: hasTrainingMs ? Double(trainingMs) / 1000 : nil,
                  evaluationSeconds: hasEvaluationMs ? Double(evaluationMs) / 1000 : nil, report: report)
    }
}
