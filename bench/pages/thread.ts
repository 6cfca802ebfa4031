/** Scenarios 2–4: open, scroll and load older in a thread; baselines: bare virtualizer, naive rows. */
import { html } from 'lit';
import '@lit-labs/virtualizer';
import type { LitVirtualizer } from '@lit-labs/virtualizer';
import type { Message } from '../../src/model/message.js';
import type { SmsThread } from '../../src/components/thread/thread.js';
import {
  afterPaint,
  countNodes,
  createRig,
  frame,
  frames,
  fetchWholeThread,
  loadWholeThread,
  mount,
  plainRow,
  recordFrames,
  stage,
  until,
  used,
  gc,
} from './util.js';
import type { FrameStats, Rig } from './util.js';
import { mountVirtuoso } from './virtuoso.js';

export type ThreadSubject = 'ours' | 'virtualizer' | 'virtuoso' | 'naive';

interface Opened {
  rig: Rig;
  id: string;
  messages: readonly Message[];
  scroller: HTMLElement;
  /** Rows rendered now (elements with data-key). */
  rows(): HTMLElement[];
}

const HEIGHT = 600;

/**
 * With `BENCH_TRACE=phase`, the driver records a Chrome trace of the opening (`phase:open`) and of our
 * thread's scrolling (`phase:scroll`); nothing otherwise.
 */
async function trace(on: boolean, name: 'open' | 'scroll'): Promise<void> {
  await (window as { benchTrace?: (on: boolean, name: string) => Promise<void> }).benchTrace?.(on, name);
}

function threadRows(el: Element): HTMLElement[] {
  return [...(el.shadowRoot?.querySelectorAll<HTMLElement>('[data-key]') ?? [])];
}

/** Prepares the data (all N messages in the store), then renders the subject and times it. */
async function openSubject(subject: ThreadSubject, n: number) {
  const rig = await createRig({ conversations: 4, hugeThread: n }, { pageSize: { messages: 200 } });
  const id = rig.client.getState().conversations[0]!.id;
  const messages = subject === 'ours' ? await loadWholeThread(rig, id) : await fetchWholeThread(rig, id);
  const newestKey = messages.at(-1)!.clientId ?? messages.at(-1)!.id;
  await frames(5);
  gc();
  const heapBefore = used();
  await trace(true, 'open');
  const t0 = performance.now();
  let scroller: HTMLElement;
  let rows: () => HTMLElement[];
  if (subject === 'ours') {
    mount(
      html`<sms-provider .client=${rig.client}
        ><sms-thread
          conversation-id=${id}
          style="height: ${HEIGHT}px; width: 420px; display: flex"
        ></sms-thread
      ></sms-provider>`,
    );
    const el = stage().querySelector<SmsThread>('sms-thread')!;
    rows = () => threadRows(el);
    scroller = await until(() => el.shadowRoot?.querySelector<HTMLElement>('.scroller'), 'thread scroller');
  } else if (subject === 'virtualizer') {
    mount(
      html`<lit-virtualizer
        scroller
        class="b-scroller"
        .items=${messages}
        .layout=${{ pin: { index: messages.length - 1, block: 'end' } }}
        .keyFunction=${(m: unknown) => (m as Message).id}
        .renderItem=${(m: unknown) => plainRow(m as Message)}
      ></lit-virtualizer>`,
    );
    const v = stage().querySelector<LitVirtualizer>('lit-virtualizer')!;
    scroller = v;
    rows = () => [...v.querySelectorAll<HTMLElement>('[data-key]')];
  } else if (subject === 'virtuoso') {
    const v = mountVirtuoso(messages);
    rows = v.rows;
    scroller = await until(v.scroller, 'virtuoso scroller');
  } else {
    mount(html`<div class="b-scroller">${messages.map(plainRow)}</div>`);
    scroller = stage().querySelector<HTMLElement>('.b-scroller')!;
    scroller.scrollTop = scroller.scrollHeight;
    rows = () => [...scroller.querySelectorAll<HTMLElement>('[data-key]')];
  }
  const newestAtBottom = () => {
    const row = rows().find((r) => r.dataset['key'] === newestKey);
    if (!row) return false;
    // Fully in view, and the view scrolled to its end.
    const view = scroller.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    const atEnd = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop <= 1;
    return row.offsetHeight > 0 && r.bottom <= view.bottom + 1 && r.top >= view.top - 1 && atEnd;
  };
  // Time to the first frame with the newest message shown at the bottom; if it never is
  // (within 5 s), to the first frame from which the view stays still for 10 frames.
  let time = NaN;
  let stillSince = NaN;
  let lastTop = -1;
  let still = 0;
  const end = t0 + 5000;
  const debug = (window as { benchDebug?: boolean }).benchDebug && subject === 'ours';
  for (;;) {
    const t = await frame();
    if (debug) {
      const row = rows().find((r) => r.dataset['key'] === newestKey);
      const view = scroller.getBoundingClientRect();
      console.log(
        `open ${n} frame ${(performance.now() - t0).toFixed(0)} ms: scrollTop ${scroller.scrollTop.toFixed(0)}` +
          ` height ${scroller.scrollHeight} client ${scroller.clientHeight} rows ${rows().length}` +
          ` newest ${row ? `${(row.getBoundingClientRect().top - view.top).toFixed(0)}–${(row.getBoundingClientRect().bottom - view.top).toFixed(0)}` : 'absent'}`,
      );
    }
    if (newestAtBottom()) {
      time = performance.now() - t0;
      break;
    }
    if (scroller.scrollTop === lastTop && rows().length) {
      if (still++ === 0) stillSince = performance.now() - t0;
    } else still = 0;
    lastTop = scroller.scrollTop;
    if (t > end) break;
  }
  await trace(false, 'open');
  const reached = !Number.isNaN(time);
  if (!reached) time = stillSince;
  await frames(40);
  const shown = newestAtBottom();
  const gapAtEnd = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop;
  const newestRendered = rows().some((r) => r.dataset['key'] === newestKey);
  gc();
  const heap = used() - heapBefore;
  const nodes = countNodes();
  return {
    result: {
      time,
      reachedNewest: reached,
      shownAtBottom: shown,
      gapAtEnd,
      newestRendered,
      heapMB: heap / 2 ** 20,
      nodes,
    },
    opened: { rig, id, messages, scroller, rows } satisfies Opened,
  };
}

export async function open(subject: ThreadSubject, n: number) {
  const { result, opened } = await openSubject(subject, n);
  opened.rig.client.destroy();
  opened.rig.backend.dispose();
  return result;
}

/** A fling up at 4,000 px/s for 3 s, or the whole list from bottom to top in 3 s. */
export async function scroll(
  subject: ThreadSubject,
  n: number,
  kind: 'fling' | 'traverse',
): Promise<FrameStats> {
  const { opened } = await openSubject(subject, n);
  const s = opened.scroller;
  s.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true }));
  await frames(10);
  // BENCH_TRACE=phase: the trace covers our thread's scrolling only (not the opening, nor the baselines).
  if (subject === 'ours') await trace(true, 'scroll');
  const rec = recordFrames();
  const start = performance.now();
  const startTop = s.scrollTop;
  let prev = start;
  for (;;) {
    const t = await frame();
    const elapsed = t - start;
    if (elapsed >= 3000) break;
    if (kind === 'fling') s.scrollTop -= (4000 * (t - prev)) / 1000;
    else
      s.scrollTop = Math.max(0, (1 - elapsed / 3000) * Math.max(startTop, s.scrollHeight - s.clientHeight));
    prev = t;
  }
  const stats = rec.stop();
  if (subject === 'ours') await trace(false, 'scroll');
  opened.rig.client.destroy();
  opened.rig.backend.dispose();
  return stats;
}

interface OlderRound {
  shift: number;
  worst: number;
  hidden: number;
  later: number;
}

function summarizeRounds(rounds: OlderRound[]) {
  return {
    rounds: rounds.length,
    worstShift: Math.max(...rounds.map((r) => r.worst)),
    finalShiftMax: Math.max(...rounds.map((r) => r.shift)),
    roundsWithin1px: rounds.filter((r) => r.worst <= 1).length,
    hiddenFramesMax: Math.max(...rounds.map((r) => r.hidden)),
    laterShiftMax: Math.max(...rounds.map((r) => r.later)),
  };
}

function firstVisible(scroller: HTMLElement, rows: HTMLElement[]): HTMLElement | undefined {
  const top = scroller.getBoundingClientRect().top;
  return rows
    .filter((r) => r.getBoundingClientRect().bottom > top + 1)
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
}

/**
 * 20 pages of 50 older messages loaded while the user reads near the top: the shift of the
 * first visible row in every painted frame, then on a later update (a new message arriving).
 */
export async function older(subject: 'ours' | 'virtualizer' | 'virtuoso', roundsWanted = 20) {
  const rig = await createRig({ conversations: 4, hugeThread: 5000, latencyMs: 80 });
  const id = rig.client.getState().conversations[0]!.id;
  const c = rig.client.getState().conversations[0]!;
  await rig.client.openConversation(id);
  const rounds: OlderRound[] = [];
  if (subject === 'ours') {
    mount(
      html`<sms-provider .client=${rig.client}
        ><sms-thread
          conversation-id=${id}
          style="height: ${HEIGHT}px; width: 420px; display: flex"
        ></sms-thread
      ></sms-provider>`,
    );
    const el = stage().querySelector<SmsThread>('sms-thread')!;
    const s = await until(() => el.shadowRoot?.querySelector<HTMLElement>('.scroller'), 'thread scroller');
    await frames(40);
    const userScroll = (top: number) => {
      s.dispatchEvent(new WheelEvent('wheel', { deltaY: -100 }));
      s.scrollTop = top;
      s.dispatchEvent(new Event('scroll'));
    };
    const log = () => el.shadowRoot!.querySelector<HTMLElement>('sms-virtualizer')!;
    for (let round = 0; round < roundsWanted; round++) {
      const before = rig.client.getState().threads[id]!.messages.length;
      userScroll(600);
      await frames(20);
      userScroll(350);
      await frame();
      await frame();
      // The message being read: a day separator above it moves when the page read holds earlier
      // messages of its day (the separator goes before the first of them), as it should.
      const reading = firstVisible(
        s,
        threadRows(el).filter((r) => !r.dataset['key']!.startsWith('day:')),
      )!;
      const key = reading.dataset['key']!;
      const readingTop = reading.getBoundingClientRect().top;
      const find = () => el.shadowRoot!.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
      await until(() => rig.client.getState().threads[id]!.messages.length > before, 'older page');
      let worst = 0;
      let hidden = 0;
      for (let i = 0; i < 40; i++) {
        await afterPaint();
        if (getComputedStyle(log()).visibility === 'hidden') {
          hidden++;
          continue;
        }
        const row = find();
        worst = Math.max(worst, row ? Math.abs(row.getBoundingClientRect().top - readingTop) : 9999);
      }
      const row = find();
      const shift = row ? Math.abs(row.getBoundingClientRect().top - readingTop) : 9999;
      // A later update: a message arrives at the bottom while the user reads older ones.
      const anchorTop = row?.getBoundingClientRect().top ?? 0;
      await rig.backend.receive({
        accountId: rig.accountId,
        conversationId: id,
        from: c.participants[0]!,
        text: `later ${round}`,
      });
      let later = 0;
      // A snap-back shows in the frame that renders the update: ten frames are plenty.
      for (let i = 0; i < 10; i++) {
        await afterPaint();
        const r = find();
        later = Math.max(later, r ? Math.abs(r.getBoundingClientRect().top - anchorTop) : 9999);
      }
      if (worst > 1 || later > 1)
        console.log(
          `older round ${round}: ${key} worst ${worst.toFixed(1)} shift ${shift.toFixed(1)} later ${later.toFixed(1)} hidden ${hidden}`,
        );
      rounds.push({ shift, worst, hidden, later });
    }
  } else if (subject === 'virtuoso') {
    // react-virtuoso: the same pages prepended, anchored by its own `firstItemIndex`.
    let items = [...rig.client.getState().threads[id]!.messages];
    const v = mountVirtuoso(items);
    const s = await until(v.scroller, 'virtuoso scroller');
    await frames(20);
    for (let round = 0; round < roundsWanted; round++) {
      const before = items.length;
      s.scrollTop = 600;
      await frames(20);
      s.scrollTop = 350;
      await frames(2);
      const reading = firstVisible(s, v.rows())!;
      const key = reading.dataset['key']!;
      const readingTop = reading.getBoundingClientRect().top;
      const find = () => s.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
      await rig.client.loadOlder(id);
      items = [...rig.client.getState().threads[id]!.messages];
      if (items.length === before) break;
      v.prepend(items, items.length - before);
      let worst = 0;
      for (let i = 0; i < 40; i++) {
        await afterPaint();
        const row = find();
        worst = Math.max(worst, row ? Math.abs(row.getBoundingClientRect().top - readingTop) : 9999);
      }
      const row = find();
      const shift = row ? Math.abs(row.getBoundingClientRect().top - readingTop) : 9999;
      rounds.push({ shift, worst, hidden: 0, later: 0 });
    }
    v.unmount();
  } else {
    // Bare virtualizer: the same pages prepended to its items, nothing done about the anchor.
    let items = [...rig.client.getState().threads[id]!.messages];
    const render = () =>
      mount(
        html`<lit-virtualizer
          scroller
          class="b-scroller"
          .items=${items}
          .keyFunction=${(m: unknown) => (m as Message).clientId ?? (m as Message).id}
          .renderItem=${(m: unknown) => plainRow(m as Message)}
        ></lit-virtualizer>`,
      );
    render();
    const s = stage().querySelector<LitVirtualizer>('lit-virtualizer')!;
    const rows = () => [...s.querySelectorAll<HTMLElement>('[data-key]')];
    await frames(20);
    for (let round = 0; round < roundsWanted; round++) {
      const before = items.length;
      s.scrollTop = 600;
      await frames(20);
      s.scrollTop = 350;
      await frames(2);
      const reading = firstVisible(s, rows())!;
      const key = reading.dataset['key']!;
      const readingTop = reading.getBoundingClientRect().top;
      const find = () => s.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
      await rig.client.loadOlder(id);
      items = [...rig.client.getState().threads[id]!.messages];
      if (items.length === before) break;
      render();
      let worst = 0;
      for (let i = 0; i < 40; i++) {
        await afterPaint();
        const row = find();
        worst = Math.max(worst, row ? Math.abs(row.getBoundingClientRect().top - readingTop) : 9999);
      }
      const row = find();
      const shift = row ? Math.abs(row.getBoundingClientRect().top - readingTop) : 9999;
      rounds.push({ shift, worst, hidden: 0, later: 0 });
    }
  }
  rig.client.destroy();
  rig.backend.dispose();
  return summarizeRounds(rounds);
}
