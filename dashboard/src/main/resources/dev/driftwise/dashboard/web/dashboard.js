// driftwise dashboard: draws /events (server-sent state) with uPlot; falls back to polling /api/streams.
(function () {
  'use strict';

  const LINE_COLORS = ['#2563eb', '#e8590c', '#0f9d58', '#9333ea', '#d6336c', '#0891b2', '#a16207', '#475569'];
  const DRIFT_COLOR = 'rgba(200, 30, 30, 0.75)';
  const METRIC_LABELS = {
    windowLoss: 'window loss', fadingLoss: 'fading loss',
    windowAccuracy: 'window accuracy', fadingAccuracy: 'fading accuracy'
  };
  const panels = new Map();   // stream id -> {root, facts, lossChart, alphaChart, drifts}
  let clockOffset = 0;        // browser clock minus server clock, ms
  let latest = null;          // last state received
  let lastVersion = -1;
  let serverStartedAt = null; // a restarted server counts its versions from 0 again

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const fmt = (v, digits) => (v === null || v === undefined || !isFinite(v)) ? '–' : Number(v).toPrecision(digits || 4);
  const int = v => (v === null || v === undefined) ? '–' : Math.round(v).toLocaleString('en-US');
  const sci = v => (v === null || v === undefined || !isFinite(v)) ? '–' : Number(v).toExponential(2);

  function age(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 120) return s + ' s';
    if (s < 7200) return Math.round(s / 60) + ' min';
    return Math.round(s / 3600) + ' h';
  }

  // vertical marks at the drift starts, drawn over the series
  function driftPlugin(panel) {
    return {
      hooks: {
        draw: u => {
          const ctx = u.ctx;
          const { left, top, width, height } = u.bbox;
          ctx.save();
          ctx.strokeStyle = DRIFT_COLOR;
          ctx.fillStyle = DRIFT_COLOR;
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
          ctx.font = (10 * devicePixelRatio) + 'px sans-serif';
          for (const d of panel.drifts) {
            const x = Math.round(u.valToPos(d.at, 'x', true));
            if (x < left || x > left + width) continue;
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            ctx.fillText('#' + d.index, x + 3 * devicePixelRatio, top + 11 * devicePixelRatio);
          }
          ctx.restore();
        }
      }
    };
  }

  function chartWidth(container) {
    return Math.max(280, container.clientWidth - 4);
  }

  // a uPlot chart that is rebuilt when its set of lines changes (a block appears, the task becomes known)
  function makeChart(panel, container, title, log) {
    const chart = { container, title, log, plot: null, key: null };
    chart.update = (series, labels) => {
      const key = labels.join('|');
      const data = [series.x].concat(series.y);
      container.dataset.points = String(series.x.length);
      if (series.x.length === 0) {
        if (!chart.plot) container.replaceChildren(el('div', 'waiting', 'waiting for data…'));
        return;
      }
      if (!chart.plot || chart.key !== key) {
        if (chart.plot) chart.plot.destroy();
        container.replaceChildren();
        const opts = {
          width: chartWidth(container), height: 230,
          cursor: { drag: { x: true, y: false } },
          scales: { x: { time: false }, y: log ? { distr: 3 } : { auto: true } },
          axes: [
            { label: 'samples seen', labelSize: 18, size: 34, values: (u, vals) => vals.map(v => v >= 1000 ? (v / 1000) + 'k' : v) },
            { size: 64, values: log ? (u, vals) => vals.map(v => v == null ? '' : Number(v).toExponential(0)) : undefined }
          ],
          series: [{ label: 'samples' }].concat(labels.map((name, i) => ({
            label: name, stroke: LINE_COLORS[i % LINE_COLORS.length], width: 1.5, spanGaps: true,
            value: (u, v) => v == null ? '–' : (log ? sci(v) : fmt(v, 4))
          }))),
          plugins: [driftPlugin(panel)]
        };
        chart.plot = new uPlot(opts, data, container);
        chart.key = key;
      } else {
        chart.plot.setData(data);
      }
    };
    chart.resize = () => {
      if (chart.plot) chart.plot.setSize({ width: chartWidth(container), height: 230 });
    };
    return chart;
  }

  function panelFor(stream) {
    let p = panels.get(stream.id);
    if (p) return p;
    const root = el('article', 'stream');
    root.dataset.stream = stream.id;
    const h = el('h2', null, stream.id);
    const badge = el('span', 'badge', '');
    h.appendChild(badge);
    const facts = el('div', 'facts');
    const drifts = el('div', 'drifts');
    const charts = el('div', 'charts');
    const lossBox = el('div'), alphaBox = el('div');
    const lossTitle = el('div', 'chart-title', 'prequential loss');
    const alphaTitle = el('div', 'chart-title', 'α per step-size block (log scale)');
    const lossChart = el('div', 'chart loss-chart'), alphaChart = el('div', 'chart alpha-chart');
    lossBox.append(lossTitle, lossChart);
    alphaBox.append(alphaTitle, alphaChart);
    charts.append(lossBox, alphaBox);
    root.append(h, facts, drifts, charts);
    insertSorted(root, stream.id);
    p = { root, badge, facts, driftLine: drifts, lossTitle, drifts: [] };
    p.loss = makeChart(p, lossChart, 'loss', false);
    p.alpha = makeChart(p, alphaChart, 'alpha', true);
    panels.set(stream.id, p);
    return p;
  }

  function insertSorted(node, id) {
    const box = document.getElementById('streams');
    for (const child of box.children) {
      if (child.dataset.stream > id) { box.insertBefore(node, child); return; }
    }
    box.appendChild(node);
  }

  function fact(parent, label, value, cls, key) {
    const f = el('span', cls || null);
    f.append(label + ' ', el('b', null, value));
    if (key) f.dataset.fact = key;
    parent.appendChild(f);
    return f;
  }

  function renderStream(s) {
    const p = panelFor(s);
    p.drifts = s.drifts;
    const classification = s.task === 'classification';
    p.badge.textContent = s.task === 'unknown' ? 'no metrics yet' : s.task;
    p.lossTitle.textContent = classification ? 'prequential accuracy (test, then train)' : 'prequential loss (test, then train)';

    // metrics: accuracy for classification, loss for regression
    const wanted = classification ? ['windowAccuracy', 'fadingAccuracy'] : ['windowLoss', 'fadingLoss'];
    const m = s.metrics, cols = [], names = [];
    for (const w of wanted) {
      const i = m.columns.indexOf(w);
      if (i >= 0) { cols.push(m.y[i]); names.push(METRIC_LABELS[w]); }
    }
    p.loss.update({ x: m.x, y: cols }, names);
    p.alpha.update({ x: s.alpha.x, y: s.alpha.y }, s.alpha.columns.map(c => 'α ' + c));
    p.root.dataset.metricPoints = String(m.x.length);
    p.root.dataset.alphaPoints = String(s.alpha.x.length);
    p.root.dataset.drifts = String(s.drifts.length);

    const l = s.latest || {};
    p.facts.replaceChildren();
    fact(p.facts, 'samples seen', int(l.samplesSeen));
    if (classification) fact(p.facts, 'accuracy', fmt(l.windowAccuracy, 3));
    fact(p.facts, 'loss', fmt(l.windowLoss, 4));
    fact(p.facts, 'samples/s', int(l.samplesPerSecond));
    if (l.alpha) {
      const alphas = Object.values(l.alpha).filter(v => v !== null);
      if (alphas.length) fact(p.facts, alphas.length > 1 ? 'α range' : 'α',
        alphas.length > 1 ? sci(Math.min(...alphas)) + ' … ' + sci(Math.max(...alphas)) : sci(alphas[0]));
    }
    if (l.conceptId !== undefined) fact(p.facts, 'concept', String(l.conceptId));
    const snap = s.snapshot;
    p.snapshotAt = snap ? snap.createdAt : null;
    fact(p.facts, 'model', snap ? 'v' + snap.version : 'none yet', null, 'snapshot-version');
    p.ageFact = fact(p.facts, 'age', snap ? age(Date.now() - clockOffset - snap.createdAt) : '–', null, 'snapshot-age');
    const dead = Math.max(s.counts.dlq, l.deadLetters || 0);
    fact(p.facts, 'dead letters', int(dead), dead > 0 ? 'bad' : null);
    p.driftLine.textContent = s.drifts.length === 0 ? '' :
      'drifts: ' + s.drifts.slice(-4).map(d => d.label + ' at ' + int(d.at)).join(' · ') + (s.drifts.length > 4 ? ' …' : '');
  }

  function renderTopics(topics) {
    const rows = document.getElementById('topic-rows');
    rows.replaceChildren();
    for (const t of topics) {
      const tr = el('tr');
      tr.dataset.kind = t.kind;
      tr.append(el('td', null, t.topic), el('td', 'num', int(t.records)),
        el('td', 'num malformed' + (t.malformed > 0 ? ' bad' : ''), int(t.malformed)),
        el('td', 'problem', t.lastProblem || ''));
      if (t.lastProblem) tr.lastChild.title = t.lastProblem;
      rows.appendChild(tr);
    }
  }

  function render(state) {
    if (state.startedAt !== serverStartedAt) {
      for (const p of panels.values()) p.root.remove();
      panels.clear();
      serverStartedAt = state.startedAt;
      lastVersion = -1;
    }
    if (state.version < lastVersion) return;
    lastVersion = state.version;
    latest = state;
    clockOffset = Date.now() - state.now;
    document.getElementById('reader').textContent = state.reader;
    document.getElementById('history').textContent = String(state.history);
    document.getElementById('empty').style.display = state.streams.length ? 'none' : '';
    renderTopics(state.topics);
    for (const s of state.streams) renderStream(s);
  }

  function tick() {
    for (const p of panels.values()) {
      if (p.snapshotAt && p.ageFact) p.ageFact.lastChild.textContent = age(Date.now() - clockOffset - p.snapshotAt);
    }
  }

  function connected(ok, text) {
    const dot = document.getElementById('live');
    dot.className = 'dot ' + (ok ? 'live' : 'down');
    document.getElementById('connection').textContent = text;
  }

  function poll() {
    fetch('/api/streams?since=' + lastVersion + '&started=' + serverStartedAt, { cache: 'no-store' })
      .then(r => {
        connected(true, 'live (polling)');
        return r.status === 200 ? r.json().then(render) : null;
      })
      .catch(() => connected(false, 'server unreachable; retrying'))
      .finally(() => setTimeout(poll, 1000));
  }

  function listen() {
    if (!window.EventSource) { poll(); return; }
    const events = new EventSource('/events');
    events.addEventListener('state', e => { connected(true, 'live'); render(JSON.parse(e.data)); });
    events.onopen = () => connected(true, 'live');
    events.onerror = () => connected(false, 'reconnecting…');
  }

  window.addEventListener('resize', () => {
    for (const p of panels.values()) { p.loss.resize(); p.alpha.resize(); }
  });
  setInterval(tick, 1000);
  // for tests and the curious: what each chart holds now
  window.driftwiseDashboard = {
    pointCounts: () => Array.from(panels.entries()).map(([id, p]) => ({
      stream: id,
      metrics: p.loss.plot ? p.loss.plot.data[0].length : 0,
      alpha: p.alpha.plot ? p.alpha.plot.data[0].length : 0
    })),
    state: () => latest
  };
  listen();
})();
