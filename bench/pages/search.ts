/** Scenario 9 (issue 19): the local search index over 100,000 cached messages in 1,000 chats. */
import { html } from 'lit';
import type { SmsSearch } from '../../src/components/search/search.js';
import type { Message } from '../../src/model/message.js';
import { messageDoc } from '../../src/search/search-doc.js';
import { SearchIndex, searchIndexFor } from '../../src/search/search-index.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient } from '../../src/store/client.js';
import { matchesSearch, parseSearchQuery, searchWords } from '../../src/transport/search-match.js';
import type { Transport } from '../../src/transport/transport.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend } from '../../src/transport/memory/index.js';
import { clear, mount, paintedWhen, percentile, recordFrames, sleep, until } from './util.js';

/**
 * The backend's own search stays out of the figures: the memory backend runs in the page (a real
 * server does not), so its `searchMessages` is left out and contacts answer nothing.
 */
function localOnly(inner: Transport): Transport {
  return new Proxy(inner, {
    get(target, key) {
      if (key === 'searchMessages') return undefined;
      if (key === 'searchContacts') return async () => [];
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Longest task (PerformanceObserver `longtask`, i.e. over 50 ms; 0 when none) while `run` runs
 * and for a second after it (the collector's tasks for the garbage the run left come later).
 * Every main-thread task counts: IndexedDB callbacks, timers, idle callbacks, garbage collection.
 */
async function longestTask<T>(run: () => Promise<T>): Promise<{ value: T; longest: number; count: number }> {
  const tasks: number[] = [];
  const po = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  po.observe({ type: 'longtask', buffered: false });
  const value = await run();
  await sleep(1000);
  for (const e of po.takeRecords()) tasks.push(e.duration);
  po.disconnect();
  return { value, longest: tasks.length ? Math.max(...tasks) : 0, count: tasks.length };
}

async function usage(): Promise<number> {
  const e = await navigator.storage.estimate();
  return e.usage ?? NaN;
}

interface Loaded {
  backend: MemoryBackend;
  client: MessagesClient;
  messages: Message[];
}

/** A client whose state holds every message of `conversations` chats of `perChat` messages. */
async function loaded(conversations: number, perChat: number): Promise<Loaded> {
  const backend = createMemoryBackend({
    latencyMs: 0,
    seed: 3,
    conversations,
    messagesPerConversation: [perChat, perChat],
    contacts: 50,
  });
  const client = createMessagesClient({
    transport: localOnly(backend.connect(backend.accounts[0]!.id)),
    pageSize: { conversations: 200, messages: perChat },
  });
  await client.start();
  for (;;) {
    const before = client.getState().conversations.length;
    await client.loadMoreConversations();
    if (client.getState().conversations.length === before) break;
  }
  for (const c of client.getState().conversations) await client.openConversation(c.id);
  const messages = Object.values(client.getState().threads).flatMap((t) => [...t.messages]);
  return { backend, client, messages };
}

/** Words of the cached texts to look for: prefixes of 3–6 letters of words of random messages. */
function sampleQueries(messages: readonly Message[], n: number): string[] {
  const out: string[] = [];
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  while (out.length < n) {
    const words = searchWords(messages[Math.floor(rand() * messages.length)]!.text).filter(
      (w) => w.length >= 4,
    );
    const w = words[Math.floor(rand() * words.length)];
    if (w) out.push(w.slice(0, 3 + Math.floor(rand() * Math.min(4, w.length - 2))));
  }
  return out;
}

/**
 * With `BENCH_TRACE=phase`, the driver records a Chrome trace of the phase `name` between
 * `trace(true, name)` and `trace(false, name)`.
 */
async function trace(on: boolean, name: 'build' | 'keys'): Promise<void> {
  await (window as { benchTrace?: (on: boolean, name: string) => Promise<void> }).benchTrace?.(on, name);
}

/** Sets the field's value as a keystroke does (an `input` event from its own task). */
function key(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/**
 * The whole scenario in one fresh page: build the index over a running client holding
 * `conversations × perChat` messages, reload it from IndexedDB, then type.
 */
export async function search(conversations = 1000, perChat = 100) {
  const rig = await loaded(conversations, perChat);
  const total = rig.messages.length;

  // Baseline of the build: every message's search keys made at once, on the main thread.
  const syncStart = performance.now();
  for (const m of rig.messages) messageDoc(m);
  const syncBuildMs = performance.now() - syncStart;

  // Build: the index attached to the running client, until everything is written to IndexedDB.
  const storageBefore = await usage();
  await trace(true, 'build');
  const build = await longestTask(async () => {
    const t0 = performance.now();
    const index = searchIndexFor(rig.client, { maxMessages: 200_000 });
    await index.flush();
    return { index, ms: performance.now() - t0 };
  });
  await trace(false, 'build');
  await sleep(500);
  const storageAfter = await usage();
  const index = build.value.index;

  // Reload: a new index over the same account reads the stored one.
  const reload = await longestTask(async () => {
    const client = createMessagesClient({
      transport: localOnly(rig.backend.connect(rig.backend.accounts[0]!.id)),
      autoStart: false,
    });
    const fresh = new SearchIndex({ maxMessages: 200_000 });
    const t0 = performance.now();
    fresh.attach(client);
    await client.start();
    await until(() => fresh.status === 'ready', 'the stored index is read', 120_000);
    const ms = performance.now() - t0;
    const size = fresh.size.messages;
    client.destroy();
    return { ms, size };
  });

  // Query time alone: ours (the index) against a scan that folds every cached message.
  const queries = sampleQueries(rig.messages, 30);
  const ours: number[] = [];
  const naive: number[] = [];
  for (const q of queries) {
    let t = performance.now();
    index.search(q);
    ours.push(performance.now() - t);
    t = performance.now();
    const parsed = parseSearchQuery(q);
    const found = rig.messages.filter((m) => matchesSearch(m, parsed));
    found.sort((a, b) => b.createdAt - a.createdAt).slice(0, 20);
    naive.push(performance.now() - t);
  }

  // Keystroke to painted results in <sms-search>, then typing a few words at a person's pace.
  mount(html`<sms-provider .client=${rig.client}><sms-search></sms-search></sms-provider>`);
  const el = document.querySelector('sms-search') as SmsSearch;
  await el.updateComplete;
  const input = el.shadowRoot!.querySelector('input')!;
  input.focus();
  const shown = () => !!el.shadowRoot!.querySelector('[role="option"]');
  const firstResults: number[] = [];
  await trace(true, 'keys');
  for (const q of queries) {
    key(input, '');
    await paintedWhen(() => !shown(), 'cleared');
    await sleep(20);
    const t0 = performance.now();
    key(input, q);
    const painted = await paintedWhen(shown, `results for ${q}`, 10_000);
    firstResults.push(painted - t0);
    performance.measure(`first results: ${q}`, { start: t0, end: painted });
  }
  key(input, '');
  await paintedWhen(() => !shown(), 'cleared');
  const phrase = `${queries[0]} ${queries[1]} ${queries[2]}`;
  const perKey: number[] = [];
  const frames = recordFrames();
  for (let i = 1; i <= phrase.length; i++) {
    const value = phrase.slice(0, i);
    const t0 = performance.now();
    key(input, value);
    // The results of this value are rendered in the same update as the value.
    const painted = await paintedWhen(
      () => (el as unknown as { results?: { query: string } }).results?.query === value,
      'key',
      5000,
    );
    perKey.push(painted - t0);
    performance.measure(`key: ${value}`, { start: t0, end: painted });
    await sleep(110);
  }
  const typing = frames.stop();
  await trace(false, 'keys');
  clear();
  rig.client.destroy();
  rig.backend.dispose();
  return {
    messages: total,
    indexed: index.size.messages,
    buildMs: build.value.ms,
    buildLongestTask: build.longest,
    buildLongTasks: build.count,
    syncBuildMs,
    bytesPerMessage: (storageAfter - storageBefore) / total,
    reloadMs: reload.value.ms,
    reloadLongestTask: reload.longest,
    reloaded: reload.value.size,
    queryP50: percentile(ours, 50),
    queryP95: percentile(ours, 95),
    naiveP50: percentile(naive, 50),
    naiveP95: percentile(naive, 95),
    firstResultsP50: percentile(firstResults, 50),
    firstResultsP95: percentile(firstResults, 95),
    typingKeyP95: percentile(perKey, 95),
    typingMaxFrame: typing.max,
    typingFramesOver50: typing.over50,
    typingLongTasks: typing.longTasks,
  };
}
