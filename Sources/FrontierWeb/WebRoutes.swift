import FrontierCluster
import FrontierSupport
import Hummingbird

/// The web view's routes, all read-only: the pages, the JSON API under `/api/` (the CLI's
/// `--json` shapes, `ClusterJSON`), the event streams and `/metrics`. See docs/web.md.
enum WebRoutes {
    static func add(to router: Router<BasicRequestContext>, observatory: CoordinatorObservatory) {
        router.get("/") { _, _ in page(WebPage.html) }
        router.get("/sweeps/:id") { _, _ in page(WebPage.html) }
        router.get("/workers") { _, _ in page(WebPage.html) }
        router.get("/assets/app.js") { _, _ in asset(WebPage.script, type: "text/javascript; charset=utf-8") }
        router.get("/assets/style.css") { _, _ in asset(WebPage.style, type: "text/css; charset=utf-8") }

        router.get("/api/sweeps") { _, _ in json(ClusterJSON.Status(observatory.currentOverview().status)) }
        router.get("/api/sweeps/:id") { _, context in
            let id = try context.parameters.require("id")
            var status = observatory.currentOverview().status
            status.sweeps = status.sweeps.filter { $0.sweepID == id }
            guard !status.sweeps.isEmpty else { throw notFound(id) }
            return json(ClusterJSON.Status(status))
        }
        router.get("/api/sweeps/:id/front") { _, context in
            let id = try context.parameters.require("id")
            guard let front = observatory.front(sweepID: id) else { throw notFound(id) }
            return json(ClusterJSON.Front(front))
        }
        router.get("/api/sweeps/:id/hypervolume") { _, context in
            let id = try context.parameters.require("id")
            guard let points = observatory.hypervolumeHistory(sweepID: id) else { throw notFound(id) }
            return json(ClusterJSON.HypervolumeHistory(sweepID: id, points: points))
        }
        router.get("/api/sweeps/:id/results") { _, context in
            let id = try context.parameters.require("id")
            guard let runs = observatory.runs(sweepID: id) else { throw notFound(id) }
            // The lines of `sweep results --format jsonl`, as one JSON array.
            return text("[" + runs.map(\.jsonLine).joined(separator: ",") + "]", type: jsonType)
        }
        router.get("/api/sweeps/:id/events") { _, context in
            let id = try context.parameters.require("id")
            guard let events = observatory.follow(sweepID: id) else { throw notFound(id) }
            return EventStreamResponse.response(events)
        }
        router.get("/api/workers") { _, _ in
            let overview = observatory.currentOverview()
            return json(ClusterJSON.Workers(workers: overview.workers, takenAt: overview.takenAt))
        }
        router.get("/api/events") { _, _ in EventStreamResponse.response(observatory.followOverview()) }
        router.get("/metrics") { _, _ in text(CoordinatorMetricsPage.render(observatory), type: PrometheusText.contentType) }
    }

    static let jsonType = "application/json; charset=utf-8"

    private static func json<T: Encodable>(_ value: T) -> Response {
        text(ClusterJSON.string(value), type: jsonType)
    }

    private static func text(_ body: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    private static func page(_ html: String) -> Response { text(html, type: "text/html; charset=utf-8") }

    private static func asset(_ body: String, type: String) -> Response { text(body, type: type) }

    private static func notFound(_ sweepID: String) -> HTTPError {
        HTTPError(.notFound, message: "no sweep with id \(sweepID)")
    }
}
