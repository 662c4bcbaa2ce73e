/// The page's plots, drawn as SVG by hand: the front as scatter plots (one per pair of
/// objectives, so three objectives give three 2-D projections) with Pareto points marked,
/// error bars of ± one standard deviation and a tooltip per point; and the hypervolume over time.
enum WebPagePlots {
    static let script = #"""
        const SVG = 'http://www.w3.org/2000/svg';
        function s(tag, attrs, ...children) {
          const node = document.createElementNS(SVG, tag);
          for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
          for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
          return node;
        }
        function scale(values, from, to) {
          let lo = Math.min(...values), hi = Math.max(...values);
          if (!isFinite(lo) || !isFinite(hi)) { lo = 0; hi = 1; }
          if (hi - lo < 1e-12) { lo -= 0.5 * (Math.abs(lo) || 1); hi += 0.5 * (Math.abs(hi) || 1); }
          const pad = (hi - lo) * 0.06; lo -= pad; hi += pad;
          const f = (v) => from + (v - lo) / (hi - lo) * (to - from);
          f.ticks = [0, 1, 2, 3, 4].map((i) => lo + (hi - lo) * (i + 0.5) / 5);
          // Enough significant digits that neighbouring ticks read differently.
          const digits = Math.min(12, Math.max(3, Math.ceil(Math.log10(Math.max(Math.abs(lo), Math.abs(hi)) / ((hi - lo) / 5))) + 1));
          f.label = (t) => String(Number(t.toPrecision(digits)));
          return f;
        }
        function axisTitle(o) { return `${o.name} (${o.maximize ? 'higher' : 'lower'} is better ${o.maximize ? '↑' : '↓'})`; }
        function axes(svg, x, y, W, H, M, xTitle, yTitle) {
          const g = s('g', { class: 'axis' });
          g.append(s('line', { x1: M.l, y1: H - M.b, x2: W - M.r, y2: H - M.b }), s('line', { x1: M.l, y1: M.t, x2: M.l, y2: H - M.b }));
          for (const t of x.ticks) {
            g.append(s('line', { class: 'grid', x1: x(t), y1: M.t, x2: x(t), y2: H - M.b }),
                     s('text', { x: x(t), y: H - M.b + 14, 'text-anchor': 'middle' }, x.label(t)));
          }
          for (const t of y.ticks) {
            g.append(s('line', { class: 'grid', x1: M.l, y1: y(t), x2: W - M.r, y2: y(t) }),
                     s('text', { x: M.l - 5, y: y(t) + 4, 'text-anchor': 'end' }, y.label(t)));
          }
          g.append(s('text', { class: 'axis-title', x: (M.l + W - M.r) / 2, y: H - 6, 'text-anchor': 'middle' }, xTitle),
                   s('text', { class: 'axis-title', transform: `translate(14 ${(M.t + H - M.b) / 2}) rotate(-90)`, 'text-anchor': 'middle' }, yTitle));
          svg.append(g);
        }
        function drawPlots(rows) {
          const box = document.getElementById('plots');
          const objs = S.objectives, pairs = [];
          for (let i = 0; i < objs.length; i++) for (let j = i + 1; j < objs.length; j++) pairs.push([i, j]);
          box.replaceChildren(...pairs.map(([i, j], n) => scatter(rows, objs[i], objs[j], n === 0 ? 'front-plot' : `front-plot-${n}`, objs.length === 2)));
        }
        function scatter(rows, ox, oy, id, frontLine) {
          const W = 480, H = 360, M = { l: 64, r: 14, t: 14, b: 44 };
          const svg = s('svg', { class: 'plot front', id, width: W, height: H, viewBox: `0 0 ${W} ${H}` });
          const shown = rows.filter((r) => r.objective_means[ox.name] != null && r.objective_means[oy.name] != null);
          const xs = shown.map((r) => r.objective_means[ox.name]), ys = shown.map((r) => r.objective_means[oy.name]);
          const x = scale(xs, M.l, W - M.r), y = scale(ys, H - M.b, M.t);
          axes(svg, x, y, W, H, M, axisTitle(ox), axisTitle(oy));
          // Error bars may reach past the axes: drawn inside the plot area only.
          svg.append(s('clipPath', { id: id + '-area' }, s('rect', { x: M.l, y: M.t, width: W - M.l - M.r, height: H - M.t - M.b })));
          const bars = s('g', { 'clip-path': `url(#${id}-area)` });
          svg.append(bars);
          if (frontLine) {
            const front = shown.filter((r) => r.on_front).sort((a, b) => a.objective_means[ox.name] - b.objective_means[ox.name]);
            if (front.length > 1) {
              svg.append(s('polyline', { class: 'frontline',
                points: front.map((r) => `${x(r.objective_means[ox.name])},${y(r.objective_means[oy.name])}`).join(' ') }));
            }
          }
          for (const r of shown) {
            const cx = x(r.objective_means[ox.name]), cy = y(r.objective_means[oy.name]);
            const sx = r.objective_stds[ox.name] || 0, sy = r.objective_stds[oy.name] || 0;
            if (sx > 0) bars.append(s('line', { class: 'errorbar', x1: x(r.objective_means[ox.name] - sx), x2: x(r.objective_means[ox.name] + sx), y1: cy, y2: cy }));
            if (sy > 0) bars.append(s('line', { class: 'errorbar', y1: y(r.objective_means[oy.name] - sy), y2: y(r.objective_means[oy.name] + sy), x1: cx, x2: cx }));
          }
          for (const r of shown) {
            const dot = s('circle', { class: 'point' + (r.on_front ? ' pareto' : ''), 'data-row-key': r.row_key, r: r.on_front ? 6 : 5,
              cx: x(r.objective_means[ox.name]), cy: y(r.objective_means[oy.name]) });
            dot.addEventListener('mouseenter', (e) => showTip(e, r, dot));
            dot.addEventListener('mousemove', (e) => placeTip(e));
            dot.addEventListener('mouseleave', () => hideTip(dot));
            svg.append(dot);
          }
          return svg;
        }
        function showTip(e, row, dot) {
          dot.classList.add('hover');
          const runs = runsOf(row);
          const uniq = (f) => [...new Set(runs.map(f))].sort((a, b) => a < b ? -1 : 1).join(', ') || '–';
          const tip = document.getElementById('tooltip');
          tip.replaceChildren(
            h('div', {}, h('b', {}, row.label), ` on ${row.dataset} · `, row.on_front ? 'on the Pareto front' : 'dominated'),
            h('div', { class: 'tip-parameters' }, 'parameters: ',
              Object.keys(row.parameters).sort().map((k) => `${k} = ${fmt(row.parameters[k])}`).join(', ') || 'none'),
            ...S.objectives.map((o) => h('div', {}, `${o.name}: ${fmt(row.objective_means[o.name])} ± ${fmt(row.objective_stds[o.name] || 0)}`)),
            h('div', {}, `replicates: ${row.replicates_done} · seeds: ${uniq((r) => r.seed)} · shards: ${uniq((r) => r.shard_id)}`),
            h('div', {}, `workers: ${uniq((r) => r.worker)} · last task ${row.last_task_id} on ${row.last_worker}`));
          tip.hidden = false;
          placeTip(e);
        }
        function placeTip(e) {
          const tip = document.getElementById('tooltip');
          tip.style.left = Math.min(e.clientX + 14, window.innerWidth - 440) + 'px';
          tip.style.top = (e.clientY + 14) + 'px';
        }
        function hideTip(dot) { dot.classList.remove('hover'); document.getElementById('tooltip').hidden = true; }
        function drawHypervolume(box, points) {
          if (!points.length) { box.replaceChildren(h('p', { class: 'muted' }, 'no front change yet')); return; }
          const W = 480, H = 220, M = { l: 64, r: 14, t: 12, b: 40 };
          const t0 = points[0].time;
          const x = scale(points.map((p) => p.time - t0), M.l, W - M.r), y = scale(points.map((p) => p.hypervolume), H - M.b, M.t);
          const svg = s('svg', { class: 'plot', id: 'hypervolume-plot', width: W, height: H, viewBox: `0 0 ${W} ${H}` });
          axes(svg, x, y, W, H, M, 'seconds since the first change', 'hypervolume (higher is better ↑)');
          svg.append(s('polyline', { class: 'hvline', points: points.map((p) => `${x(p.time - t0)},${y(p.hypervolume)}`).join(' ') }));
          box.replaceChildren(svg);
        }

        """#
}
