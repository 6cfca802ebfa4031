#!/usr/bin/env node
// `npm test`: every check the project has, in order, on this machine.
// Installs Debian's Chromium when it is missing and we are root; otherwise says what to install.
// Ends with one line `N passed, N failed, N skipped` and exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

const steps = [];
const only = process.argv.slice(2);

function run(name, cmd, args, { counts } = {}) {
  if (only.length && !only.some((o) => name.startsWith(o))) return;
  const started = Date.now();
  console.log(`\n▶ ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const ok = r.status === 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let tally = null;
  if (counts) {
    try {
      tally = JSON.parse(readFileSync(counts, 'utf8'));
    } catch {
      tally = null;
    }
  }
  steps.push({ name, ok, seconds, tally });
  console.log(`${ok ? '✔' : '✘'} ${name} (${seconds} s)`);
}

/**
 * Like {@link run}, without blocking: the step's output is kept and printed whole when it ends, so
 * steps that run side by side do not interleave. Resolves when the step has been recorded.
 */
function runAside(name, cmd, args, { counts } = {}) {
  if (only.length && !only.some((o) => name.startsWith(o))) return Promise.resolve();
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, FORCE_COLOR: '0' } });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      const ok = code === 0;
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      let tally = null;
      if (counts) {
        try {
          tally = JSON.parse(readFileSync(counts, 'utf8'));
        } catch {
          tally = null;
        }
      }
      console.log(`\n▶ ${name}: ${[cmd, ...args].join(' ')}`);
      process.stdout.write(Buffer.concat(out));
      steps.push({ name, ok, seconds, tally });
      console.log(`${ok ? '✔' : '✘'} ${name} (${seconds} s)`);
      resolve();
    });
  });
}

/** Runs the steps two at a time (two cores), each as {@link runAside}. */
async function runTwoAtATime(list) {
  const queue = [...list];
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await runAside(...next);
  };
  await Promise.all([lane(), lane()]);
}

function ensureChromium() {
  if (findChromium()) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      'Chromium not found: install it with `sudo apt-get install -y chromium` (or set CHROME_PATH).',
    );
    return false;
  }
  console.log('Chromium not found; installing Debian package `chromium`…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (findChromium()) return true;
  console.error('Chromium could not be installed: run `apt-get install -y chromium` and try again.');
  return false;
}

rmSync('.test-results', { recursive: true, force: true });
mkdirSync('.test-results', { recursive: true });

const npx = 'npx';
// Mutation testing of the conformance suite: every named contract violation must fail it (~50 s,
// mostly waiting out event timeouts), so it runs beside the static checks.
const mutants = runAside('conformance-mutants', process.execPath, ['scripts/conformance-mutants.mjs'], {
  counts: '.test-results/mutants.json',
});
await runTwoAtATime([
  ['manifest', npx, ['cem', 'analyze', '--litelement', '--quiet']],
  ['typecheck', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['eslint', npx, ['eslint', '--max-warnings', '0', '.']],
  ['typecheck-server', npx, ['tsc', '--noEmit', '-p', 'server']],
  ['typecheck-bench', npx, ['tsc', '--noEmit', '-p', 'bench/tsconfig.json']],
  ['import-cycles', process.execPath, ['scripts/check-cycles.mjs']],
  [
    'lit-analyzer',
    npx,
    ['lit-analyzer', 'src', '--strict', '--rules.no-missing-import', 'off', '--rules.no-invalid-css', 'off'],
  ],
  ['prettier', npx, ['prettier', '--check', '--log-level', 'warn', '.']],
]);
run('build', 'npm', ['run', '--silent', 'build:lib']);
// The bundle may not grow past its recorded weight + 1 KB gzip without a new record (bench/weight-budget.json).
run('weight', process.execPath, ['scripts/check-weight.mjs']);
run('node-tests', process.execPath, ['scripts/node-tests.mjs'], { counts: '.test-results/node.json' });
await mutants;
const wantsBrowser =
  !only.length ||
  only.some((o) =>
    ['browser-tests', 'stories', 'csp', 'examples', 'package', 'journeys', 'chaos'].some((step) =>
      step.startsWith(o),
    ),
  );
const haveChromium = wantsBrowser && ensureChromium();
if (wantsBrowser && !haveChromium)
  steps.push({ name: 'browser-tests', ok: false, seconds: '0', tally: null });
if (haveChromium) {
  run('browser-tests', npx, ['wtr'], { counts: '.test-results/wtr.json' });
  run('storybook-build', 'npm', ['run', '--silent', 'build-storybook']);
  run('stories', process.execPath, ['scripts/check-stories.mjs'], { counts: '.test-results/stories.json' });
  run('csp', process.execPath, ['scripts/check-csp.mjs'], { counts: '.test-results/csp.json' });
  run('examples', process.execPath, ['scripts/check-examples.mjs'], {
    counts: '.test-results/examples.json',
  });
  run('package', process.execPath, ['scripts/check-package.mjs'], { counts: '.test-results/package.json' });
  // The whole app in a host page, the help article's journeys and a bounded model-based run.
  run('journeys', process.execPath, ['scripts/check-journeys.mjs'], {
    counts: '.test-results/journeys.json',
  });
  // Two real tabs over the reference server: sends in both, outages, the leader reloaded and
  // closed while away, inbound texts (one bounded session; npm run test:chaos for the long form).
  run('chaos', process.execPath, ['scripts/check-chaos.mjs'], { counts: '.test-results/chaos.json' });
}

let passed = 0;
let failed = 0;
let skipped = 0;
console.log('\nSummary');
for (const s of steps) {
  if (s.tally) {
    passed += s.tally.passed;
    failed += s.tally.failed;
    skipped += s.tally.skipped ?? 0;
    if (!s.ok && s.tally.failed === 0) failed += 1; // the step failed outside any test
    console.log(
      `  ${s.ok ? '✔' : '✘'} ${s.name}: ${s.tally.passed} passed, ${s.tally.failed} failed (${s.seconds} s)`,
    );
  } else {
    if (s.ok) passed += 1;
    else failed += 1;
    console.log(`  ${s.ok ? '✔' : '✘'} ${s.name} (${s.seconds} s)`);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(steps.every((s) => s.ok) ? 0 : 1);
