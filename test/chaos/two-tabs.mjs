// The two-tab chaos test (issues 23 and 24): two real tabs of one browser (one context: shared
// IndexedDB, BroadcastChannel and Web Locks) run the whole `<sms-messages>` of the acceptance
// host page (test/acceptance/host with `tabs`: the IndexedDB cache, so the outbox survives
// reloads, and tab sync; notifications on) over the reference server. A seeded script types texts into the composer of
// either tab with the real keyboard, takes the API away (every request of both tabs fails at the
// network and the server drops its event streams) and brings it back, reloads the leader tab
// once and closes it once (then opens a new tab) while the API is away, and posts inbound texts
// into chats no tab shows. At the end it asserts what a person relies on:
//   - on the server: every text exactly once (0 duplicates, 0 losses), in the chat it was written
//     in, and each chat's texts in the order send was pressed, whichever tab it was pressed in;
//   - in every tab: each message shows the server's final status (in the store and, for the chat
//     on screen, on its bubble), and no chat shows another chat's messages;
//   - each inbound text notified exactly once (Notification constructions counted in the pages,
//     across reloads and closed tabs).
// Used by scripts/check-chaos.mjs (bounded in `npm test`, longer with `npm run test:chaos`).
import { ACCOUNT_ID, App, backends, until } from '../acceptance/app.mjs';

/** A small seeded generator (mulberry32), so a run can be replayed from its seed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one seeded session. `sends`: texts typed in all; `outages`: times the API goes away (the
 * first holds the reload of the leader, the second its close, when there are two or more);
 * `inbound`: texts received. Resolves with the figures; throws with every violation found.
 */
export async function runTwoTabs({ browser, base, server, seed, sends = 10, outages = 2, inbound = 4, log }) {
  const say = log ?? (() => undefined);
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const api = backends.http(server);
  const admin = async (body) => {
    const res = await fetch(`${server.url}/admin/faults`, {
      method: 'POST',
      headers: { 'X-Admin-Key': 'journeys-admin-key', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
  };
  const key = `chaos-${seed}-${Date.now()}`;
  const url = `${base}?${new URLSearchParams({ backend: 'http', server: server.url, token: server.token, account: ACCOUNT_ID, tabs: key, reconnect: '200,2000' })}`;
  const context = await browser.newContext({
    viewport: { width: 1100, height: 760 },
    permissions: ['notifications'],
  });
  /** Bodies of every Notification constructed in any page of the context. */
  const notified = [];
  await context.exposeBinding('smsTestNotified', (_source, body) => void notified.push(body));
  // Which row each click of the mouse lands on, in every page (the list reorders as texts come
  // and go, in either tab: a row measured before the click may have moved by the time it lands).
  await context.addInitScript(() => {
    window.smsChaosClicks = [];
    document.addEventListener(
      'click',
      (e) => {
        const row = e.composedPath().find((n) => n instanceof Element && n.getAttribute('role') === 'option');
        window.smsChaosClicks.push(row?.id ?? null);
      },
      true,
    );
  });
  const errors = [];
  const figures = { seed, sends: 0, outages: 0, inbound: 0, reloads: 0, closes: 0 };

  /** The open tabs, in the order they asked for the lead: [0] leads (Web Locks grant in order). */
  const tabs = [];
  let opened = 0;
  async function openTab() {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const name = `tab ${++opened}`;
    page.on('pageerror', (e) => errors.push(`${name}: page error: ${e.message}`));
    page.on('console', (m) => {
      if (
        m.type() === 'error' &&
        !/ResizeObserver loop|Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(m.text())
      )
        errors.push(`${name}: console error: ${m.text()}`);
    });
    await page.goto(url);
    const app = new App(page, errors);
    await app.ready();
    const tab = { name, page, app, chat: null };
    tabs.push(tab);
    return tab;
  }

  let away = false;
  const pattern = `${server.url}/**`;
  const abort = (route) => route.abort('internetdisconnected');
  async function goAway() {
    away = true;
    figures.outages++;
    await context.route(pattern, abort);
    await admin({ dropEventStreams: true });
    say(`  API away`);
  }
  async function comeBack() {
    away = false;
    await context.unroute(pattern, abort);
    say(`  API back`);
  }

  try {
    await openTab();
    await openTab();
    const all = await api.conversations();
    const single = all.filter((c) => c.participants.length === 1);
    if (single.length < 8) throw new Error('the reference server has too few one-to-one chats');
    // Chats written in (near the top of the list), and chats that only receive (never opened).
    const written = single.slice(0, 3).map((c) => c.id);
    const quiet = single.slice(3, 8).map((c) => c.id);
    /** Texts per chat in the order send was pressed, in any tab. */
    const pressed = new Map(written.map((id) => [id, []]));
    const chatOf = new Map();
    const received = [];

    /**
     * Opens `chat` in `tab` with the wheel and the mouse, and waits until the thread and the
     * composer show it. The list reorders whenever a text is written or arrives, in either tab
     * (the other tab's send moves its chat to the top here too): a row measured just before the
     * click can have moved under the pointer when the click lands (on the neighbour, or on no
     * row at all). As a person does when the list moves under their hand, the click is made again
     * until it lands on the row meant; the input is handled by the time the click resolves, so
     * where it landed is known at once (no timing involved).
     */
    async function show(tab, chat) {
      if (tab.chat === chat) return;
      const row = App.rowId(chat);
      for (let attempt = 1; ; attempt++) {
        const before = await tab.page.evaluate(() => window.smsChaosClicks.length);
        await tab.app.openChat(chat);
        const landed = await tab.page.evaluate((n) => window.smsChaosClicks.slice(n), before);
        if (landed.includes(row)) break;
        if (attempt === 5) throw new Error(`${tab.name}: 5 clicks meant for ${chat} landed elsewhere`);
        say(
          `  ${tab.name}: the click meant for ${chat} landed on ${landed.join(', ') || 'no row'} (the list moved): again`,
        );
      }
      await until(
        async () => (await tab.app.thread()).composerId === chat,
        `${tab.name} shows ${chat}`,
        20_000,
      ).catch(async (error) => {
        // The click landed on the chat's row: say what the tab shows instead.
        const seen = await tab.page.evaluate(() => window.smsTest.client.getState().selectedConversationId);
        throw new Error(`${error.message} (the click landed on its row; the tab selected ${seen})`);
      });
      tab.chat = chat;
    }

    async function send(tab, chat) {
      await show(tab, chat);
      const text = `c${seed}-${figures.sends}`;
      await tab.app.send(text);
      // Pressed: the composer let go of the text and the thread shows it.
      await until(
        async () => {
          const t = await tab.app.thread();
          return t.composerId === chat && t.messages.some((m) => m.text === text);
        },
        `${tab.name} shows ${text} after send was pressed`,
        20_000,
      );
      pressed.get(chat).push(text);
      chatOf.set(text, chat);
      figures.sends++;
      say(`  ${tab.name}${tab === tabs[0] ? ' (leader)' : ''}: ${text} → ${chat}${away ? ' (away)' : ''}`);
    }

    async function receive() {
      const chat = pick(quiet);
      const text = `in${seed}-${figures.inbound}`;
      await api.receive({ conversationId: chat, text });
      received.push(text);
      chatOf.set(text, chat);
      figures.inbound++;
      say(`  inbound ${text} → ${chat}${away ? ' (away)' : ''}`);
    }

    // The script: the sends spread over the outages; the first outage reloads the leader, the
    // second closes it and opens a new tab; inbound texts fall in and out of outages.
    const plan = [];
    for (let i = 0; i < sends; i++) plan.push('send');
    for (let i = 0; i < inbound; i++) plan.splice(Math.floor(rnd() * (plan.length + 1)), 0, 'inbound');
    const windows = [];
    for (let i = 0; i < outages; i++) {
      const at = Math.floor(((i + 0.3) / outages) * plan.length);
      windows.push([at, Math.min(plan.length, at + 2 + Math.floor(rnd() * 3))]);
    }
    for (let step = 0; step <= plan.length; step++) {
      for (const [i, [from, to]] of windows.entries()) {
        if (step === to && away) await comeBack();
        if (step === from) {
          await goAway();
          if (i === 0 || i === 1) {
            // Something is written in both tabs first, so the leader has work to hand over.
            await send(tabs[0], pick(written));
            await send(tabs[1], pick(written));
            const leader = tabs.shift();
            if (i === 0) {
              figures.reloads++;
              say(`  reload ${leader.name} (leader) while away`);
              await leader.page.reload();
              await leader.app.ready();
              leader.chat = null;
              tabs.push(leader);
            } else {
              figures.closes++;
              say(`  close ${leader.name} (leader) while away, open a new tab`);
              await leader.page.close();
              await openTab();
            }
          }
        }
      }
      if (step === plan.length) break;
      if (plan[step] === 'send') await send(pick(tabs), pick(written));
      else await receive();
      await pause(rnd() * 150);
    }
    if (away) await comeBack();

    // ── the end: everything settles, then the checks ───────────────────
    const violations = [];
    const expected = [...pressed.values()].flat();
    const serverTexts = async () => {
      const byChat = new Map();
      for (const id of written)
        byChat.set(
          id,
          (await api.messages(id)).filter((m) => /^c\d+-\d+$/.test(m.text)),
        );
      return byChat;
    };
    let byChat = await serverTexts();
    await until(
      async () => {
        byChat = await serverTexts();
        const there = [...byChat.values()].flat();
        return (
          expected.every((t) => there.some((m) => m.text === t)) &&
          there.every((m) => m.status === 'delivered' || m.status === 'failed')
        );
      },
      'every text on the server, settled',
      45_000,
    ).catch(() => undefined);
    byChat = await serverTexts();
    const final = new Map();
    for (const [id, messages] of byChat) {
      const texts = messages.map((m) => m.text);
      for (const m of messages) final.set(m.text, m.status);
      for (const t of new Set(texts)) {
        const n = texts.filter((x) => x === t).length;
        if (n > 1) violations.push(`duplicate: ${t} ${n} times in ${id}`);
        if (chatOf.get(t) !== id)
          violations.push(`wrong chat: ${t} (written in ${chatOf.get(t)}) is in ${id}`);
      }
      for (const t of pressed.get(id)) if (!texts.includes(t)) violations.push(`lost: ${t} (in ${id})`);
      const order = [...new Set(texts)].filter((t) => pressed.get(id).includes(t));
      const want = pressed.get(id).filter((t) => order.includes(t));
      if (order.join() !== want.join())
        violations.push(`order in ${id}: server ${order.join(', ')}; pressed ${want.join(', ')}`);
    }

    // Every tab shows the server's final statuses (the store's threads, and the bubbles of the
    // chat on screen), and no chat shows another chat's messages.
    const STATUS = { queued: 'Waiting to send', sending: 'Sending', sent: 'Sent', delivered: 'Delivered' };
    const look = () =>
      Promise.all(
        tabs.map(async (tab) => {
          const seen = await tab.page.evaluate(() => {
            const s = window.smsTest.client.getState();
            const store = Object.values(s.threads).flatMap((t) =>
              t.messages.map((m) => ({ chat: t.conversationId, text: m.text, status: m.status })),
            );
            const thread = document.querySelector('sms-messages')?.shadowRoot?.querySelector('sms-thread');
            const root = thread?.shadowRoot;
            const bubbles = root
              ? [...root.querySelectorAll('.item[data-key]')].map((e) => ({
                  text: e.querySelector('[part="bubble"]')?.textContent?.trim() ?? '',
                  status: e.querySelector('[part="status"]')?.textContent?.trim() ?? '',
                }))
              : [];
            return { store, bubbles, chat: thread?.getAttribute('conversation-id') ?? null };
          });
          const problems = [];
          for (const m of seen.store) {
            if (!chatOf.has(m.text)) continue;
            if (chatOf.get(m.text) !== m.chat)
              problems.push(`${tab.name}: ${m.text} (of ${chatOf.get(m.text)}) in the thread of ${m.chat}`);
            const want = final.get(m.text);
            if (want && m.status !== want)
              problems.push(`${tab.name}: stale ${m.text}: ${m.status} (server: ${want})`);
          }
          for (const b of seen.bubbles) {
            if (!chatOf.has(b.text)) continue;
            if (chatOf.get(b.text) !== seen.chat)
              problems.push(`${tab.name}: ${b.text} (of ${chatOf.get(b.text)}) on screen in ${seen.chat}`);
            const want = final.get(b.text);
            if (want === 'delivered' && !b.status.includes(STATUS.delivered))
              problems.push(`${tab.name}: bubble ${b.text} says "${b.status}" (server: delivered)`);
          }
          return problems;
        }),
      ).then((lists) => lists.flat());
    let shown = await look();
    await until(async () => (shown = await look()).length === 0, 'every tab in step', 20_000).catch(
      () => undefined,
    );
    violations.push(...shown);

    // Each inbound text notified exactly once (it went into a chat no tab shows).
    const count = (t) => notified.filter((b) => b === t).length;
    await until(() => received.every((t) => count(t) >= 1), 'every inbound text notified', 15_000).catch(
      () => undefined,
    );
    await pause(500);
    for (const t of received) {
      const n = count(t);
      if (n !== 1) violations.push(`inbound ${t} (into ${chatOf.get(t)}) notified ${n} times`);
    }
    violations.push(...errors);
    figures.tabs = opened;
    figures.violations = violations.length;
    if (violations.length) {
      const error = new Error(
        `${violations.length} violation(s), seed ${seed} (replay: CHAOS_SEED=${seed}):\n    ${violations.join('\n    ')}`,
      );
      error.figures = figures;
      throw error;
    }
    return figures;
  } finally {
    await context.close();
  }
}
