/** Shared helpers of the in-page scenarios: frames, long tasks, waiting, rigs. */
import { html, render } from 'lit';
import type { TemplateResult } from 'lit';
import '../../src/define.js';
import { createMessagesClient } from '../../src/store/client.js';
import type { MessagesClient, MessagesClientOptions } from '../../src/store/client.js';
import { createMemoryBackend } from '../../src/transport/memory/index.js';
import type { MemoryBackend, MemoryBackendOptions } from '../../src/transport/memory/index.js';
import type { Message } from '../../src/model/message.js';

export const frame = (): Promise<number> => new Promise((r) => requestAnimationFrame(r));
/** After the next frame has been painted. */
export const afterPaint = (): Promise<number> =>
  new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
/**
 * Resolves with the time the first frame in which `check()` holds has been painted: after each
 * frame (a task queued from its animation-frame callback runs after that frame's rendering) the
 * check is read. A change made in a task shows in the next frame; one made in an animation-frame
 * callback shows in that same frame. Polling in a frame and then waiting for the next one would
 * count the second kind one frame late.
 */
export async function paintedWhen(check: () => boolean, message: string, timeout = 5000): Promise<number> {
  const end = performance.now() + timeout;
  for (;;) {
    const painted = await afterPaint();
    if (check()) return painted;
    if (painted > end) throw new Error(`Timed out: ${message}`);
  }
}
export const frames = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await frame();
};
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function until<T>(
  check: () => T | null | undefined | false,
  what: string,
  ms = 20_000,
): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (performance.now() > end) throw new Error(`Timed out: ${what}`);
    await frame();
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  over16: number;
  over50: number;
  longTasks: number;
  longTaskMs: number;
}

/** Records animation-frame intervals and long tasks until `stop()`. */
export function recordFrames(): { stop(): FrameStats } {
  const intervals: number[] = [];
  let last = -1;
  let running = true;
  const tick = (t: number) => {
    if (!running) return;
    if (last >= 0) intervals.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const tasks: number[] = [];
  const po = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  po.observe({ type: 'longtask', buffered: false });
  return {
    stop() {
      running = false;
      for (const e of po.takeRecords()) tasks.push(e.duration);
      po.disconnect();
      return {
        frames: intervals.length,
        p50: percentile(intervals, 50),
        p95: percentile(intervals, 95),
        max: intervals.length ? Math.max(...intervals) : NaN,
        // A frame counts as over 16.7 ms when at least one vsync was missed (rAF timestamps
        // jitter by a fraction of a millisecond around 16.7 ms).
        over16: intervals.filter((i) => i > 16.7 * 1.2).length,
        over50: intervals.filter((i) => i > 50).length,
        longTasks: tasks.length,
        longTaskMs: tasks.reduce((a, b) => a + b, 0),
      };
    },
  };
}

export function stage(): HTMLElement {
  return document.getElementById('stage')!;
}

export function mount(template: TemplateResult): void {
  render(template, stage());
}

export function clear(): void {
  render(html``, stage());
  stage().replaceChildren();
}

export interface Rig {
  backend: MemoryBackend;
  client: MessagesClient;
  accountId: string;
}

export async function createRig(
  backendOptions: MemoryBackendOptions,
  clientOptions: Partial<MessagesClientOptions> = {},
  start = true,
): Promise<Rig> {
  const backend = createMemoryBackend({ latencyMs: 0, seed: 1, deliveryMs: [50, 100], ...backendOptions });
  const accountId = backend.accounts[0]!.id;
  const client = createMessagesClient({
    transport: backend.connect(accountId),
    autoStart: false,
    ...clientOptions,
  });
  if (start) await client.start();
  return { backend, client, accountId };
}

/**
 * The whole thread straight from the demo backend, oldest first, for the baselines (they have no
 * client): a page read is cheap, where merging 500 pages into the store one by one is not.
 */
export async function fetchWholeThread(rig: Rig, id: string): Promise<readonly Message[]> {
  const transport = rig.backend.connect(rig.accountId);
  const pages: (readonly Message[])[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await transport.listMessages({ conversationId: id, before, limit: 200 });
    pages.push(page.messages);
    if (page.olderCursor === null) break;
    before = page.olderCursor;
  }
  return pages.reverse().flat();
}

/** Loads every message of a conversation into the store, page by page (pages hold at most 200). */
export async function loadWholeThread(rig: Rig, id: string): Promise<readonly Message[]> {
  await rig.client.openConversation(id);
  for (;;) {
    const t = rig.client.getState().threads[id]!;
    if (t.olderCursor === null) return t.messages;
    await rig.client.loadOlder(id);
  }
}

/** Loads every conversation into the store. */
export async function loadAllConversations(rig: Rig): Promise<void> {
  for (;;) {
    const before = rig.client.getState().conversations.length;
    await rig.client.loadMoreConversations();
    if (rig.client.getState().conversations.length === before) return;
  }
}

/** Elements and text nodes in the document, shadow roots included. */
export function countNodes(root: Node = document.body): number {
  let n = 1;
  const children = (root as Element).shadowRoot
    ? [...root.childNodes, (root as Element).shadowRoot!]
    : [...root.childNodes];
  for (const c of children) n += countNodes(c);
  return n;
}

/** A full garbage collection when Chromium runs with --js-flags=--expose-gc. */
export function gc(): void {
  (globalThis as unknown as { gc?: () => void }).gc?.();
}

export function used(): number {
  const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
  return m ? m.usedJSHeapSize : NaN;
}

/** A plain message row like the thread's (text, image box of known size, time), for the baselines. */
export function plainRow(m: Message): TemplateResult {
  return html`<div class="b-row ${m.direction === 'outbound' ? 'own' : ''}" data-key=${m.clientId ?? m.id}>
    ${m.attachments.map(
      (a) =>
        html`<div
          class="b-media"
          style="aspect-ratio: ${a.width ?? 4} / ${a.height ?? 3}; width: ${Math.min(240, a.width ?? 240)}px"
        ></div>`,
    )}
    ${m.text ? html`<div class="b-bubble">${m.text}</div>` : ''}
    <time class="b-time">${new Date(m.createdAt).toLocaleTimeString()}</time>
  </div>`;
}
