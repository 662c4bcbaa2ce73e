import Foundation
import FrontierCluster
import Hummingbird

/// A stream of `SweepEvent`s as server-sent events (`text/event-stream`): `event: KIND` and
/// one `data:` line of JSON each. The response ends after a finished sweep's last event
/// (the page then closes its EventSource), or when the observatory drops a slow reader; the
/// browser's EventSource then reconnects after `retry` ms and starts again from a snapshot.
///
/// Events are coalesced: a reader's events that arrive within `coalescing` of each other go
/// out as one write. A busy sweep produces several events per result for every reader, and one
/// write (and one wake-up of the reader) per event was most of what ten readers cost the
/// coordinator's machine (docs/results/web-bench.md).
enum EventStreamResponse {
    static let retryMilliseconds = 2000
    /// How long a write waits for more events once one has arrived.
    static let coalescing: Duration = .milliseconds(10)

    static func response(_ events: AsyncStream<SweepEvent>) -> Response {
        Response(status: .ok,
                 headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
                 body: ResponseBody { writer in
                     try await writer.write(ByteBuffer(string: "retry: \(retryMilliseconds)\n\n"))
                     let pending = PendingFrames()
                     let (wakeups, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
                     try await withThrowingTaskGroup(of: Void.self) { group in
                         // The reader's events are framed as they come; this task never writes.
                         group.addTask {
                             for await event in events {
                                 pending.append(frame(event))
                                 wake.yield()
                                 if event.isLast { break }
                             }
                             pending.finish()
                             wake.yield()
                             wake.finish()
                         }
                         defer { group.cancelAll() }
                         for await _ in wakeups {
                             try await Task.sleep(for: coalescing)
                             let (text, finished) = pending.take()
                             if !text.isEmpty { try await writer.write(ByteBuffer(string: text)) }
                             if finished { break }
                         }
                     }
                     try await writer.finish(nil)
                 })
    }

    /// One event as the wire carries it (the JSON is one line: no newline to split).
    static func frame(_ event: SweepEvent) -> String {
        "event: \(event.kind.rawValue)\ndata: \(event.json)\n\n"
    }
}

/// Framed events waiting for the next write, and whether the stream has ended.
private final class PendingFrames: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    private var finished = false

    func append(_ frame: String) { lock.withLock { text += frame } }
    func finish() { lock.withLock { finished = true } }

    /// Everything waiting (emptied), and whether nothing more will come.
    func take() -> (text: String, finished: Bool) {
        lock.withLock {
            defer { text = "" }
            return (text, finished)
        }
    }
}
