import ArgumentParser
import Foundation
import FrontierCluster
import FrontierPareto
import FrontierProtocol
import FrontierTransport

/// `frontier tail`: the live aggregated front of a sweep.
struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Follow a sweep's aggregated Pareto front and progress as results stream in.",
        discussion: """
        Asks the coordinator for the sweep's status (which names its PUB endpoint), subscribes to \
        the sweep's updates, then asks for a snapshot and applies only the updates newer than it, \
        in order (the ZeroMQ guide's Clone pattern): a tail that joins late misses nothing and \
        counts nothing twice. The view shows done/total, running, failed and pending tasks with an \
        ETA, the front's table and a scatter plot; on a terminal it redraws in place.

        Examples:
          frontier tail                                   # the most recent sweep
          frontier tail adult-tradeoff-3f9a1c --until-done
          frontier tail adult-tradeoff-3f9a1c --json | jq .sequence
          frontier tail --coordinator tcp://head:5555 --curve-server-key head.pub
          frontier tail adult-tradeoff-3f9a1c --web       # prints the sweep's page of the web view
          FRONTIER_WEB=http://head:8080 frontier tail --web
        """)

    @Argument(help: "Sweep id (default: the most recent sweep).")
    var sweep: String?

    @OptionGroup var options: CoordinatorOptions

    @Option(help: ArgumentHelp("The coordinator's PUB endpoint (default: the one the coordinator advertises).",
                               valueName: "endpoint"))
    var publish: String?

    @Flag(help: "Exit when the sweep is done.")
    var untilDone = false

    @Flag(help: "Write one JSON object a line (the snapshot, then each applied update) instead of the view.")
    var json = false

    @Flag(help: ArgumentHelp("Print the URL of the sweep's page in the coordinator's web view and exit. The base is "
                             + "--web-base, else $FRONTIER_WEB, else http://COORDINATOR-HOST:8080 (docs/web.md)."))
    var web = false

    @Option(help: ArgumentHelp("The web view's base URL for --web, e.g. http://head:8080 (a ?token=... is kept).",
                               valueName: "url"))
    var webBase: String?

    func run() throws {
        if web { return try printWebPage() }
        // Resolved once: the requests and the subscriber use the same keys, and an ephemeral key is announced once.
        let curve = try options.curve.credentials()
        try options.withClient(curve: curve) { client in try follow(client, curve: curve) }
    }

    /// Subscribes, then keeps a `FrontView` current from updates, asking `client` for a
    /// snapshot at the start, after a gap and when the updates fall quiet.
    private func follow(_ client: ClusterClient, curve: CurveClientCredentials?) throws {
        let (sweepID, status) = try target(client)
        let endpoint = try publishEndpoint(status)
        let context = try ZMQContext()
        let subscriber = try context.socket(.sub)
        defer { subscriber.close(); context.shutdown() }
        // The PUB socket is a CURVE server too when the coordinator runs CURVE (same keys, same allowlist).
        try subscriber.secure(with: curve)
        try subscriber.connect(endpoint)
        try subscriber.subscribe(FrontTopic.for(sweepID: sweepID))
        let codec = EnvelopeCodec()
        var screen = TailScreen(json: json)
        var progress = status.sweeps.first
        var view = FrontView(sweepID: sweepID, snapshot: try client.front(sweepID: sweepID))
        screen.show(view, progress: progress, change: nil)
        var lastHeard = ContinuousClock.now
        var lastStatus = ContinuousClock.now
        var updatesApplied = 0
        var warnedAboutEndpoint = false
        while !(untilDone && view.done) {
            if try !ZMQPoller([subscriber]).poll(timeout: .milliseconds(500)).isEmpty {
                while let frames = try subscriber.tryReceive() {
                    guard let (_, update) = try? codec.decode(publication: frames) else { continue }
                    lastHeard = .now
                    switch view.apply(update) {
                    case .applied:
                        updatesApplied += 1
                        if view.done, !json { progress = try client.status(sweepID: sweepID).sweeps.first }
                        screen.show(view, progress: progress, change: update)
                    case .stale: break
                    case .gap:
                        // An update was missed (slow joiner, dropped message): start again from a snapshot.
                        view = FrontView(sweepID: sweepID, snapshot: try client.front(sweepID: sweepID))
                        screen.show(view, progress: progress, change: nil)
                    }
                }
            } else if ContinuousClock.now - lastHeard > .seconds(5) {
                // Quiet for a while: refresh from a snapshot in case the final update was missed.
                lastHeard = .now
                let fresh = FrontView(sweepID: sweepID, snapshot: try client.front(sweepID: sweepID))
                if fresh.sequence != view.sequence || fresh.done != view.done {
                    if updatesApplied == 0, !warnedAboutEndpoint {
                        warnedAboutEndpoint = true
                        CurveClientOptions.note("no front updates arrive from \(endpoint) although the front moved; "
                            + "check --publish or the coordinator's --advertise-publish (following by snapshots meanwhile)")
                    }
                    view = fresh
                    progress = try client.status(sweepID: sweepID).sweeps.first
                    screen.show(view, progress: progress, change: nil)
                }
            }
            if !json, ContinuousClock.now - lastStatus > .seconds(2) {
                lastStatus = .now
                progress = try client.status(sweepID: sweepID).sweeps.first
                screen.refresh(view, progress: progress)
            }
        }
    }

    /// `--web`: the sweep (named, else the most recent) resolved with the coordinator, then its page's URL.
    private func printWebPage() throws {
        let curve = try options.curve.credentials()
        let sweepID = try options.withClient(curve: curve) { client in try target(client).0 }
        let base = webBase ?? ProcessInfo.processInfo.environment["FRONTIER_WEB"]
        print(WebPageURL.sweepPage(sweepID: sweepID, base: base, coordinator: options.coordinator))
    }

    /// The sweep to follow and its status: the one named, else the most recent running one, else the most recent.
    private func target(_ client: ClusterClient) throws -> (String, FrontierProtocol.SweepStatus) {
        if let sweep { return (sweep, try client.status(sweepID: sweep)) }
        let status = try client.status(sweepID: nil)
        guard let last = status.sweeps.last(where: { $0.state == .running }) ?? status.sweeps.last else {
            throw RuntimeFailure("the coordinator has no sweeps yet; submit one with `frontier sweep submit FILE`")
        }
        var one = status
        one.sweeps = [last]
        return (last.sweepID, one)
    }

    /// `--publish`, else the endpoint the coordinator advertises (its wildcard host
    /// replaced by the host of `--coordinator`).
    private func publishEndpoint(_ status: FrontierProtocol.SweepStatus) throws -> String {
        if let publish { return publish }
        guard let endpoint = PublishEndpoint.resolve(advertised: status.publishEndpoint, coordinator: options.coordinator) else {
            throw RuntimeFailure("the coordinator at \(options.coordinator) does not advertise its PUB endpoint "
                                 + "(it predates protocol 1.2); pass --publish")
        }
        return endpoint
    }
}

/// Where `tail` writes: one JSON object a line, or the view, redrawn in place on a
/// terminal and printed at the start and the end otherwise (one progress line per update between).
struct TailScreen {
    let json: Bool
    let interactive = isatty(STDOUT_FILENO) != 0
    private var drawn = false

    init(json: Bool) { self.json = json }

    /// After a snapshot (`change` nil) or an applied update.
    mutating func show(_ view: FrontView, progress: SweepSummary?, change: FrontUpdate?) {
        if json {
            print(change.map { ClusterJSON.string(ClusterJSON.Front($0)) }
                  ?? ClusterJSON.string(ClusterJSON.Front(view.snapshotMessage())))
        } else if interactive {
            redraw(view, progress: progress)
        } else if change == nil || view.done {
            print(Self.text(view, progress: progress) + "\n")
        } else {
            print("sequence \(view.sequence): \(change!.rows.count) row(s) changed, hypervolume "
                  + String(format: "%.6g", view.hypervolume) + "  " + TailProgress.line(progress))
        }
        fflush(nil)
    }

    /// A new status between updates: redrawn on a terminal, nothing otherwise.
    mutating func refresh(_ view: FrontView, progress: SweepSummary?) {
        guard interactive, !json else { return }
        redraw(view, progress: progress)
        fflush(nil)
    }

    /// Cursor home, each line cleared to its end, the rest of the screen cleared:
    /// the view changes in place without the flicker of clearing the screen first.
    private mutating func redraw(_ view: FrontView, progress: SweepSummary?) {
        if !drawn {
            print("\u{1B}[2J", terminator: "")
            drawn = true
        }
        let lines = Self.text(view, progress: progress).split(separator: "\n", omittingEmptySubsequences: false)
        print("\u{1B}[H" + lines.map { $0 + "\u{1B}[K" }.joined(separator: "\n") + "\n\u{1B}[J", terminator: "")
    }

    static func text(_ view: FrontView, progress: SweepSummary?) -> String {
        "sweep \(view.sweepID)  " + TailProgress.line(progress) + "\n" + view.render(width: 110)
    }
}
