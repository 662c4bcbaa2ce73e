import FrontierCoordinator
import FrontierProtocol

extension CoordinatorServer {
    /// Answers a `SweepResultsRequest` with one page of the sweep's runs, as many as the
    /// request's limit and the envelope limit allow (`ResultMessages.Page`), or `NOT_FOUND`
    /// for an unknown sweep.
    func replyResults(_ request: SweepResultsRequest, to client: WorkerID, for envelope: Envelope) {
        guard let scheduler else { return }
        let offset = Int(request.offset)
        let limit = request.limit == 0 ? ResultMessages.defaultLimit : min(Int(request.limit), ResultMessages.maxLimit)
        do {
            var requested = min(limit, ResultMessages.readBatch)
            guard let first = try scheduler.runRecords(sweepID: request.sweepID, offset: offset, limit: requested) else {
                return replyError(.notFound, "no sweep with id \(request.sweepID) on this coordinator",
                                  to: client, for: envelope)
            }
            var page = ResultMessages.Page(sweepID: request.sweepID, total: first.total,
                                           maxEnvelopeBytes: codec.limits.maxEnvelopeBytes)
            var batch = first.records
            filling: while true {
                for record in batch where !page.add(record) { break filling }
                let count = page.message.records.count
                // The store ran out, or the page holds what was asked for.
                if batch.count < requested || count >= limit { break }
                requested = min(limit - count, ResultMessages.readBatch)
                batch = try scheduler.store.runRecords(sweepID: request.sweepID, offset: offset + count, limit: requested)
            }
            reply(.sweepResults(page.reply(offset: offset)), to: client, for: envelope)
        } catch {
            logger.error("could not read the results of sweep \(request.sweepID): \(error)")
            replyError(.internal, "the coordinator could not read the results of sweep \(request.sweepID)",
                       to: client, for: envelope)
        }
    }
}
