import Foundation
import Testing
import FrontierProtocol
@testable import FrontierCluster

/// The coordinator's web view end to end: a real coordinator with `--http`, real workers, a
/// real browser (Debian's chromium, headless, driven over the DevTools protocol).
@Suite("WebView", .serialized, .timeLimit(.minutes(2)))
struct WebViewTests {
    /// A coordinator serving the web view on a free loopback port; returns the page's base URL.
    private func startWebCoordinator(_ cluster: TestCluster, extra: [String] = []) throws -> String {
        cluster.coordinatorArguments = ["--http", "127.0.0.1:0"] + extra
        try cluster.startCoordinator()
        return try cluster.coordinator.child.waitForStderr(#"web view on (http://\S+?)/?(\s|$)"#)[1]
    }

    /// The page shows the front's points, a new result appears without a reload (server-sent
    /// events), and hovering a point shows its parameters.
    @Test func browserFollowsTheFront() throws {
        guard HeadlessChromium.executable != nil else {
            // scripts/bootstrap installs it; only a machine where that failed gets here.
            print("skipped: chromium is not installed (scripts/bootstrap installs Debian's chromium)")
            return
        }
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        let base = try startWebCoordinator(cluster)
        // Three points × two shards; no worker yet, so the page starts from an empty front.
        let sweep = try cluster.submitNoop(name: "web", xs: [1, 2, 3], seconds: 0.3)
        let browser = try HeadlessChromium(logDirectory: cluster.group.directory)
        defer { browser.shutDown() }
        try browser.open("\(base)/sweeps/\(sweep.id)")
        try browser.waitUntil("document.getElementById('front-summary')?.textContent.startsWith('0 points') === true")
        // A reload would lose this mark.
        _ = try browser.evaluate("window.loadedOnce = 'yes'")

        try cluster.startWorker("a")
        try browser.waitUntil("document.querySelectorAll('#front-plot circle.point').length >= 1")
        try browser.waitUntil("document.getElementById('front-summary').textContent.includes('done')", timeout: .seconds(60))
        #expect(try browser.evaluate("window.loadedOnce") as? String == "yes")

        // The points the page draws are the coordinator's front.
        let front = try HTTPGet.fetch("\(base)/api/sweeps/\(sweep.id)/front").object()
        let rows = try #require(front["rows"] as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(try browser.evaluate("document.querySelectorAll('#front-plot circle.point').length") as? Int == rows.count)
        let pareto = rows.filter { $0["on_front"] as? Bool == true }.count
        #expect(try browser.evaluate("document.querySelectorAll('#front-plot circle.pareto').length") as? Int == pareto)
        #expect(try browser.evaluate("window.pageErrors.join('; ')") as? String == "")
        // Every run is in the table (a header row plus one per task).
        try browser.waitUntil("document.querySelectorAll('#runs tr').length === \(sweep.tasks + 1)")

        // Hover the first point: the tooltip names its parameters.
        let target = try #require(try browser.evaluate("""
            (() => { const c = document.querySelector('#front-plot circle.point'); const b = c.getBoundingClientRect();
                     return { x: b.left + b.width / 2, y: b.top + b.height / 2, key: c.dataset.rowKey }; })()
            """) as? [String: Any])
        let x = try #require(target["x"] as? Double), y = try #require(target["y"] as? Double)
        let key = try #require(target["key"] as? String)
        try browser.moveMouse(x: x, y: y)
        try browser.waitUntil("!document.getElementById('tooltip').hidden")
        let tip = try #require(try browser.evaluate("document.getElementById('tooltip').textContent") as? String)
        // The row key ends `x=1.0`; the page writes numbers as JavaScript does (`1`).
        let parameter = try #require(key.split(separator: "|").last?.split(separator: "=").last.flatMap { Double($0) })
        let shown = parameter == parameter.rounded() ? String(Int(parameter)) : String(parameter)
        #expect(tip.contains("parameters: x = \(shown)"), "tooltip: \(tip), row \(key)")
        #expect(tip.contains("error_rate") || tip.contains("loss") || tip.contains("±"))
        #expect(tip.contains("workers: a"))

        // The sweeps list links to the sweep; the workers list shows the worker.
        try browser.open("\(base)/")
        try browser.waitUntil("document.querySelector('#sweeps a')?.textContent === '\(sweep.id)'")
        try browser.waitUntil("document.querySelector('#workers td')?.textContent === 'a'")
    }

    /// `/metrics` parses as the Prometheus text format and its counts are `sweep status`'s.
    @Test func metricsMatchStatus() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        let base = try startWebCoordinator(cluster)
        try cluster.startWorker("a", slots: 2)
        let sweep = try cluster.submitNoop(name: "metrics", xs: [1, 2, 3], seconds: 0.05)
        _ = try cluster.waitUntilFinished(sweep.id)
        let status = try cluster.cliStatus(sweep.id)
        // The counts are republished within a second of the last change, the workers within two.
        var metrics = try PrometheusTextParser(HTTPGet.fetch("\(base)/metrics").body)
        let deadline = ContinuousClock.now + .seconds(5)
        while metrics.value("frontier_sweep_tasks", ["sweep_id": sweep.id, "state": "done"]) != Double(status.tasksDone)
                || metrics.value("frontier_worker_running_tasks", ["worker": "a"]) != 0,
              ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            metrics = try PrometheusTextParser(HTTPGet.fetch("\(base)/metrics").body)
        }
        let counts: [(String, UInt32)] = [("pending", status.tasksPending), ("running", status.tasksRunning),
                                          ("done", status.tasksDone), ("failed", status.tasksFailed),
                                          ("cancelled", status.tasksCancelled)]
        for (state, count) in counts {
            #expect(metrics.value("frontier_sweep_tasks", ["sweep_id": sweep.id, "state": state]) == Double(count), "\(state)")
            #expect(metrics.value("frontier_tasks", ["state": state]) == Double(count), "\(state)")
        }
        #expect(metrics.value("frontier_results_total") == Double(sweep.tasks))
        #expect(metrics.value("frontier_assignments_total") == Double(sweep.tasks))
        #expect(metrics.value("frontier_assignment_wait_seconds_count") == Double(sweep.tasks))
        #expect(metrics.value("frontier_connected_workers") == 1)
        #expect(metrics.value("frontier_worker_running_tasks", ["worker": "a"]) == 0)
        #expect(metrics.value("frontier_front_update_seconds_count") == Double(sweep.tasks))
        #expect((metrics.value("frontier_store_commit_seconds_count") ?? 0) >= Double(sweep.tasks))
        #expect(metrics.types["frontier_results_total"] == "counter")

        // The JSON API answers in the CLI's shapes.
        let viaAPI = try HTTPGet.fetch("\(base)/api/sweeps/\(sweep.id)").object()
        let summary = try #require((viaAPI["sweeps"] as? [[String: Any]])?.first)
        #expect(summary["tasks_done"] as? Int == Int(status.tasksDone))
        #expect(summary["state"] as? String == "done")
        let results = try HTTPGet.fetch("\(base)/api/sweeps/\(sweep.id)/results")
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(results.body.utf8)) as? [[String: Any]])
        #expect(runs.count == sweep.tasks)
        #expect(Set(runs.compactMap { $0["task_id"] as? String }).count == sweep.tasks)
        let workers = try HTTPGet.fetch("\(base)/api/workers").object()
        #expect((workers["workers"] as? [[String: Any]])?.first?["name"] as? String == "a")
        #expect(try HTTPGet.fetch("\(base)/api/sweeps/no-such-sweep/front").status == 404)
    }

    /// Beyond loopback a token is required to start, and every request without it is refused.
    @Test func tokenGuardsNonLoopback() throws {
        let cluster = try TestCluster()
        defer { cluster.shutDown() }
        let refused = try cluster.group.start("coordinator without token", [
            "coordinator", "--bind", "tcp://127.0.0.1:*", "--publish", "tcp://127.0.0.1:*",
            "--state", cluster.state + "-refused", "--http", "0.0.0.0:0"])
        #expect(refused.waitForExit(timeout: .seconds(20)) != 0)
        #expect(refused.stderr.contains("token is required"))

        let token = "web-token-\(UUID().uuidString)"
        let file = cluster.group.directory.appendingPathComponent("web.token")
        try (token + "\n").write(to: file, atomically: true, encoding: .utf8)
        cluster.coordinatorArguments = ["--http", "0.0.0.0:0", "--http-token", file.path]
        try cluster.startCoordinator()
        let port = try cluster.coordinator.child.waitForStderr(#"web view on http://\S+:(\d+)/"#)[1]
        let base = "http://127.0.0.1:\(port)"
        for path in ["/", "/api/sweeps", "/metrics", "/api/events"] {
            #expect(try HTTPGet.fetch(base + path).status == 401, "\(path)")
            #expect(try HTTPGet.fetch(base + path + "?token=wrong-\(token)").status == 401, "\(path)")
        }
        #expect(try HTTPGet.fetch(base + "/api/sweeps", bearer: token).status == 200)
        #expect(try HTTPGet.fetch(base + "/api/sweeps?token=\(token)").status == 200)
        #expect(try HTTPGet.fetch(base + "/metrics", bearer: String(token.dropLast())).status == 401)
    }
}
