import FrontierCluster
import Hummingbird

/// A stream of `SweepEvent`s as server-sent events (`text/event-stream`): `event: KIND` and
/// one `data:` line of JSON each. The response ends after a finished sweep's last event
/// (the page then closes its EventSource), or when the observatory drops a slow reader; the browser's EventSource then reconnects after `retry` ms and
/// starts again from a snapshot.
enum EventStreamResponse {
    static let retryMilliseconds = 2000

    static func response(_ events: AsyncStream<SweepEvent>) -> Response {
        Response(status: .ok,
                 headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
                 body: ResponseBody { writer in
                     try await writer.write(ByteBuffer(string: "retry: \(retryMilliseconds)\n\n"))
                     for await event in events {
                         try await writer.write(ByteBuffer(string: frame(event)))
                         if event.isLast { break }
                     }
                     try await writer.finish(nil)
                 })
    }

    /// One event as the wire carries it (the JSON is one line: no newline to split).
    static func frame(_ event: SweepEvent) -> String {
        "event: \(event.kind.rawValue)\ndata: \(event.json)\n\n"
    }
}
