// The Node side of the acceptance suite: builds and serves the host page (test/acceptance/host),
// starts the reference server, opens the app in real headless Chromium (playwright-core) and
// drives it as a person does: the real mouse (page.mouse), the wheel, the keyboard. Readers return
// what is on screen (rows, header, log, composer) and what the backend holds.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { launchChromium } from '../../scripts/chromium.mjs';

const root = resolve(import.meta.dirname, '../..');
const out = join(root, '.tmp/acceptance');
export const ACCOUNT_ID = 'acct-acme';

/** Builds the host page with Vite (≈ 2 s) into .tmp/acceptance. */
export async function buildHost() {
  await build({
    root: join(root, 'test/acceptance/host'),
    configFile: false,
    base: './',
    logLevel: 'error',
    build: { outDir: out, emptyOutDir: true, sourcemap: false, minify: false, target: 'es2022' },
  });
}

/** Serves .tmp/acceptance on 127.0.0.1; resolves with `{ url, close }`. */
export async function serveHost() {
  const types = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
  };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    let file = join(out, path);
    if (!file.startsWith(out)) return void res.writeHead(404).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

const SERVER_TOKEN = 'journeys-token';
const ADMIN_KEY = 'journeys-admin-key';

/**
 * Starts the reference server (test/acceptance/server.ts: `server/server.ts` with an in-memory
 * database, no carrier failures, no rate limit) on a free port. Resolves with `{ url, token, close() }`.
 */
export async function startReferenceServer() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/acceptance/server.ts', SERVER_TOKEN, ADMIN_KEY],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise((done, fail) => {
    let text = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      text += d;
      const m = /server on (http:\/\/\S+)/.exec(text);
      if (m) done(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`The reference server exited (${code}): ${err}`)));
  });
  const close = () =>
    new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  return { url, token: SERVER_TOKEN, close };
}

/** Launches headless Chromium with the project's flags. */
export function launch() {
  return launchChromium();
}

/** Polls `check` (sync or async) until it returns a truthy value; throws `label` after `timeout` ms. */
export async function until(check, label, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for: ${label}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Opens the host page in a fresh context. `query`: host page options (lang, seed, conversations,
 * latency, backend=http, server, token, crm). `errors` collects uncaught errors and console errors.
 * `clock: true` installs Playwright's clock in the page before it loads (time flows as usual
 * until the test moves it with `page.clock.fastForward`): the memory backend's timers, e.g. a
 * message scheduled in an hour, then run on the test's command.
 */
export async function openApp(
  browser,
  base,
  { query = {}, viewport = { width: 1100, height: 760 }, permissions = [], clock = false } = {},
) {
  const context = await browser.newContext({ viewport, permissions });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  if (clock) await page.clock.install();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/ResizeObserver loop|Failed to load resource/.test(m.text()))
      errors.push(`console error: ${m.text()}`);
  });
  const url = `${base}?${new URLSearchParams(query)}`;
  await page.goto(url);
  const app = new App(page, errors);
  await app.ready();
  return { context, page, app, errors };
}

/** A person's view of `<sms-messages>` and their hands on it. */
export class App {
  constructor(page, errors) {
    this.page = page;
    this.errors = errors;
  }

  /** Waits until the list shows its first rows. */
  async ready() {
    await this.page.locator('sms-conversation-list [role="option"]').first().waitFor();
  }

  /** The rendered rows of the list, top to bottom, with what each shows. */
  rows() {
    return this.page.evaluate(() => {
      const list = document.querySelector('sms-messages')?.shadowRoot?.querySelector('sms-conversation-list');
      const root = list?.shadowRoot;
      if (!root) return [];
      const box = root.querySelector('.scroller')?.getBoundingClientRect();
      return [...root.querySelectorAll('[role="option"]')]
        .map((row) => {
          const r = row.getBoundingClientRect();
          return {
            id: row.id,
            name: row.querySelector('[part="name"]')?.textContent?.trim() ?? '',
            preview: row.querySelector('[part="preview"]')?.textContent?.trim() ?? '',
            badge: row.querySelector('[part="badge"]')?.textContent?.trim() ?? '',
            bold: row.classList.contains('unread'),
            selected: row.getAttribute('aria-selected') === 'true',
            top: r.top,
            visible: !!box && r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
          };
        })
        .filter((r) => r.top > -10_000)
        .sort((a, b) => a.top - b.top);
    });
  }

  /** What the thread pane shows: the header's title, the log's messages, the composer's target. */
  thread() {
    return this.page.evaluate(() => {
      const app = document.querySelector('sms-messages')?.shadowRoot;
      const thread = app?.querySelector('sms-thread');
      const composer = app?.querySelector('sms-composer');
      const root = thread?.shadowRoot;
      const items = root
        ? [...root.querySelectorAll('.item[data-key]')].filter((e) => !e.classList.contains('day'))
        : [];
      return {
        conversationId: thread?.getAttribute('conversation-id') ?? null,
        composerId: composer?.getAttribute('conversation-id') ?? null,
        title: root?.querySelector('header .names')?.textContent?.trim() ?? null,
        loading: !!root?.querySelector('.empty[role="status"]'),
        messages: items.map((e) => ({
          key: e.getAttribute('data-key'),
          text: e.querySelector('[part="bubble"]')?.textContent?.trim() ?? '',
          failed: e.classList.contains('failed'),
          /** The delivery status the row shows (own messages), else null. */
          status: e.querySelector('[part="status"]')?.getAttribute('data-status') ?? null,
        })),
        pill: root?.querySelector('[part="new-messages"]')?.textContent?.trim() ?? null,
        /** The keys of the rows highlighted now (a message jumped to, for a moment). */
        highlighted: items
          .filter((e) => e.classList.contains('highlight'))
          .map((e) => e.getAttribute('data-key')),
        /** What the thread last told screen readers (its polite live region). */
        announcement: root?.querySelector('[aria-live="polite"]')?.textContent?.trim() ?? '',
        /** The scheduled messages shown at the bottom of the chat: their texts, in order. */
        scheduled: [
          ...(root
            ?.querySelector('sms-scheduled-list')
            ?.shadowRoot?.querySelectorAll('[part="item"] .text') ?? []),
        ].map((e) => e.textContent?.trim() ?? ''),
        scroll: (() => {
          const sc = root?.querySelector('.scroller');
          return sc
            ? { top: Math.round(sc.scrollTop), height: sc.scrollHeight, client: sc.clientHeight }
            : null;
        })(),
      };
    });
  }

  /** The store's view (ids only), to map rows to conversations. */
  state() {
    return this.page.evaluate(() => {
      const s = window.smsTest.client.getState();
      return {
        selected: s.selectedConversationId,
        conversations: s.conversations.map((c) => ({ id: c.id, unread: c.unreadCount })),
      };
    });
  }

  /** The store's conversations as they are (what the list shows, before its chips). */
  conversations() {
    return this.page.evaluate(() => window.smsTest.client.getState().conversations);
  }

  /** Each conversation of the store with the `lastMessage` it names: id, client id, status, text. */
  lastMessages() {
    return this.page.evaluate(() =>
      window.smsTest.client.getState().conversations.map((c) => ({
        id: c.id,
        last: c.lastMessage
          ? {
              id: c.lastMessage.id,
              clientId: c.lastMessage.clientId ?? null,
              status: c.lastMessage.status,
              direction: c.lastMessage.direction,
              text: c.lastMessage.text,
            }
          : null,
      })),
    );
  }

  /** The DOM id of a conversation's row. */
  static rowId(conversationId) {
    return `conversation-${conversationId.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
  }

  /** The filter chips (Unread, Failed, Opted out): which are pressed, by label. */
  filters() {
    return this.page.evaluate(() => {
      const root = document
        .querySelector('sms-messages')
        ?.shadowRoot?.querySelector('sms-conversation-list')?.shadowRoot;
      return [...(root?.querySelectorAll('[part="filter"]') ?? [])]
        .filter((b) => b.getAttribute('aria-pressed') === 'true')
        .map((b) => b.textContent?.trim() ?? '');
    });
  }

  /** Clicks the search field above the list, empties it and types `text` with the keyboard. */
  async typeSearch(text) {
    const field = this.page.getByRole('combobox', { name: /^(Search|Buscar)$/ });
    await field.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(text);
    return field;
  }

  /** The list's scroller box, for the mouse. */
  async listBox() {
    return this.page.locator('sms-conversation-list .scroller').boundingBox();
  }

  /** Turns the mouse wheel over the list by `dy` pixels. */
  async wheelList(dy) {
    const box = await this.listBox();
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.wheel(0, dy);
    await this.frames(2);
  }

  /** Waits `n` animation frames in the page. */
  frames(n = 1) {
    return this.page.evaluate(
      (count) =>
        new Promise((done) => {
          let left = count;
          const tick = () => (--left <= 0 ? done() : requestAnimationFrame(tick));
          requestAnimationFrame(tick);
        }),
      n,
    );
  }

  /**
   * Opens a chat the way a person does: scrolls the list with the wheel towards its row (up when
   * it is above the rows in view; down when it is below them, or not loaded yet: the list reads
   * older chats as it is scrolled down, with a filter chip pressed too) until the row is fully
   * visible, then clicks it with the mouse. Returns the row's name.
   */
  async openChat(conversationId) {
    const id = App.rowId(conversationId);
    for (let turn = 0; turn < 200; turn++) {
      const rows = await this.rows();
      const row = rows.find((r) => r.id === id);
      if (row?.visible) {
        const box = await this.page.locator(`sms-conversation-list #${id}`).boundingBox();
        // Where the click lands: the list reorders as texts arrive (a stream renders at most every
        // 200 ms), so the row measured just now may have moved under the pointer by the time the
        // click lands. As a person does when the list moves under their hand, click again.
        await this.page.evaluate(() => {
          window.smsTestLanded = undefined;
          const record = (e) => {
            const hit = e
              .composedPath()
              .find((n) => n instanceof Element && n.getAttribute('role') === 'option');
            window.smsTestLanded = hit?.id ?? null;
          };
          document.addEventListener('click', record, { capture: true, once: true });
        });
        await this.page.mouse.click(box.x + Math.min(60, box.width / 2), box.y + box.height / 2);
        const landed = await this.page.evaluate(() => window.smsTestLanded);
        if (landed === id || turn >= 195) return row.name;
        continue;
      }
      // Decided again at each turn: a chat not loaded yet is below, and once loaded it may be
      // found above the rows in view (a text moved it up meanwhile).
      const order = (await this.state()).conversations.map((c) => c.id);
      const firstVisible = rows.find((r) => r.visible);
      const here = firstVisible ? order.findIndex((c) => App.rowId(c) === firstVisible.id) : 0;
      const at = order.indexOf(conversationId);
      await this.wheelList(at !== -1 && at < here ? -240 : 240);
    }
    throw new Error(`Could not bring ${conversationId} into view with the wheel`);
  }

  /** Turns the wheel up over the list until its first row is in view. */
  async scrollListToTop() {
    for (let turn = 0; turn < 100; turn++) {
      const order = (await this.state()).conversations;
      const first = (await this.rows()).find((r) => r.id === App.rowId(order[0]?.id ?? ''));
      if (first?.visible) return;
      await this.wheelList(-600);
    }
    throw new Error('The wheel did not bring the top of the list into view');
  }

  /** Types into the composer with the keyboard and presses Enter. */
  async send(text) {
    const field = this.page.getByRole('textbox', { name: /Type your message|Escribe tu mensaje/ });
    await field.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }
}

/**
 * The backend as the test reads and drives it: `conversations()`, `messages(id)`,
 * `receive({ conversationId, text })`. `memory(page)` goes through `window.smsTest`; `http(server)`
 * through the reference server's API and admin routes.
 */
export const backends = {
  memory: (page) => ({
    conversations: () => page.evaluate(() => window.smsTest.conversations()),
    messages: (id) => page.evaluate((c) => window.smsTest.messages(c), id),
    receive: (options) => page.evaluate((o) => window.smsTest.backend.receive(o).then((m) => m.id), options),
    /** The messages scheduled in a conversation, soonest first. */
    scheduled: (id) => page.evaluate((c) => window.smsTest.scheduled(c), id),
  }),
  http: (server) => {
    const call = async (path, init = {}) => {
      const res = await fetch(`${server.url}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${server.token}`, ...(init.headers ?? {}) },
      });
      if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status}`);
      return res.status === 204 ? null : res.json();
    };
    const pages = async (first, next, items) => {
      const out = [];
      let cursor;
      for (;;) {
        const page = await call(first(cursor));
        out.push(...items(page));
        cursor = next(page);
        if (!cursor) return out;
      }
    };
    return {
      conversations: () =>
        pages(
          (c) => `/v1/conversations?limit=100${c ? `&cursor=${encodeURIComponent(c)}` : ''}`,
          (p) => p.nextCursor,
          (p) => p.conversations,
        ),
      messages: async (id) =>
        (
          await pages(
            (c) =>
              `/v1/conversations/${encodeURIComponent(id)}/messages?limit=100${c ? `&before=${encodeURIComponent(c)}` : ''}`,
            (p) => p.olderCursor,
            (p) => p.messages,
          )
        ).sort((a, b) => a.createdAt - b.createdAt),
      /** The messages scheduled in a conversation, soonest first. */
      scheduled: async (id) =>
        (await call(`/v1/scheduled?conversationId=${encodeURIComponent(id)}`)).scheduled,
      /** Share (0–1) of later outbound messages the carrier fails. */
      carrierFailureRate: async (rate) => {
        const res = await fetch(`${server.url}/admin/faults`, {
          method: 'POST',
          headers: { 'X-Admin-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
          body: JSON.stringify({ carrierFailureRate: rate }),
        });
        if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
      },
      receive: async ({ conversationId, text }) => {
        const res = await fetch(`${server.url}/admin/accounts/${ACCOUNT_ID}/inbound`, {
          method: 'POST',
          headers: { 'X-Admin-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
          body: JSON.stringify({ conversationId, text }),
        });
        if (!res.ok) throw new Error(`inbound: HTTP ${res.status} ${await res.text()}`);
        return (await res.json()).id;
      },
    };
  },
};
