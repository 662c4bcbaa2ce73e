import Foundation
import FrontierCluster
import Hummingbird

/// A live feed of `SweepEvent`s as server-sent events (`text/event-stream`): `event: KIND` and
/// one `data:` line of JSON each. The response ends after a finished sweep's last event
/// (the page then closes its EventSource), or when the observatory drops a slow reader; the
/// browser's EventSource then reconnects after `retry` ms and starts again from a snapshot.
///
/// After each write the reader pauses for `coalescing`, then takes every event published
/// meanwhile in one write: a busy sweep produces several events per result, and one write
/// (and one wake-up) per event per reader was most of what readers cost the coordinator's
/// machine (docs/results/web-bench.md).
enum EventStreamResponse {
    static let retryMilliseconds = 2000
    /// How long a reader waits after a write before taking the events that came meanwhile.
    static let coalescing: Duration = .milliseconds(50)
    /// How long a stream stays silent before it sends a comment line (ignored by EventSource):
    /// proxies close connections idle for a minute or so, and a reader that went away is only
    /// noticed when written to.
    static let keepAlive: Duration = .seconds(15)

    static func response(_ feed: SweepEventFeed) -> Response {
        Response(status: .ok,
                 headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
                 body: ResponseBody { writer in
                     try await writer.write(ByteBuffer(string: "retry: \(retryMilliseconds)\n\n"))
                     while let events = await feed.next(waitingAtMost: keepAlive) {
                         guard !events.isEmpty else {
                             try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                             continue
                         }
                         try await writer.write(frames(events))
                         try await Task.sleep(for: coalescing)
                     }
                     try await writer.finish(nil)
                 })
    }

    /// The events as the wire carries them, in one buffer.
    static func frames(_ events: [SweepEvent]) -> ByteBuffer {
        let texts = events.map(\.serverSentEvent)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count })
        for text in texts { buffer.writeString(text) }
        return buffer
    }
}
