/// The page's script (hand-written, no library): routing, the JSON API and event streams,
/// the sweeps and workers lists, and a sweep's state fed by its event stream.
enum WebPageScript {
    /// Helpers, routing, the sweeps list and the workers list.
    static let core = #"""
        'use strict';
        // Uncaught errors, kept for whoever inspects the page (the browser test checks there are none).
        window.pageErrors = [];
        window.addEventListener('error', (e) => window.pageErrors.push(String(e.message)));
        const token = new URLSearchParams(location.search).get('token');
        function withToken(url) {
          return token ? url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token) : url;
        }
        function h(tag, attrs, ...children) {
          const node = document.createElement(tag);
          for (const [k, v] of Object.entries(attrs || {})) {
            if (k.startsWith('on')) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
          }
          for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
          return node;
        }
        function fmt(x) {
          if (typeof x !== 'number') return x == null ? '' : String(x);
          if (!isFinite(x)) return String(x);
          if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential(3);
          return String(Number(x.toPrecision(4)));
        }
        function duration(s) {
          if (s == null) return '--';
          const t = Math.round(s), hh = Math.floor(t / 3600), mm = Math.floor(t / 60) % 60, ss = t % 60;
          const p = (n) => String(n).padStart(2, '0');
          return hh > 0 ? `${hh}:${p(mm)}:${p(ss)}` : `${mm}:${p(ss)}`;
        }
        function objective(entry) {
          const [name, dir] = entry.split(':');
          return { name, maximize: dir === 'maximize' };
        }
        function follow(path, handlers) {
          const source = new EventSource(withToken(path));
          for (const [kind, fn] of Object.entries(handlers)) {
            source.addEventListener(kind, (e) => fn(JSON.parse(e.data), source));
          }
          return source;
        }
        let frameRequested = false, drawFrame = () => {};
        function redraw() {
          if (frameRequested) return;
          frameRequested = true;
          requestAnimationFrame(() => { frameRequested = false; drawFrame(); });
        }
        function badge(state) { return h('span', { class: 'badge ' + state }, state); }
        function progressText(s) {
          return `${s.tasks_done}/${s.tasks_total} done · ${s.tasks_running} running · ${s.tasks_failed} failed · `
            + `${s.tasks_pending} pending · ETA ${duration(s.eta_seconds)} · elapsed ${duration(s.elapsed_seconds)}`;
        }

        function showOverview() {
          const app = document.getElementById('app');
          const sweeps = h('div', {}, h('p', { class: 'muted' }, 'no sweeps yet'));
          const workers = h('div', {}, h('p', { class: 'muted' }, 'no workers connected'));
          app.replaceChildren(h('h2', {}, 'Sweeps'), sweeps, h('h2', {}, 'Workers'), workers);
          follow('/api/events', {
            sweeps: (status) => sweeps.replaceChildren(sweepsTable(status.sweeps)),
            workers: (list) => workers.replaceChildren(workersTable(list)),
          });
        }
        function sweepsTable(list) {
          if (!list.length) return h('p', { class: 'muted' }, 'no sweeps yet');
          const head = ['sweep', 'name', 'state', 'done', 'running', 'failed', 'pending', 'ETA', 'elapsed'];
          return h('table', { id: 'sweeps' },
            h('tr', {}, head.map((c, i) => h('th', { class: i < 3 ? 'text' : '' }, c))),
            list.slice().reverse().map((s) => h('tr', {},
              h('td', { class: 'text' }, h('a', { href: withToken('/sweeps/' + encodeURIComponent(s.sweep_id)) }, s.sweep_id)),
              h('td', { class: 'text' }, s.name), h('td', { class: 'text' }, badge(s.state)),
              h('td', {}, `${s.tasks_done}/${s.tasks_total}`), h('td', {}, s.tasks_running), h('td', {}, s.tasks_failed),
              h('td', {}, s.tasks_pending), h('td', {}, duration(s.eta_seconds)), h('td', {}, duration(s.elapsed_seconds)))));
        }
        function workersTable(list) {
          if (!list.workers.length) return h('p', { class: 'muted' }, 'no workers connected');
          const head = ['worker', 'shards', 'job kinds', 'slots', 'running', 'free', 'last heartbeat'];
          return h('table', { id: 'workers' },
            h('tr', {}, head.map((c, i) => h('th', { class: i < 3 ? 'text' : '' }, c))),
            list.workers.map((w) => h('tr', {},
              h('td', { class: 'text' }, w.name + (w.leaving ? ' (leaving)' : '')), h('td', { class: 'text' }, w.shards.join(' ')),
              h('td', { class: 'text' }, w.job_kinds.join(' ')), h('td', {}, w.slots), h('td', {}, w.running_tasks),
              h('td', {}, w.free_slots), h('td', {}, fmt(Math.max(0, list.taken_at - w.last_heartbeat)) + ' s ago'))));
        }
        function route() {
          document.getElementById('home').href = withToken('/');
          const m = location.pathname.match(/^\/sweeps\/([^/]+)$/);
          if (m) showSweep(decodeURIComponent(m[1])); else showOverview();
        }
        window.addEventListener('DOMContentLoaded', route);

        """#

    /// A sweep's page: state from its event stream (snapshot, then ordered updates), the
    /// header, the plots and the runs table.
    static let sweepPage = #"""
        const S = { id: '', objectives: [], rows: new Map(), sequence: 0, done: false, hypervolume: 0,
                    history: [], runs: [], status: null, sort: { column: 'task_id', descending: false }, filter: '' };
        function showSweep(id) {
          S.id = id;
          const app = document.getElementById('app');
          const filter = h('input', { type: 'search', id: 'run-filter', placeholder: 'filter runs (any text)',
                                      oninput: (e) => { S.filter = e.target.value.toLowerCase(); redraw(); } });
          app.replaceChildren(
            h('h1', {}, h('span', { id: 'sweep-title' }, id), ' ', h('span', { id: 'sweep-state' })),
            h('p', { id: 'sweep-progress', class: 'muted' }),
            h('h2', {}, 'Front ', h('span', { id: 'front-summary', class: 'muted' })),
            h('p', { class: 'muted' }, 'filled red: on the Pareto front; hollow: dominated; bars: ± one standard deviation '
              + 'over seeds and shards; hover a point for its parameters'),
            h('div', { id: 'plots', class: 'plots' }),
            h('h2', {}, 'Hypervolume over time'), h('div', { id: 'hypervolume' }),
            h('h2', {}, 'Runs ', h('span', { id: 'runs-count', class: 'muted' })), filter,
            h('div', { class: 'tablebox' }, h('table', { id: 'runs' })));
          drawFrame = drawSweep;
          follow('/api/sweeps/' + encodeURIComponent(id) + '/events', {
            snapshot: (f) => {
              S.objectives = (f.objectives || []).map(objective);
              S.rows = new Map(f.rows.map((r) => [r.row_key, r]));
              S.sequence = f.sequence; S.done = f.done; S.hypervolume = f.hypervolume;
              redraw();
            },
            update: (u, source) => {
              if (u.sequence <= S.sequence && !u.done) return;
              for (const r of u.rows) S.rows.set(r.row_key, r);
              S.sequence = Math.max(S.sequence, u.sequence); S.hypervolume = u.hypervolume;
              if (u.done) { S.done = true; source.close(); }
              redraw();
            },
            status: (s) => { S.status = s; redraw(); },
            history: (hist) => { S.history = hist.points; redraw(); },
            hypervolume: (p) => { S.history.push(p); redraw(); },
            runs: (list, source) => { S.runs = list; if (S.done) source.close(); redraw(); },
            run: (r) => { S.runs.push(r); redraw(); },
          });
        }
        function drawSweep() {
          const s = S.status;
          if (s) {
            document.getElementById('sweep-title').textContent = `${s.name} (${s.sweep_id})`;
            document.getElementById('sweep-state').replaceChildren(badge(s.state));
            document.getElementById('sweep-progress').textContent = progressText(s);
          }
          const rows = [...S.rows.values()];
          document.getElementById('front-summary').textContent =
            `${rows.length} points, ${rows.filter((r) => r.on_front).length} on the Pareto front · hypervolume ${fmt(S.hypervolume)}`
            + ` · change ${S.sequence}` + (S.done ? ' · done' : ' · live');
          drawPlots(rows);
          drawHypervolume(document.getElementById('hypervolume'), S.history);
          drawRuns();
        }
        function runsOf(row) {
          const keys = Object.keys(row.parameters);
          return S.runs.filter((r) => r.dataset === row.dataset
            && Object.keys(r.parameters).length === keys.length && keys.every((k) => r.parameters[k] === row.parameters[k]));
        }
        function runColumns() {
          const params = new Set(), objs = new Set();
          for (const r of S.runs) { Object.keys(r.parameters).forEach((k) => params.add(k)); Object.keys(r.objectives).forEach((k) => objs.add(k)); }
          const text = (name, get) => ({ name, get, text: true });
          return [text('task_id', (r) => r.task_id), text('job_kind', (r) => r.job_kind),
            ...[...params].sort().map((p) => ({ name: p, get: (r) => r.parameters[p] })),
            { name: 'seed', get: (r) => r.seed }, text('dataset', (r) => r.dataset), { name: 'shard_id', get: (r) => r.shard_id },
            text('worker', (r) => r.worker), ...[...objs].sort().map((o) => ({ name: o, get: (r) => r.objectives[o] })),
            { name: 'training_seconds', get: (r) => r.training_seconds }, { name: 'evaluation_seconds', get: (r) => r.evaluation_seconds }];
        }
        function drawRuns() {
          const columns = runColumns(), limit = 500;
          const sortBy = columns.find((c) => c.name === S.sort.column) || columns[0];
          let list = S.runs;
          if (S.filter) list = list.filter((r) => columns.some((c) => String(c.get(r) ?? '').toLowerCase().includes(S.filter)));
          list = list.slice().sort((a, b) => {
            const x = sortBy.get(a), y = sortBy.get(b);
            const order = x === y ? 0 : (x == null ? 1 : y == null ? -1 : x < y ? -1 : 1);
            return S.sort.descending ? -order : order;
          });
          document.getElementById('runs-count').textContent = `${list.length} of ${S.runs.length} runs`
            + (list.length > limit ? ` (first ${limit} shown)` : '');
          const arrow = (c) => c.name === S.sort.column ? (S.sort.descending ? ' ▼' : ' ▲') : '';
          document.getElementById('runs').replaceChildren(
            h('tr', {}, columns.map((c) => h('th', { class: c.text ? 'text' : '', onclick: () => {
              S.sort = { column: c.name, descending: S.sort.column === c.name ? !S.sort.descending : false }; redraw(); } },
              c.name + arrow(c)))),
            ...list.slice(0, limit).map((r) => h('tr', {}, columns.map((c) => h('td', { class: c.text ? 'text' : '' }, fmt(c.get(r)))))));
        }

        """#
}
