#!/usr/bin/env node
// Opens every story of the static Storybook (storybook-static/) in headless Chromium and fails
// on page errors, console errors, failed requests, a failed play function, or axe violations.
// Opens every docs page too (all of a component's stories on one page, each with its own
// client), failing on page errors, console errors and failed requests there.
// Writes its totals to .test-results/stories.json for scripts/check.mjs.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, mkdirSync, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const root = 'storybook-static';
const only = process.argv[2];
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const server = createServer((req, res) => {
  if (req.url === '/favicon.ico') {
    res.writeHead(204).end(); // Storybook has no icon; the browser asks anyway.
    return;
  }
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  let file = join(root, path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter(
  (e) => (e.type === 'story' || e.type === 'docs') && (!only || e.id.includes(only)),
);
/** How long a docs page is watched after it rendered: its stories load their demo data meanwhile. */
const DOCS_WATCH_MS = 1500;
const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: CHROMIUM_ARGS.filter((a) => !a.startsWith('--headless')),
});
const totals = { passed: 0, failed: 0, skipped: 0 };

// One page for all entries: the next story is asked for over Storybook's channel, as the Storybook
// UI does when a reviewer clicks through the sidebar (a reload per story spent ~2.5 s parsing the
// preview bundle each time). A story must therefore also clean up after itself: what one leaves
// behind (a page error, a failed request, a console error) is reported against the next one, as a
// reviewer would meet it.
let page;
let problems = [];
/** True from asking for the next story until it rendered: the previous one is being torn down. */
let switching = false;
async function openPage(first) {
  page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ResizeObserver loop/.test(m.text())) {
      problems.push(`console error: ${m.text()} ${m.location()?.url ?? ''}`);
    }
  });
  page.on('requestfailed', (r) => {
    // The story being left revokes its object URLs while its images may still be loading, and an
    // image taken off the page mid-load is aborted: neither is an error a person could see.
    const error = r.failure()?.errorText ?? '';
    const benign = r.url().startsWith('blob:') && (switching || error === 'net::ERR_ABORTED');
    if (!benign) problems.push(`request failed: ${r.url()} ${error}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.addInitScript(() => {
    // Resolves window.__storyDone for the story asked for last (by id), or on its error.
    window.__expect = (id) => {
      window.__storyDone = new Promise((resolve) => {
        window.__settle = (storyId, result) => {
          if (storyId === undefined || storyId === id) resolve(result);
        };
      });
    };
    const hook = () => {
      const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
      if (!channel) return setTimeout(hook, 10);
      window.__channel = channel;
      const settle = (storyId, result) => window.__settle?.(storyId, result);
      channel.on('storyRendered', (id) => settle(id, { ok: true }));
      channel.on('docsRendered', (id) => settle(id, { ok: true }));
      channel.on('playFunctionThrewException', (e) =>
        settle(undefined, { ok: false, error: `play function: ${e?.message ?? e}` }),
      );
      channel.on('storyThrewException', (e) =>
        settle(undefined, { ok: false, error: `story threw: ${e?.message ?? e}` }),
      );
      channel.on('storyErrored', (e) =>
        settle(undefined, { ok: false, error: `story errored: ${e?.title ?? ''} ${e?.description ?? ''}` }),
      );
      channel.on('storyMissing', (id) => settle(undefined, { ok: false, error: `story missing: ${id}` }));
    };
    hook();
  });
  await page.addInitScript(`window.__expect(${JSON.stringify(first.id)})`);
  const docs = first.type === 'docs';
  await page.goto(`${base}/iframe.html?id=${first.id}&viewMode=${docs ? 'docs' : 'story'}`, {
    waitUntil: 'load',
  });
}

for (const story of stories) {
  problems = [];
  const docs = story.type === 'docs';
  try {
    if (!page) {
      await openPage(story);
    } else {
      switching = true;
      await page.evaluate(
        ({ id, viewMode }) => {
          window.__expect(id);
          window.__channel.emit('setCurrentStory', { storyId: id, viewMode });
        },
        { id: story.id, viewMode: docs ? 'docs' : 'story' },
      );
    }
    const result = await Promise.race([
      page.evaluate(() => window.__storyDone),
      new Promise((r) =>
        setTimeout(() => r({ ok: false, error: 'did not finish rendering in 20 s' }), 20_000),
      ),
    ]);
    switching = false;
    if (!result.ok) problems.push(result.error);
    if (docs) {
      // The page's stories are checked one by one (axe too); here: nothing may fail while
      // they all run side by side, each with its own client.
      await page.waitForTimeout(DOCS_WATCH_MS);
      const shown = await page.evaluate(() => document.querySelectorAll('.docs-story').length);
      if (!shown) problems.push('the docs page shows no story');
    } else {
      await page.waitForTimeout(300);
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const root = document.querySelector('#storybook-root') ?? document.body;
        let r;
        // Storybook's a11y addon runs axe after each render too: wait for its run to end.
        for (let attempt = 0; ; attempt++) {
          try {
            r = await window.axe.run(root, { resultTypes: ['violations'] });
            break;
          } catch (error) {
            if (attempt > 100 || !/already running/.test(String(error))) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
        return r.violations.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
        );
      });
      for (const v of violations) problems.push(`axe ${v}`);
    }
  } catch (error) {
    problems.push(String(error));
  }
  if (problems.length) {
    totals.failed++;
    console.log(`✘ ${story.title} › ${story.name}`);
    for (const p of problems) console.log(`    ${p}`);
    // Start the next story on a fresh page: a broken one must not take its neighbours down too.
    await page?.close();
    page = undefined;
  } else {
    totals.passed++;
    console.log(`✔ ${story.title} › ${story.name}`);
  }
}

await browser.close();
server.close();
mkdirSync('.test-results', { recursive: true });
writeFileSync('.test-results/stories.json', JSON.stringify(totals));
console.log(`stories: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
