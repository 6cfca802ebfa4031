#!/usr/bin/env node
// Builds the framework examples (examples/react, vue, angular) with Vite, type-checks the
// TypeScript ones, and drives each example and the plain-HTML one (examples/html) in headless
// Chromium: the element renders, has its client (conversations show), took a property set by
// the framework (`labels`), and the framework's own handlers receive `sms-conversation-select`
// and `sms-send` (they write into the page, the test reads it back); `openConversation` fills
// the composer. Writes its totals to .test-results/examples.json for scripts/check.mjs.
//
//   node scripts/check-examples.mjs [react|vue|angular|html …]   check some or all
//   node scripts/check-examples.mjs --serve                        build and serve them to look at
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { launchChromium } from './chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const serveOnly = args.includes('--serve');
const all = ['react', 'vue', 'angular', 'html'];
const names = args.filter((a) => !a.startsWith('--'));
const examples = names.length ? all.filter((n) => names.includes(n)) : all;
/** The examples built by Vite, and those with a tsconfig to type-check. */
const built = new Set(['react', 'vue', 'angular']);
const typed = new Set(['react', 'angular']);
const out = '.tmp/examples';

const totals = { passed: 0, failed: 0, skipped: 0 };
function record(name, problem) {
  if (problem) {
    totals.failed++;
    console.log(`✘ ${name}\n    ${String(problem).split('\n').join('\n    ')}`);
  } else {
    totals.passed++;
    console.log(`✔ ${name}`);
  }
}
function finish() {
  mkdirSync('.test-results', { recursive: true });
  writeFileSync('.test-results/examples.json', JSON.stringify(totals));
  console.log(`examples: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed ? 1 : 0);
}

// The examples import the package as built: build it when dist/ is missing.
if (!existsSync(join(root, 'dist/index.js')) || !existsSync(join(root, 'dist/sms-elements.bundle.js'))) {
  console.log('dist/ is missing: npm run build:lib');
  const r = spawnSync('npm', ['run', '--silent', 'build:lib'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    record('build the package (npm run build:lib)', `exit ${r.status}`);
    finish();
  }
}

/** @type {Map<string, string>} example → the URL path of its page */
const pages = new Map();
for (const name of examples) {
  if (!built.has(name)) {
    pages.set(name, `/examples/${name}/index.html`);
    continue;
  }
  const started = Date.now();
  try {
    await build({
      configFile: join(root, 'examples', name, 'vite.config.ts'),
      root: join(root, 'examples', name),
      base: './',
      logLevel: 'error',
      build: { outDir: join(root, out, name), emptyOutDir: true },
    });
    pages.set(name, `/${out}/${name}/index.html`);
    record(`${name}: builds (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    record(`${name}: builds`, error?.message ?? error);
  }
  if (typed.has(name) && !serveOnly) {
    const r = spawnSync('npx', ['tsc', '-p', `examples/${name}`], { cwd: root, encoding: 'utf8' });
    record(`${name}: type-checks`, r.status === 0 ? null : `${r.stdout}${r.stderr}`.trim());
  }
}

// Serves the repository's files read-only: the built examples, examples/html and dist/.
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};
// node_modules/libphonenumber-js: the import map of examples/html, for the demo backend only.
const served = [`/${out}/`, '/examples/html/', '/dist/', '/node_modules/libphonenumber-js/'];
const server = createServer((req, res) => {
  if (req.url === '/favicon.ico') {
    res.writeHead(204).end(); // the examples have no icon; the browser asks anyway
    return;
  }
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  let file = join(root, path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!served.some((p) => path.startsWith(p)) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(serveOnly ? 4180 : 0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

if (serveOnly) {
  for (const [name, path] of pages) console.log(`${name.padEnd(8)} ${base}${path}`);
  console.log('Ctrl+C to stop.');
  await new Promise(() => {});
}

const browser = await launchChromium().catch((error) => {
  record('chromium', error.message);
  server.close();
  finish();
});

for (const [name, path] of pages) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
  page.setDefaultTimeout(10_000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ResizeObserver loop/.test(m.text()))
      problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  // Each step: a name and what it does; the first failure skips the rest of this example.
  const log = page.locator('#log');
  const steps = [
    [
      'renders <sms-messages> with its client (conversations show)',
      async () => {
        await page.goto(base + path, { waitUntil: 'load' });
        await page.locator('sms-messages [part="row"]').first().waitFor();
      },
    ],
    [
      '`labels` set as a property reaches the element',
      async () => {
        await page.locator('sms-messages [part="list-header"] h2', { hasText: 'Texts' }).waitFor();
      },
    ],
    [
      'sms-conversation-select reaches the framework handler',
      async () => {
        await page.locator('sms-messages [part="row"]').nth(1).click();
        await log.filter({ hasText: /^sms-conversation-select \S+/ }).waitFor();
      },
    ],
    [
      'openConversation() fills the composer; sms-send reaches the framework handler',
      async () => {
        await page.getByRole('button', { name: 'Text (202) 555-0143' }).click();
        const field = page.locator('sms-messages sms-composer textarea');
        let text = '';
        for (const started = Date.now(); !/^Hello from /.test(text); await page.waitForTimeout(50)) {
          if (Date.now() - started > 10_000) throw new Error(`the composer holds "${text}"`);
          text = await field.inputValue();
        }
        await page.locator('sms-messages [part="send-button"]').click();
        await log.filter({ hasText: `sms-send "${text}" to +12025550143` }).waitFor();
      },
    ],
  ];
  let failedAt = -1;
  for (const [i, [step, run]] of steps.entries()) {
    if (failedAt >= 0) {
      totals.skipped++;
      continue;
    }
    try {
      await run();
      if (problems.length) throw new Error(problems.splice(0).join('\n'));
      record(`${name}: ${step}`);
    } catch (error) {
      failedAt = i;
      record(`${name}: ${step}`, [error?.message ?? error, ...problems.splice(0)].join('\n'));
    }
  }
  await page.close();
}

await browser.close();
server.close();
finish();
