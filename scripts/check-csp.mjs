#!/usr/bin/env node
// Runs the built single-file bundle on a page with a strict Content-Security-Policy and Trusted
// Types (no inline script or style, no eval), drives the whole app through its main flows in
// headless Chromium, and fails on any CSP violation, page error or console error.
// Writes its totals to .test-results/csp.json for scripts/check.mjs.
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { BUNDLE_FEATURES, BUNDLE_FILES } from './bundle-files.mjs';

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
].join('; ');
/**
 * A host page with its own copy of Lit and an allow-list of Trusted Types policies: both copies
 * create the `lit-html` policy, which the allow-list must permit twice (docs/embedding.md).
 */
const HOST_LIT_CSP = `${CSP}; trusted-types lit-html 'allow-duplicates'`;

mkdirSync('.test-results/csp', { recursive: true });
await build({
  entryPoints: ['src/transport/memory/index.ts'],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  outfile: '.test-results/csp/memory.js',
  logLevel: 'error',
});

/** A page with no inline script or style: one stylesheet and one module. */
const html = (script) => [
  'text/html',
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSP</title><link rel="stylesheet" href="/page.css"><script type="module" src="${script}"></script></head><body></body></html>`,
];
const files = {
  '/': html('/page.js'),
  '/page.js': ['text/javascript', readFileSync('test/csp/page.mjs')],
  '/host-lit': html('/host-lit.js'),
  // The host's own Lit made its `lit-html` policy before the bundle loads.
  '/host-policy.js': [
    'text/javascript',
    "window.__hostPolicy = trustedTypes.createPolicy('lit-html', { createHTML: (s) => s });",
  ],
  '/host-lit.js': ['text/javascript', "import '/host-policy.js';\nimport '/page.js';"],
  '/page.css': ['text/css', readFileSync('test/csp/page.css')],
  '/memory.js': ['text/javascript', readFileSync('.test-results/csp/memory.js')],
  // The bundle and the feature files it loads from next to itself (decision 0027).
  ...Object.fromEntries(BUNDLE_FILES.map((f) => [`/${f}`, ['text/javascript', readFileSync(`dist/${f}`)]])),
};
/** Whether the feature files answer 404 (not copied next to the bundle, or the network is gone). */
let featureFilesGone = false;
const server = createServer((req, res) => {
  if (req.url === '/favicon.ico') return void res.writeHead(204).end();
  const path = new URL(req.url, 'http://x').pathname;
  const file = featureFilesGone && BUNDLE_FEATURES.includes(path.slice(1)) ? undefined : files[path];
  if (!file) return void res.writeHead(404).end();
  res.writeHead(200, {
    'content-type': file[0],
    'content-security-policy': path === '/host-lit' ? HOST_LIT_CSP : CSP,
  });
  res.end(file[1]);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
const errors = [];
page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
page.on('console', (m) => {
  if (m.type() === 'error') errors.push(`console: ${m.text()}`);
});

const totals = { passed: 0, failed: 0 };
async function step(name, run) {
  const before = errors.length;
  let problem = '';
  try {
    await run();
  } catch (error) {
    problem = String(error?.message ?? error).split('\n')[0];
  }
  const violations = await page.evaluate(() => window.__violations?.splice(0) ?? []).catch(() => []);
  const found = [problem, ...violations.map((v) => `CSP: ${v}`), ...errors.slice(before)].filter(Boolean);
  if (found.length) {
    totals.failed++;
    console.log(`✘ ${name}`);
    for (const f of found) console.log(`    ${f}`);
  } else {
    totals.passed++;
    console.log(`✔ ${name}`);
  }
}

/** Deep query through shadow roots, from the page. */
const deep = (selectors) =>
  page.waitForFunction(
    (sels) => {
      let node = document;
      for (const s of sels) {
        const root = node.shadowRoot ?? node;
        node = root.querySelector(s);
        if (!node) return null;
      }
      return node;
    },
    selectors,
    { timeout: 10_000 },
  );

await step('loads the app under a strict CSP with Trusted Types', async () => {
  await page.goto(base);
  await deep(['sms-messages', 'sms-conversation-list', '[role="option"]']);
});
await step('opens a chat and shows its messages', async () => {
  const row = await deep(['sms-messages', 'sms-conversation-list', '[role="option"]']);
  await row.asElement().click();
  await deep(['sms-messages', 'sms-thread', '[part="bubble"]']);
});
await step('types and sends a message', async () => {
  const field = await deep(['sms-messages', 'sms-composer', 'textarea']);
  await field.asElement().click();
  await page.keyboard.type('Hello from a strict page — “quoted” <b>not bold</b>');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() =>
    window.__client
      .getState()
      .conversations.some((c) => c.lastMessage?.text.startsWith('Hello from a strict page')),
  );
});
await step('receives a photo and opens it in the media player', async () => {
  await page.evaluate(async () => {
    const id = window.__client.getState().selectedConversationId;
    await window.__backend.receive({ conversationId: id, media: ['photo'], text: '' });
  });
  const thumb = await deep(['sms-messages', 'sms-thread', 'button[part="attachment"]']);
  await page.waitForTimeout(300);
  const all = await page.evaluateHandle(() => {
    const t = document.querySelector('sms-messages').shadowRoot.querySelector('sms-thread');
    const buttons = t.shadowRoot.querySelectorAll('button[part="attachment"]');
    return buttons[buttons.length - 1];
  });
  await (all.asElement() ?? thumb.asElement()).click();
  await deep(['sms-messages', 'sms-media-viewer', 'dialog[open]']);
  await page.keyboard.press('Escape');
});
await step('starts a new message and searches contacts', async () => {
  await page.evaluate(() => window.__app.startNewMessage());
  const input = await deep(['sms-messages', 'sms-new-conversation', 'input']);
  await input.asElement().type('a');
  await page.waitForTimeout(400);
});

await step('search typed into before its file arrives keeps the text and takes the focus', async () => {
  // A fresh page: the person clicks the field at once and types (search may still be loading).
  await page.goto(base);
  // Where the field is: the stand-in and <sms-search> draw it at the same place (one may replace
  // the other while the pointer moves, as for a person).
  await deep(['sms-messages', '.search-stand-in input, sms-search']);
  const box = await page.evaluate(() => {
    const root = document.querySelector('sms-messages').shadowRoot;
    const r = root.querySelector('.search-stand-in input, sms-search').getBoundingClientRect();
    return { x: r.left, y: r.top, height: r.height };
  });
  await page.mouse.click(box.x + 40, box.y + box.height / 2);
  await page.keyboard.type('Rosa');
  await page.waitForFunction(() => {
    const search = document.querySelector('sms-messages').shadowRoot.querySelector('sms-search');
    return search?.value === 'Rosa' && search.shadowRoot.activeElement?.localName === 'input';
  });
});
await step(
  'a feature file that cannot be fetched is said, loses nothing, and "Try again" loads it',
  async () => {
    featureFilesGone = true;
    const before = errors.length;
    await page.goto(base);
    const field = await deep(['sms-messages', '.search-stand-in input']);
    await field.asElement().click();
    await page.keyboard.type('Rosa');
    const alert = await deep(['sms-messages', '.feature-load[role="alert"]']);
    const said = await alert.evaluate((a) => a.textContent);
    if (!said.includes('could not be loaded')) throw new Error(`the message says: ${said}`);
    if ((await field.evaluate((f) => f.value)) !== 'Rosa') throw new Error('what was typed is lost');
    // The browser reports each failed fetch on the console: expected here, not an error of the page.
    errors.splice(before).forEach((e) => {
      if (!/status of 404/.test(e)) errors.push(e);
    });
    featureFilesGone = false;
    await (await deep(['sms-messages', '.feature-load button'])).asElement().click();
    await page.waitForFunction(() => {
      const root = document.querySelector('sms-messages').shadowRoot;
      return root.querySelector('sms-search')?.value === 'Rosa' && !root.querySelector('.feature-load');
    });
    // The media viewer's file failed at idle too: a photo opened now loads it.
    await page.evaluate(async () => {
      const id = window.__client.getState().conversations[0].id;
      window.__client.selectConversation(id);
      await window.__backend.receive({ conversationId: id, media: ['photo'], text: '' });
    });
    const thumb = await deep(['sms-messages', 'sms-thread', 'button[part="attachment"]']);
    await page.waitForTimeout(300);
    await thumb.asElement().click();
    await deep(['sms-messages', 'sms-media-viewer', 'dialog[open]']);
    await page.keyboard.press('Escape');
  },
);

await step("loads next to the host page's own Lit under a Trusted Types allow-list", async () => {
  await page.goto(`${base}/host-lit`);
  const row = await deep(['sms-messages', 'sms-conversation-list', '[role="option"]']);
  if (!(await page.evaluate(() => Boolean(window.__hostPolicy))))
    throw new Error('the host policy was not made');
  await row.asElement().click();
  await deep(['sms-messages', 'sms-thread', '[part="bubble"]']);
});

await browser.close();
server.close();
writeFileSync('.test-results/csp.json', JSON.stringify(totals));
console.log(`csp: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
