#!/usr/bin/env node
// `npm run bench`: builds the package and the bench page, runs every scenario of issue 11 in
// headless Chromium (playwright-core, system Chromium) several times, prints medians with
// min–max and the ratio to the baseline measured in the same run, and writes bench-results.json.
// Options: --runs N (default 3), --only name,name (scenario names below), --no-build.
// Scenarios: weight open scroll older list cold burst send search.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { minifyTemplatesPlugin } from '../scripts/minify-templates.mjs';
import { measureWeight } from './weight.mjs';

const root = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const RUNS = Number(opt('runs') ?? 3);
const PROFILE = Boolean(process.env.BENCH_PROFILE);
/**
 * BENCH_TRACE=phase: only the phases a scenario marks with `benchTrace(true, name)` …
 * `benchTrace(false, name)` (the search scenario's `build` and `keys`), with user timings, JS
 * samples and GC in the trace; BENCH_TRACE=phase:build traces the named phases only. The summary
 * also breaks down every main-thread task over 50 ms.
 */
const TRACE_PHASE = /^phase(:|$)/.test(process.env.BENCH_TRACE ?? '');
const TRACED_PHASES = process.env.BENCH_TRACE?.split(':')[1]?.split(',');
const ONLY = opt('only')?.split(',');
const wants = (name) => !ONLY || ONLY.includes(name);
const started = Date.now();

// ── statistics and printing ────────────────────────────────────────────────────────────────
const median = (v) => {
  const s = v.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stat = (values) => {
  const finite = values.filter((x) => Number.isFinite(x));
  return {
    median: median(values),
    min: finite.length ? Math.min(...finite) : NaN,
    max: finite.length ? Math.max(...finite) : NaN,
    runs: values,
  };
};
// One vsync at 60 Hz, with 5 % allowance for the jitter of animation-frame timestamps.
const FRAME = (1000 / 60) * 1.05;
const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const range = (s, d = 1) => `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`;

const rows = [];
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model },
  runs: RUNS,
  scenarios: {},
};

/**
 * One line of the table: our figure, the baseline's, the ratio of medians, the target and
 * whether it is met. `ours`/`base` are stats or plain strings.
 */
function row(scenario, metric, ours, base, target, met, digits = 1) {
  const o = typeof ours === 'string' ? ours : range(ours, digits);
  const b = base == null ? '—' : typeof base === 'string' ? base : range(base, digits);
  const ratio =
    typeof ours === 'object' && base && typeof base === 'object' && base.median > 0
      ? `${(ours.median / base.median).toFixed(2)}×`
      : '—';
  const verdict = met === undefined ? '' : met ? 'met' : 'NOT met';
  rows.push({ scenario, metric, ours: o, baseline: b, ratio, target: target ?? '', verdict });
  console.log(
    `  ${metric}: ${o} | baseline ${b} | ${ratio}${target ? ` | target ${target}: ${verdict}` : ''}`,
  );
}

function printTable() {
  const head = [
    'Scenario',
    'Metric',
    'Ours: median (min–max)',
    'Baseline: median (min–max)',
    'Ratio',
    'Target',
    'Verdict',
  ];
  const keys = ['scenario', 'metric', 'ours', 'baseline', 'ratio', 'target', 'verdict'];
  const lines = [head, ...rows.map((r) => keys.map((k) => r[k]))];
  const md = [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${keys.map((k) => String(r[k]).replace(/\|/g, '\\|')).join(' | ')} |`),
  ].join('\n');
  const widths = head.map((_, i) => Math.max(...lines.map((l) => String(l[i]).length)));
  console.log('\n' + lines.map((l) => l.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n'));
  return md;
}

// ── build ──────────────────────────────────────────────────────────────────────────────────
function sh(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

if (!argv.includes('--no-build') || !existsSync(join(root, 'dist/sms-elements.bundle.js'))) {
  console.log('▶ npm run build');
  sh('npm', ['run', '--silent', 'build']);
}
console.log(`  (build: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
const pageDir = mkdtempSync(join(tmpdir(), 'sms-bench-page-'));
console.log('▶ building the bench page');
await build({
  configFile: false,
  root: join(root, 'bench/pages'),
  logLevel: 'warn',
  plugins: [minifyTemplatesPlugin()],
  // BENCH_PROFILE=1: readable names in the CPU profile summary.
  build: {
    outDir: pageDir,
    emptyOutDir: true,
    minify: !PROFILE && !TRACE_PHASE,
    target: 'es2022',
    sourcemap: false,
  },
});

// ── static server and browser ──────────────────────────────────────────────────────────────
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const file = join(pageDir, path === '/' ? 'index.html' : path);
  if (!file.startsWith(pageDir) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}/`;

const executablePath = findChromium();
if (!executablePath) throw new Error('Chromium not found: `apt-get install -y chromium` or set CHROME_PATH.');
const browser = await chromium.launch({
  executablePath,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

/**
 * BENCH_PROFILE=1 prints, after each run, where the main thread spent its time: the 25 functions
 * with the most self time in a sampled CPU profile (for finding causes, not for the table).
 */
function printProfile(label, profile) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    const ms = (dt[i] ?? 0) / 1000;
    total += ms;
    self.set(key, (self.get(key) ?? 0) + ms);
  });
  console.log(`  profile of ${label}: ${total.toFixed(0)} ms sampled`);
  if (process.env.BENCH_PROFILE_CALLERS) {
    // Who calls a native function (e.g. getBoundingClientRect): self time by caller chain.
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const name = (n) => `${n.callFrame.functionName || '(anonymous)'}:${n.callFrame.lineNumber + 1}`;
    const callers = new Map();
    profile.samples.forEach((id, i) => {
      const n = byId.get(id);
      if (n.callFrame.functionName !== process.env.BENCH_PROFILE_CALLERS) return;
      const chain = [];
      for (let p = parent.get(id); p !== undefined && chain.length < 5; p = parent.get(p))
        chain.push(name(byId.get(p)));
      const key = chain.join(' < ');
      callers.set(key, (callers.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    for (const [key, ms] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 8))
      console.log(`    caller ${ms.toFixed(0).padStart(6)} ms  ${key}`);
  }
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(
      `    ${ms.toFixed(0).padStart(6)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${key}`,
    );
  }
}

const TRACE = Boolean(process.env.BENCH_TRACE);

/** BENCH_TRACE=1: a Chrome trace of each run (timeline categories: script, style, layout, paint). */
async function startTrace(cdp) {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'toplevel',
        ...(TRACE_PHASE
          ? [
              'blink.user_timing',
              'disabled-by-default-devtools.timeline.frame',
              'disabled-by-default-v8.cpu_profiler',
              'disabled-by-default-v8.gc',
            ]
          : []),
      ],
    },
  });
}

async function endTrace(cdp) {
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text);
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/**
 * Prints the renderer main thread's self time by trace event (Layout, UpdateLayoutTree,
 * FunctionCall, Paint…); BENCH_PROFILE_DIR also keeps the trace for DevTools.
 */
function summarizeTrace(label, events) {
  if (process.env.BENCH_PROFILE_DIR) {
    const file = join(process.env.BENCH_PROFILE_DIR, `trace-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify({ traceEvents: events }));
    console.log(`  trace written to ${file}`);
  }
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return;
  const mine = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  for (const e of mine) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent)
      self.set(parent.name, (self.get(parent.name) ?? 0) - Math.min(e.dur, parent.ts + parent.dur - e.ts));
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur);
    stack.push(e);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`  trace of ${label}: ${(total / 1000).toFixed(0)} ms on the main thread`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 14))
    console.log(
      `    ${(us / 1000).toFixed(0).padStart(6)} ms  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${name}`,
    );
  printLongTasks(
    mine,
    events.filter((e) => e.pid === main.pid && e.tid === main.tid),
  );
}

/**
 * The main thread's top-level tasks over 50 ms, each with what ran inside it: self time by
 * event (a script's function and URL for `FunctionCall`, the event type for `EventDispatch`)
 * and the JS functions sampled in it (with `disabled-by-default-v8.cpu_profiler`).
 */
function printLongTasks(spans, all) {
  const tops = [];
  let end = -1;
  for (const e of spans) {
    if (e.ts >= end) {
      tops.push(e);
      end = e.ts + e.dur;
    }
  }
  const long = tops.filter((t) => t.dur > 50_000);
  const longest = tops.reduce((m, t) => Math.max(m, t.dur), 0);
  console.log(
    `  top-level tasks: ${tops.length}, longest ${(longest / 1000).toFixed(1)} ms, over 50 ms: ${long.length}`,
  );
  // JS samples: ProfileChunk events carry nodes and samples with time deltas.
  const nodes = new Map();
  const samples = [];
  let t = 0;
  for (const e of all
    .filter((x) => x.name === 'ProfileChunk' || x.name === 'Profile')
    .sort((a, b) => a.ts - b.ts)) {
    if (e.name === 'Profile') t = e.args?.data?.startTime ?? t;
    const d = e.args?.data?.cpuProfile;
    for (const n of d?.nodes ?? []) nodes.set(n.id, n);
    const deltas = e.args?.data?.timeDeltas ?? [];
    (d?.samples ?? []).forEach((id, i) => {
      t += deltas[i] ?? 0;
      samples.push([t, id]);
    });
  }
  const label = (e) => {
    const d = e.args?.data ?? {};
    if (e.name === 'FunctionCall')
      return `FunctionCall ${d.functionName || ''} ${(d.url || '').split('/').pop()}:${d.lineNumber ?? ''}`;
    if (e.name === 'EventDispatch') return `EventDispatch ${d.type}`;
    if (e.name === 'TimerFire' || e.name === 'FireIdleCallback') return e.name;
    return e.name;
  };
  for (const task of long.sort((a, b) => b.dur - a.dur).slice(0, 8)) {
    const inside = spans.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const self = new Map();
    const stack = [];
    for (const e of inside) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) self.set(label(parent), (self.get(label(parent)) ?? 0) - e.dur);
      self.set(label(e), (self.get(label(e)) ?? 0) + e.dur);
      stack.push(e);
    }
    const parts = [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([n, us]) => `${(us / 1000).toFixed(1)} ${n}`);
    console.log(`    task ${(task.dur / 1000).toFixed(1)} ms: ${parts.join(' · ')}`);
    const fns = new Map();
    for (const [ts, id] of samples) {
      if (ts < task.ts || ts > task.ts + task.dur) continue;
      const f = nodes.get(id)?.callFrame;
      const key = f
        ? `${f.functionName || '(anonymous)'} ${(f.url || '').split('/').pop()}:${(f.lineNumber ?? 0) + 1}`
        : '?';
      fns.set(key, (fns.get(key) ?? 0) + 1);
    }
    if (fns.size)
      console.log(
        `      samples: ${[...fns]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6)
          .map(([k, n]) => `${n} ${k}`)
          .join(' · ')}`,
      );
  }
}

/** A fresh page (fresh profile: empty IndexedDB) with the bench loaded; DevTools metrics exposed. */
async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  if (process.env.BENCH_DEBUG) {
    page.on('console', (m) => console.log('  [page]', m.text()));
    // Scenarios log their details (frame by frame) only then.
    await page.addInitScript(() => (window.benchDebug = true));
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.exposeFunction('benchTaskMs', async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
  });
  if (TRACE_PHASE)
    await page.exposeFunction('benchTrace', async (on, name = 'phase') => {
      if (TRACED_PHASES && !TRACED_PHASES.includes(name)) return;
      if (on) await startTrace(cdp);
      else summarizeTrace(`the ${name} phase`, await endTrace(cdp));
    });
  await page.goto(origin);
  await page.waitForFunction(() => window.bench?.ready);
  return {
    page,
    errors,
    async call(name, ...args) {
      const whole = TRACE && !TRACE_PHASE;
      if (whole) await startTrace(cdp);
      try {
        return await this.callProfiled(name, ...args);
      } finally {
        if (whole) summarizeTrace(`${name}(${JSON.stringify(args)})`, await endTrace(cdp));
      }
    },
    async callProfiled(name, ...args) {
      if (PROFILE) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
        await cdp.send('Profiler.start');
      }
      try {
        return await page.evaluate(([n, a]) => window.bench[n](...a), [name, args]);
      } finally {
        if (PROFILE) {
          const { profile } = await cdp.send('Profiler.stop');
          printProfile(`${name}(${JSON.stringify(args)})`, profile);
          // BENCH_PROFILE_DIR=dir: the whole profile too, for DevTools' Performance panel.
          if (process.env.BENCH_PROFILE_DIR) {
            const file = join(
              process.env.BENCH_PROFILE_DIR,
              `${name}-${args.join('-')}-${Date.now()}.cpuprofile`,
            );
            writeFileSync(file, JSON.stringify(profile));
            console.log(`  profile written to ${file}`);
          }
        }
      }
    },
    async reload() {
      await page.reload();
      await page.waitForFunction(() => window.bench?.ready);
    },
    close: () => context.close(),
  };
}

/** Runs `name(...args)` RUNS times, each in a fresh page; returns the per-run results. */
async function repeat(name, args, runs = RUNS) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const p = await freshPage();
    try {
      out.push(await p.call(name, ...args));
    } catch (e) {
      console.log(`  ! ${name}(${JSON.stringify(args)}) failed: ${String(e).split('\n')[0]}`);
      out.push(null);
    } finally {
      await p.close();
    }
  }
  return out;
}
const pick = (list, key) => stat(list.map((r) => (r ? r[key] : NaN)));

/** Prints a scenario's header, and how long the previous one took (to keep the run short). */
let sectionStart = 0;
let sectionName = '';
function section(name) {
  if (sectionName) console.log(`  (${sectionName}: ${((Date.now() - sectionStart) / 1000).toFixed(0)} s)`);
  if (name) console.log(`\n▶ ${name}`);
  sectionName = name;
  sectionStart = Date.now();
}

// ── scenarios ──────────────────────────────────────────────────────────────────────────────
try {
  if (wants('weight')) {
    section('1. weight');
    const w = await measureWeight();
    results.scenarios.weight = w;
    const kb = (b) => b / 1024;
    const ratio = w.app.gzip / w.floor.gzip;
    row(
      '1. Weight',
      'whole app bundle at first load (sms-elements.bundle.js), gzip KB',
      fmt(kb(w.app.gzip), 1),
      fmt(kb(w.floor.gzip), 1),
      '≤ 3× floor',
      ratio <= 3,
    );
    rows.at(-1).ratio = `${ratio.toFixed(2)}×`;
    row(
      '1. Weight',
      'whole app bundle at first load, brotli KB',
      fmt(kb(w.app.brotli), 1),
      fmt(kb(w.floor.brotli), 1),
    );
    rows.at(-1).ratio = `${(w.app.brotli / w.floor.brotli).toFixed(2)}×`;
    // Everything the app may load: the bundle and its feature files (media, search; decision 0027).
    row(
      '1. Weight',
      'whole app, bundle + feature files (all loaded), gzip KB',
      fmt(kb(w.appTotal.gzip), 1),
      fmt(kb(w.floor.gzip), 1),
    );
    rows.at(-1).ratio = `${(w.appTotal.gzip / w.floor.gzip).toFixed(2)}×`;
    for (const [name, s] of Object.entries(w.elements)) {
      row(
        '1. Weight',
        `sms-${name} own entry (deps external), gzip / brotli KB`,
        `${fmt(kb(s.gzip))} / ${fmt(kb(s.brotli))}`,
        null,
      );
    }
  }

  if (wants('open')) {
    section('2. open a thread');
    results.scenarios.open = {};
    for (const n of [1000, 10_000, 100_000]) {
      const ours = await repeat('open', ['ours', n]);
      const base = await repeat('open', ['virtualizer', n]);
      const virtuoso = await repeat('open', ['virtuoso', n]);
      results.scenarios.open[n] = { ours, virtualizer: base, virtuoso };
      const label = n.toLocaleString('en');
      const t = pick(ours, 'time');
      const bt = pick(base, 'time');
      row(
        '2. Open thread',
        `${label}: ms to newest shown at bottom`,
        t,
        bt,
        '≤ 1.5× baseline',
        t.median <= 1.5 * bt.median,
        0,
      );
      row(
        '2. Open thread',
        `${label}: ms to newest shown at bottom (vs react-virtuoso)`,
        t,
        pick(virtuoso, 'time'),
        '≤ 1.0× react-virtuoso',
        t.median <= pick(virtuoso, 'time').median,
        0,
      );
      const shown = ours.filter((r) => r?.shownAtBottom).length;
      const bshown = base.filter((r) => r?.shownAtBottom).length;
      row(
        '2. Open thread',
        `${label}: newest shown at bottom`,
        `${shown}/${ours.length} runs`,
        `${bshown}/${base.length} runs`,
        '100 %',
        shown === ours.length,
      );
      row(
        '2. Open thread',
        `${label}: newest shown at bottom (vs react-virtuoso)`,
        `${shown}/${ours.length} runs`,
        `${virtuoso.filter((r) => r?.shownAtBottom).length}/${virtuoso.length} runs`,
      );
      row('2. Open thread', `${label}: JS heap added, MB`, pick(ours, 'heapMB'), pick(base, 'heapMB'));
      row(
        '2. Open thread',
        `${label}: DOM nodes`,
        pick(ours, 'nodes'),
        pick(base, 'nodes'),
        undefined,
        undefined,
        0,
      );
      row(
        '2. Open thread',
        `${label}: DOM nodes (vs react-virtuoso)`,
        pick(ours, 'nodes'),
        pick(virtuoso, 'nodes'),
        undefined,
        undefined,
        0,
      );
    }
  }

  if (wants('scroll')) {
    section('3. scroll a thread');
    results.scenarios.scroll = {};
    for (const kind of ['fling', 'traverse']) {
      const ours = await repeat('scroll', ['ours', 100_000, kind]);
      const virt = await repeat('scroll', ['virtualizer', 100_000, kind]);
      const virtuoso = await repeat('scroll', ['virtuoso', 100_000, kind]);
      const naive = await repeat('scroll', ['naive', 1000, kind]);
      const ours1k = await repeat('scroll', ['ours', 1000, kind]);
      results.scenarios.scroll[kind] = {
        ours,
        virtualizer: virt,
        virtuoso,
        naive1000: naive,
        ours1000: ours1k,
      };
      const what = kind === 'fling' ? 'fling 4,000 px/s for 3 s' : 'traverse all in 3 s';
      const p95 = pick(ours, 'p95');
      const max = pick(ours, 'max');
      row(
        '3. Scroll thread',
        `${what}, 100,000: frame p95 ms (vs bare virtualizer)`,
        p95,
        pick(virt, 'p95'),
        '≤ 16.7 ms',
        p95.median <= FRAME,
      );
      row(
        '3. Scroll thread',
        `${what}, 100,000: worst frame ms`,
        max,
        pick(virt, 'max'),
        'none > 50 ms',
        max.max <= 50,
      );
      row(
        '3. Scroll thread',
        `${what}, 100,000: frame p95 ms (vs react-virtuoso)`,
        p95,
        pick(virtuoso, 'p95'),
      );
      row(
        '3. Scroll thread',
        `${what}, 100,000: worst frame ms (vs react-virtuoso)`,
        max,
        pick(virtuoso, 'max'),
      );
      row(
        '3. Scroll thread',
        `${what}, 100,000: long tasks (count, ms) (vs react-virtuoso)`,
        `${fmt(pick(ours, 'longTasks').median, 0)}, ${fmt(pick(ours, 'longTaskMs').median, 0)}`,
        `${fmt(pick(virtuoso, 'longTasks').median, 0)}, ${fmt(pick(virtuoso, 'longTaskMs').median, 0)}`,
      );
      row(
        '3. Scroll thread',
        `${what}, 100,000: frames > 16.7 ms / > 50 ms`,
        `${fmt(pick(ours, 'over16').median, 0)} / ${fmt(pick(ours, 'over50').median, 0)}`,
        `${fmt(pick(virt, 'over16').median, 0)} / ${fmt(pick(virt, 'over50').median, 0)}`,
      );
      row(
        '3. Scroll thread',
        `${what}, 100,000: long tasks (count, ms)`,
        `${fmt(pick(ours, 'longTasks').median, 0)}, ${fmt(pick(ours, 'longTaskMs').median, 0)}`,
        `${fmt(pick(virt, 'longTasks').median, 0)}, ${fmt(pick(virt, 'longTaskMs').median, 0)}`,
      );
      row(
        '3. Scroll thread',
        `${what}, 1,000: frame p95 ms (vs naive, all rows)`,
        pick(ours1k, 'p95'),
        pick(naive, 'p95'),
      );
      row(
        '3. Scroll thread',
        `${what}, 1,000: worst frame ms (vs naive)`,
        pick(ours1k, 'max'),
        pick(naive, 'max'),
      );
    }
  }

  if (wants('older')) {
    section('4. load older');
    const ours = await repeat('older', ['ours', 20]);
    // The bare virtualizer loses the row being read in every prepend of every run (a shift, not a
    // time): one run of it is enough, and keeps the bench under ten minutes.
    const base = await repeat('older', ['virtualizer', 20], 1);
    const virtuoso = await repeat('older', ['virtuoso', 20]);
    results.scenarios.older = { ours, virtualizer: base, virtuoso };
    const worst = pick(ours, 'worstShift');
    row(
      '4. Load older',
      'worst shift of the message being read, any painted frame, px (20 prepends)',
      worst,
      pick(base, 'worstShift'),
      '0 ± 1 px',
      worst.max <= 1,
    );
    row(
      '4. Load older',
      'worst shift of the message being read, px (vs react-virtuoso)',
      worst,
      pick(virtuoso, 'worstShift'),
    );
    row(
      '4. Load older',
      'prepends with ≤ 1 px shift (vs react-virtuoso)',
      `${fmt(pick(ours, 'roundsWithin1px').median, 0)}/20`,
      `${fmt(pick(virtuoso, 'roundsWithin1px').median, 0)}/20`,
    );
    row(
      '4. Load older',
      'prepends with ≤ 1 px shift',
      `${fmt(pick(ours, 'roundsWithin1px').median, 0)}/20`,
      `${fmt(pick(base, 'roundsWithin1px').median, 0)}/20`,
      '20/20',
      ours.every((r) => r && r.roundsWithin1px === r.rounds),
    );
    row(
      '4. Load older',
      'shift on a later update (snap-back), px',
      pick(ours, 'laterShiftMax'),
      null,
      '0 ± 1 px',
      pick(ours, 'laterShiftMax').max <= 1,
    );
    row(
      '4. Load older',
      'frames with the log hidden per prepend (max)',
      pick(ours, 'hiddenFramesMax'),
      null,
      undefined,
      undefined,
      0,
    );
  }

  if (wants('list')) {
    section('5. conversation list');
    const ours = await repeat('list', ['ours', 10_000]);
    const base = await repeat('list', ['virtualizer', 10_000]);
    results.scenarios.list = { ours, virtualizer: base };
    row(
      '5. Conversation list',
      '10,000: first render ms',
      pick(ours, 'firstRender'),
      pick(base, 'firstRender'),
      undefined,
      undefined,
      0,
    );
    const p95 = pick(ours, 'scrollP95');
    row(
      '5. Conversation list',
      '10,000: fling frame p95 ms',
      p95,
      pick(base, 'scrollP95'),
      '≤ 16.7 ms',
      p95.median <= FRAME,
    );
    row(
      '5. Conversation list',
      '10,000: fling worst frame ms',
      pick(ours, 'scrollMax'),
      pick(base, 'scrollMax'),
    );
    const shift = pick(ours, 'moveShift');
    row(
      '5. Conversation list',
      'chat moves to top while mid-list: shift px',
      shift,
      pick(base, 'moveShift'),
      'no visible shift',
      shift.max <= 1,
    );
  }

  if (wants('cold')) {
    section('6. cold start from the cache');
    const p = await freshPage();
    const ours = [];
    const base = [];
    let filled;
    try {
      const t0 = Date.now();
      filled = await p.call('fill', 1000, 100_000);
      console.log(
        `  filled ${filled.conversations} conversations, ${filled.messages} messages in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
      for (let i = 0; i < RUNS; i++) {
        await p.reload();
        base.push(await p.call('rawRead', filled));
        await p.reload();
        ours.push(await p.call('cold', filled));
      }
    } catch (e) {
      console.log(`  ! cold start failed: ${String(e).split('\n')[0]}`);
    } finally {
      await p.close();
    }
    results.scenarios.cold = { filled, ours, rawIdb: base };
    const t = pick(ours, 'time');
    const b = pick(base, 'time');
    row(
      '6. Cold start',
      '1,000 conv. + 100,000 msgs cached: ms to list and open thread painted',
      t,
      b,
      '≤ 2× baseline',
      t.median <= 2 * b.median,
      0,
    );
    row('6. Cold start', 'ms to list painted', pick(ours, 'list'), null, undefined, undefined, 0);
    row(
      '6. Cold start',
      'messages read into the open thread',
      pick(ours, 'threadMessagesLoaded'),
      pick(base, 'messages'),
      undefined,
      undefined,
      0,
    );
  }

  if (wants('burst')) {
    section('7. inbound burst');
    const ours = await repeat('burst', ['ours', 10, 1000]);
    const bare = await repeat('burst', ['bare', 10, 1000]);
    const floor = await repeat('writeFloor', [10_000]);
    results.scenarios.burst = { ours, bare, idbFloor: floor };
    const shown = ours.filter((r) => r?.allShown).length;
    row(
      '7. Inbound burst',
      '10,000 msgs in 10 s, 50 conv.: every message shown',
      `${shown}/${ours.length} runs`,
      null,
      'all',
      shown === ours.length,
    );
    const max = pick(ours, 'maxFrame');
    row('7. Inbound burst', 'worst frame ms', max, pick(bare, 'maxFrame'), 'none > 50 ms', max.max <= 50);
    row(
      '7. Inbound burst',
      'frames > 50 ms',
      pick(ours, 'over50'),
      pick(bare, 'over50'),
      undefined,
      undefined,
      0,
    );
    const busy = stat(ours.map((r) => (r ? r.busy * 100 : NaN)));
    row(
      '7. Inbound burst',
      'main thread busy % (baseline: backend + client, no elements, no cache)',
      busy,
      stat(bare.map((r) => (r ? r.busy * 100 : NaN))),
      '≤ 50 %',
      busy.median <= 50,
      0,
    );
    const rate = pick(ours, 'cacheMsPerRecord');
    const fl = pick(floor, 'msPerRecord');
    row(
      '7. Inbound burst',
      'cache write ms per message record (baseline: idb single transaction)',
      rate,
      fl,
      '≤ 1.5× floor',
      rate.median <= 1.5 * fl.median,
      3,
    );
    row(
      '7. Inbound burst',
      'cache: read-write transaction ms per message received (all 10,000; vs the floor per record)',
      pick(ours, 'cacheMsPerMessage'),
      fl,
      undefined,
      undefined,
      3,
    );
    row(
      '7. Inbound burst',
      'cache: message records put',
      pick(ours, 'cacheRecords'),
      null,
      undefined,
      undefined,
      0,
    );
  }

  // Where the burst's time goes (only when named: `--only burst-parts`).
  if (ONLY?.includes('burst-parts')) {
    section('7b. inbound burst by part');
    // BENCH_PARTS=list,bare: some of the parts only.
    const parts = process.env.BENCH_PARTS?.split(',') ?? ['list', 'thread', 'no-cache', 'bare'];
    for (const part of parts) {
      const runs = await repeat('burst', [part, 10, 1000]);
      const busy = stat(runs.map((r) => (r ? r.busy * 100 : NaN)));
      row('7b. Burst by part', `${part}: main thread busy %`, busy, null, undefined, undefined, 0);
      row(
        '7b. Burst by part',
        `${part}: frames > 50 ms`,
        pick(runs, 'over50'),
        null,
        undefined,
        undefined,
        0,
      );
      if (part === 'list' || part === 'thread')
        row(
          '7b. Burst by part',
          `${part}: cache ms per record`,
          pick(runs, 'cacheMsPerRecord'),
          null,
          undefined,
          undefined,
          3,
        );
    }
  }

  if (wants('send')) {
    section('8. send');
    const ours = await repeat('send', ['ours', 20]);
    const plain = await repeat('send', ['plain', 20]);
    results.scenarios.send = { ours, plain };
    const p95 = pick(ours, 'p95');
    row(
      '8. Send',
      'click → local echo painted, p95 ms (baseline: a button appending a row)',
      p95,
      pick(plain, 'p95'),
      '≤ 16.7 ms (one frame)',
      p95.median <= FRAME,
    );
    row('8. Send', 'click → local echo painted, p50 ms', pick(ours, 'p50'), pick(plain, 'p50'));
  }

  if (wants('jump')) {
    section('10. jump to a message');
    results.scenarios.jump = {};
    for (const latency of [0, 80]) {
      const ours = await repeat('jump', ['jump', 100_000, 90_000, latency]);
      const base = await repeat('jump', ['newest', 100_000, 90_000, latency]);
      results.scenarios.jump[latency] = { ours, newest: base };
      const t = pick(ours, 'time');
      const bt = pick(base, 'time');
      row(
        '10. Jump to a message',
        `90,000 back of 100,000, ${latency} ms latency: ms to painted in the middle and highlighted (baseline: open at the newest)`,
        t,
        bt,
        '≤ 2× baseline',
        t.median <= 2 * bt.median,
        0,
      );
      rows.at(-1).ratio = `${(t.median / bt.median).toFixed(2)}×`;
      const reached = ours.filter((r) => r?.reached).length;
      row(
        '10. Jump to a message',
        `${latency} ms latency: reached`,
        `${reached}/${ours.length} runs`,
        null,
        'all',
        reached === ours.length,
      );
      row(
        '10. Jump to a message',
        `${latency} ms latency: messages read into the store`,
        pick(ours, 'loaded'),
        pick(base, 'loaded'),
        undefined,
        undefined,
        0,
      );
    }
  }

  if (wants('search')) {
    section('9. search');
    const ours = await repeat('search', [1000, 100]);
    results.scenarios.search = ours;
    const got = ours.find(Boolean);
    if (got)
      console.log(
        `  ${got.messages} messages in the client, ${got.indexed} indexed, ${got.reloaded} reloaded`,
      );
    const first = pick(ours, 'firstResultsP95');
    row(
      '9. Search',
      '100,000 msgs / 1,000 chats: one-word query, keystroke → results painted, p95 ms',
      first,
      null,
      '≤ 50 ms',
      first.median <= 50,
    );
    row('9. Search', 'keystroke → painted, p50 ms', pick(ours, 'firstResultsP50'), null);
    const key = pick(ours, 'typingKeyP95');
    row(
      '9. Search',
      'typing 3 words (a key per 110 ms): keystroke → painted, p95 ms',
      key,
      null,
      '≤ 50 ms',
      key.median <= 50,
    );
    const frame = pick(ours, 'typingMaxFrame');
    row(
      '9. Search',
      'typing: longest frame ms (frames > 50 ms in brackets)',
      frame,
      null,
      '≤ 50 ms',
      frame.max <= 50,
    );
    row('9. Search', 'typing: frames > 50 ms', pick(ours, 'typingFramesOver50'), null, '0', undefined, 0);
    row(
      '9. Search',
      'query alone, p95 ms (baseline: fold and match every cached message)',
      pick(ours, 'queryP95'),
      pick(ours, 'naiveP95'),
      undefined,
      undefined,
      2,
    );
    const longest = pick(ours, 'buildLongestTask');
    row(
      '9. Search',
      'index build over a running client: longest main-thread task ms (0: none over 50; baseline: keys made in one task)',
      longest,
      pick(ours, 'syncBuildMs'),
      '≤ 50 ms',
      longest.max <= 50,
      0,
    );
    row(
      '9. Search',
      'index build: ms until all is in IndexedDB',
      pick(ours, 'buildMs'),
      null,
      undefined,
      undefined,
      0,
    );
    row(
      '9. Search',
      'index size: bytes per message (storage.estimate delta)',
      pick(ours, 'bytesPerMessage'),
      null,
      undefined,
      undefined,
      0,
    );
    const reload = pick(ours, 'reloadLongestTask');
    row(
      '9. Search',
      'reload: reading the stored index, longest task ms',
      reload,
      null,
      '≤ 50 ms',
      reload.max <= 50,
      0,
    );
    row(
      '9. Search',
      'reload: ms until the stored index is read',
      pick(ours, 'reloadMs'),
      null,
      undefined,
      undefined,
      0,
    );
  }
} finally {
  section('');
  await browser.close();
  server.close();
  rmSync(pageDir, { recursive: true, force: true });
}

const md = printTable();
results.table = rows;
results.markdown = md;
results.seconds = Math.round((Date.now() - started) / 1000);
writeFileSync(join(root, 'bench-results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nbench-results.json written; ${results.seconds} s in all.`);
