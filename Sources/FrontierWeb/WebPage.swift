/// The web view's page: one HTML shell for every path (the script draws the sweeps list,
/// a sweep or the workers from the JSON API), its style sheet and its script, all served
/// from the binary (edge networks are often offline: no CDN, no library).
enum WebPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Frontier</title>
        <link rel="stylesheet" href="/assets/style.css">
        </head>
        <body>
        <header><a id="home" href="/">Frontier</a> <span class="muted">live fronts of the coordinator's sweeps</span></header>
        <main id="app"><p class="muted">loading…</p></main>
        <div id="tooltip" hidden></div>
        <script src="/assets/app.js"></script>
        </body>
        </html>
        """

    /// The script: helpers and pages first, then the plots.
    static let script = WebPageScript.core + WebPageScript.sweepPage + WebPagePlots.script

    static let style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d2430; background: #fafbfc; }
        header { padding: 10px 20px; background: #1d2430; color: #fff; }
        header a { color: #fff; font-weight: 600; text-decoration: none; margin-right: 12px; }
        main { padding: 12px 20px 40px; }
        h1 { font-size: 20px; margin: 8px 0; } h2 { font-size: 16px; margin: 20px 0 8px; }
        .muted { color: #6b7380; } .error { color: #b42318; }
        table { border-collapse: collapse; background: #fff; font-variant-numeric: tabular-nums; }
        th, td { padding: 3px 8px; border-bottom: 1px solid #e4e7ec; text-align: right; white-space: nowrap; }
        th { background: #f2f4f7; cursor: pointer; user-select: none; position: sticky; top: 0; }
        td.text, th.text { text-align: left; }
        .plots { display: flex; flex-wrap: wrap; gap: 12px; }
        svg.plot { background: #fff; border: 1px solid #e4e7ec; }
        svg .axis line, svg .axis path { stroke: #98a2b3; } svg text { font-size: 11px; fill: #344054; }
        svg .axis line.grid { stroke: #eef0f3; }
        circle.point { fill: #fff; stroke: #667085; stroke-width: 1.5; cursor: pointer; }
        circle.point.pareto { fill: #d92d20; stroke: #7a271a; }
        circle.point.hover { stroke: #000; stroke-width: 3; }
        .errorbar { stroke: #98a2b3; stroke-width: 1; } .frontline { fill: none; stroke: #d92d20; stroke-width: 1.5; }
        .hvline { fill: none; stroke: #1570ef; stroke-width: 2; }
        #tooltip { position: fixed; z-index: 10; background: #1d2430; color: #fff; padding: 8px 10px; border-radius: 4px;
                   font-size: 12px; pointer-events: none; max-width: 420px; }
        #tooltip b { color: #fff; } .badge { display: inline-block; padding: 1px 6px; border-radius: 8px; background: #e4e7ec; }
        .badge.running { background: #d1e9ff; } .badge.done { background: #d1fadf; } .badge.cancelled { background: #fee4e2; }
        .tablebox { max-height: 480px; overflow: auto; border: 1px solid #e4e7ec; display: inline-block; max-width: 100%; }
        input[type=search] { padding: 4px 8px; width: 280px; margin-bottom: 6px; }
        """
}
